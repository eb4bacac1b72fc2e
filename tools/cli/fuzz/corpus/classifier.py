import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(None,)),
    layers.Embedding(10000, 128),
    layers.Bidirectional(layers.LSTM(64, return_sequences=True)),
    layers.Bidirectional(layers.LSTM(32)),
    layers.Dense(1, activation="sigmoid"),  # a probability
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.summary()
