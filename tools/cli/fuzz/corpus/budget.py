Input((None, 64)); LSTM(?); Dense(10)
