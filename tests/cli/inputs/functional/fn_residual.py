# A residual connection: the LSTM's output added to its own input.
# The summaries this prints are tests/golden/summary/fn_residual.*.txt, from Keras's own printing code.
from keras import Input, Model, layers
x = Input((20, 8))
y = layers.LSTM(8, return_sequences=True)(x)
z = layers.Add()([x, y])
out = layers.Dense(1)(layers.GlobalAveragePooling1D()(z))
model = Model(x, out)
