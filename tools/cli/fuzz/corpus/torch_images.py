import torch
from torch import nn

model = nn.Sequential(
    nn.Conv2d(1, 32, kernel_size=(41, 11), stride=(2, 2), padding=(20, 5), padding_mode="circular"),
    nn.BatchNorm2d(32),
    nn.MaxPool2d(2, stride=None, padding=(1, 0), dilation=1, ceil_mode=True),
    nn.AvgPool2d((1, 2), divisor_override=3),
    nn.Conv2d(32, 8, 3, padding="same", groups=4),
)
bags = nn.EmbeddingBag(1000, 64, mode="max", include_last_offset=True, padding_idx=-1)
glove = nn.Embedding.from_pretrained(torch.zeros((400, 50)), freeze=False, padding_idx=0)
