import torch
from torch import nn

encoder = nn.LSTM(10, 20, num_layers=2, bidirectional=True)
projected = nn.LSTM(10, 20, proj_size=5)
norm = nn.BatchNorm1d(10)
