# A small Transformer encoder in the way PyTorch's documentation builds one: the layer is made first and
# bound to a name, the encoder stacks copies of it, and running it on data changes no count.
import torch
import torch.nn as nn

d_model_layer = nn.TransformerEncoderLayer(16, 4, dim_feedforward=32)
encoder = nn.TransformerEncoder(d_model_layer, num_layers=2, norm=nn.LayerNorm(16))

src = torch.rand(5, 3, 16)
out = encoder(src)
