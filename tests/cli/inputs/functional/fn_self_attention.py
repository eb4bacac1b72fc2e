# Self-attention: MultiHeadAttention(x, x), a residual add (the function form) and LayerNormalization.
# The summaries this prints are tests/golden/summary/fn_self_attention.*.txt, from Keras's own printing code.
from keras import layers
import keras
x = keras.Input(shape=(10, 32))
a = layers.MultiHeadAttention(num_heads=4, key_dim=8)(x, x)
n = layers.LayerNormalization()(layers.add([x, a]))
model = keras.Model(x, layers.Dense(1)(n))
