# Shared layers: one Embedding and one LSTM read both inputs; their weights count once.
# The summaries this prints are tests/golden/summary/fn_shared.*.txt, from Keras's own printing code.
from tensorflow.keras.layers import Input, Embedding, LSTM, Dense, concatenate
from tensorflow.keras.models import Model

question = Input(shape=(10,), name="question")
answer = Input(shape=(10,), name="answer")
embed = Embedding(input_dim=1000, output_dim=16)
encode = LSTM(8)
joined = concatenate([encode(embed(question)), encode(embed(answer))])
out = Dense(1, activation="sigmoid")(joined)
model = Model(inputs=[question, answer], outputs=out)
