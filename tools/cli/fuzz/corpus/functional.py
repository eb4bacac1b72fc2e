import keras
from keras import layers
units = 8
a = keras.Input(shape=(None, 4), name="a")
b = keras.Input((6,))
embed = layers.Embedding(100, 4)
enc = layers.Bidirectional(layers.LSTM(units, return_state=True))
out, fh, fc, bh, bc = enc(a)
_, h, c = layers.LSTM(units, return_state=True, return_sequences=True)(a, initial_state=[fh, fc])
seq = layers.GRU(units, return_sequences=True)(a)
att = layers.MultiHeadAttention(num_heads=2, key_dim=4)(seq, seq, key=seq)
mix = layers.add([seq, att])
dot = layers.Dot(axes=(2, 2))([seq, mix])
pool = layers.GlobalAveragePooling1D()(layers.AdditiveAttention()([seq, mix]))
joined = layers.concatenate([out, h, layers.Dense(units)(b), pool], axis=-1)
model = keras.Model(inputs=[a, b], outputs=[layers.Dense(1, name="y")(joined), dot], name="graph")
model.summary()
