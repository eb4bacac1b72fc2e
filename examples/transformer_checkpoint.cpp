// examples/transformer_checkpoint.cpp: will this state_dict load into my Transformer encoder, and where do
// its 3.2 million parameters sit? A C++ loader checks the names and shapes it reads against the model it
// declared, at compile time for the names its code uses and at run time for what a file holds.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

namespace t = rnnparams::torch;
using rnnparams::shape;

// The model, as the training code wrote it in PyTorch:
//   layer = nn.TransformerEncoderLayer(d_model=256, nhead=8, dim_feedforward=1024, batch_first=True)
//   encoder = nn.TransformerEncoder(layer, num_layers=4, norm=nn.LayerNorm(256))
constexpr t::TransformerEncoderLayer layer{
    .d_model = 256, .nhead = 8, .dim_feedforward = 1024, .batch_first = true};
constexpr t::TransformerEncoder encoder{.encoder_layer = layer, .num_layers = 4, .norm = t::LayerNorm{{256}}};

// What PyTorch 1.13 reports: sum(p.numel() for p in encoder.parameters()) and len(encoder.state_dict()).
static_assert(encoder.count_params() == 3'159'552);
static_assert(encoder.named_parameters().size() == 4 * 12 + 2);

/// The shape of the tensor a state_dict holds under `name`, or nothing: what a loader looks up.
template <class Module>
constexpr std::optional<shape> tensor_shape(const Module& m, std::string_view name) {
  for (const t::named_tensor& p : m.named_parameters()) {
    if (p.name == name) {
      return p.shape;
    }
  }
  return std::nullopt;
}

// The names the engine's loader reads, checked when it compiles: a model change that breaks one is a compile
// error here, not a crash at load time. It packs query, key and value as PyTorch does, in one (3·256, 256)
// matrix, and splits each into 8 heads of 32.
static_assert(tensor_shape(encoder, "layers.0.self_attn.in_proj_weight") == shape{768, 256});
static_assert(tensor_shape(encoder, "layers.3.linear1.weight") == shape{1024, 256});
static_assert(tensor_shape(encoder, "norm.bias") == shape{256});
static_assert(!tensor_shape(encoder, "layers.4.norm1.weight")); // four layers: 0 to 3
static_assert(encoder.output_shape({32, 100, 256}) == shape{32, 100, 256});

int main() {
  std::cout << "nn.TransformerEncoder(nn.TransformerEncoderLayer(256, 8, 1024, batch_first=True), 4, "
               "norm=nn.LayerNorm(256)):\n";
  std::cout << "  " << encoder.count_params() << " parameters in " << encoder.named_parameters().size()
            << " tensors; the first layer's, as state_dict() names them:\n";
  for (std::uint64_t i = 0; i < layer.named_parameters().size(); ++i) {
    const t::named_tensor p = encoder.named_parameters()[i];
    std::cout << "    " << std::string{p.name.view()} << " " << rnnparams::to_string(p.shape) << " = "
              << p.numel() << "\n";
  }
  const std::uint64_t d = 256;
  const std::uint64_t ff = 1024;
  std::cout << "  per layer: attention 4\u00b7256\u00b2 + 4\u00b7256 = " << 4 * d * d + 4 * d
            << ", feed-forward 2\u00b7256\u00b71024 + 1024 + 256 = " << 2 * d * ff + ff + d
            << ", two LayerNorms 4\u00b7256 = " << 4 * d << ": " << layer.count_params() << "\n";
  std::cout << "  4 layers \u00b7 " << layer.count_params()
            << " + the final norm 2\u00b7256 = " << encoder.count_params() << ", "
            << encoder.count_params() * 4 / 1000 << " kB of float32\n\n";

  // A checkpoint saved from another configuration: PyTorch's default d_model=512, nhead=8, 6 layers. A loader
  // reads its (name, shape) pairs from the file; here the library lists them for that model.
  constexpr t::TransformerEncoder saved{.encoder_layer = {.d_model = 512, .nhead = 8}, .num_layers = 6};
  std::uint64_t missing = 0;
  std::uint64_t mismatched = 0;
  std::uint64_t unexpected = 0;
  std::string first;
  for (const t::named_tensor& want : encoder.named_parameters()) {
    const std::optional<shape> found = tensor_shape(saved, want.name.view());
    if (!found) {
      ++missing;
    } else if (!(*found == want.shape)) {
      if (mismatched++ == 0) {
        first = std::string{want.name.view()} + ": the model wants " + rnnparams::to_string(want.shape) +
                ", the file holds " + rnnparams::to_string(*found);
      }
    }
  }
  for (const t::named_tensor& held : saved.named_parameters()) {
    unexpected += tensor_shape(encoder, held.name.view()) ? 0U : 1U;
  }
  std::cout << "Loading a checkpoint of nn.TransformerEncoder(nn.TransformerEncoderLayer(512, 8), 6):\n";
  std::cout << "  " << mismatched << " tensors of the wrong shape, " << missing << " missing, " << unexpected
            << " unexpected (layers.4 and layers.5)\n";
  std::cout << "  the first: " << first << "\n";
  std::cout << "  the missing ones: norm.weight and norm.bias, the final LayerNorm the file has none of\n";
}
