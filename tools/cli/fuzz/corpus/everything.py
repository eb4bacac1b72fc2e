from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import *
model = Sequential()
model.add(Conv1D(32, 3, padding="same", input_shape=(100, 16)))
model.add(BatchNormalization())
model.add(MaxPooling1D(2))
model.add(GRU(64, return_sequences=True, reset_after=False))
model.add(TimeDistributed(Dense(4)))
model.add(GlobalAveragePooling1D())
model.add(RepeatVector(3))
model.add(LSTM(8))
model.add(Dropout(0.5))
model.add(Dense(1))
