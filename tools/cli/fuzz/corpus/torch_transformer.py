import torch
import torch.nn as nn
import torch.nn.functional as F

layer = nn.TransformerEncoderLayer(d_model=64, nhead=4, dim_feedforward=128, dropout=0.1, activation=F.gelu,
                                   layer_norm_eps=1e-6, batch_first=True, norm_first=True)
encoder = nn.TransformerEncoder(layer, num_layers=3, norm=nn.LayerNorm(64), enable_nested_tensor=False)
decoder = nn.TransformerDecoder(nn.TransformerDecoderLayer(64, 4, 128, activation="relu"), 2)
attention = nn.MultiheadAttention(64, 8, dropout=0.0, bias=False, add_bias_kv=True, add_zero_attn=True,
                                  kdim=32, vdim=None, batch_first=True)
src = torch.rand(2, 10, 64)
out = encoder(src)
