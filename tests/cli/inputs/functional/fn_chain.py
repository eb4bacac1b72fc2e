# A functional chain: Keras 3 prints it without the Connected to column, with its InputLayer row.
# The summaries this prints are tests/golden/summary/fn_chain.*.txt, from Keras's own printing code.
import keras
inputs = keras.Input(shape=(3, 1))
x = keras.layers.SimpleRNN(10)(inputs)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs=inputs, outputs=outputs)
