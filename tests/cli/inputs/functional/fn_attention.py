# Attention over a BiLSTM, in tf.keras spelling: Dense queries attend over the BiLSTM's outputs.
# The summaries this prints are tests/golden/summary/fn_attention.*.txt, from Keras's own printing code.
import tensorflow as tf
x = tf.keras.Input(shape=(30, 16))
v = tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(32, return_sequences=True))(x)
q = tf.keras.layers.Dense(64)(v)
c = tf.keras.layers.AdditiveAttention()([q, v])
pooled = tf.keras.layers.GlobalMaxPooling1D()(c)
model = tf.keras.Model(inputs=x, outputs=tf.keras.layers.Dense(1)(pooled))
