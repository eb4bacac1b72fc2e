model = nn.Sequential(
    nn.Conv1d(16, 32, 3, padding="same"),
    nn.BatchNorm1d(32),
    nn.LayerNorm([32, 100]),
    nn.GRU(100, 64, batch_first=True, bidirectional=True),
    nn.Linear(128, 10, bias=False),
    nn.Embedding(1000, 64, padding_idx=0),
    nn.RNN(1, 10, nonlinearity="relu"),
)
