# An encoder-decoder for character-level translation, in the form of Keras's seq2seq example: the
# encoder LSTM's last states h and c start the decoder LSTM (initial_state).
# The summaries this prints are tests/golden/summary/fn_seq2seq.*.txt, from Keras's own printing code.
import keras
from keras import layers

source_characters = 71
target_characters = 93
latent_dim = 256

source = keras.Input(shape=(None, source_characters))
encoder = layers.LSTM(latent_dim, return_state=True)
_, h, c = encoder(source)
states = [h, c]

target = keras.Input(shape=(None, target_characters))
decoder = layers.LSTM(latent_dim, return_sequences=True, return_state=True)
sequence, _, _ = decoder(target, initial_state=states)
next_character = layers.Dense(target_characters, activation="softmax")(sequence)

model = keras.Model([source, target], next_character)
model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
model.summary()
