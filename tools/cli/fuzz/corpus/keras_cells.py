from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(None, 12)),
    layers.RNN([layers.LSTMCell(32), layers.GRUCell(16, reset_after=False, trainable=False)], return_sequences=True),
    layers.RNN(layers.StackedRNNCells([layers.SimpleRNNCell(8, use_bias=False)]), return_sequences=True),
    layers.Bidirectional(layers.RNN(layers.GRUCell(4))),
    layers.Dense(1),
])
