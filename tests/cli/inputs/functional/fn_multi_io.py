# Two inputs and two outputs: a sequence and metadata, concatenated, scored and labelled.
# The summaries this prints are tests/golden/summary/fn_multi_io.*.txt, from Keras's own printing code.
from keras import layers, Model, Input
s = Input(shape=(None, 8), name="sequence")
m = Input(shape=(4,), name="meta")
j = layers.Concatenate()([layers.LSTM(16)(s), layers.Dense(16)(m)])
score = layers.Dense(1, name="score")(j)
label = layers.Dense(3, name="label")(j)
model = Model(inputs=[s, m], outputs=[score, label])
