# Four named inputs concatenated: a long Connected to cell, wrapped as rich wraps it.
# The summaries this prints are tests/golden/summary/fn_wide_concat.*.txt, from Keras's own printing code.
from keras import layers, Input, Model
first = Input((5,), name="first_input_with_a_long_name")
second = Input((5,), name="second")
third = Input((5,), name="third")
fourth = Input((5,), name="fourth")
ins = [first, second, third, fourth]
model = Model(ins, layers.Dense(2)(layers.Concatenate()(ins)))
