// tests/static/torch_recurrent.static.cpp: compile-time facts about torch RNN, LSTM and GRU.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

#include <iterator>
#include <ranges>
#include <string_view>

namespace {
namespace t = rnnparams::torch;
using rnnparams::none;
using rnnparams::shape;

// The promise, verbatim.
static_assert(t::RNN{.input_size = 1, .hidden_size = 10}.count_params() == 130);
static_assert(t::LSTM{.input_size = 10, .hidden_size = 20, .num_layers = 2, .bidirectional = true}
                  .count_params() == 15040);
static_assert(t::LSTM{.input_size = 10, .hidden_size = 20, .proj_size = 5}.count_params() == 1460);

// REFERENCE.md's PyTorch numbers (each checked against torch 1.13).
static_assert(t::LSTM{.input_size = 1, .hidden_size = 10}.count_params() == 520);
static_assert(t::GRU{.input_size = 1, .hidden_size = 10}.count_params() == 390);
static_assert(t::LSTM{.input_size = 300, .hidden_size = 512, .num_layers = 2}.count_params() == 3'768'320);
static_assert(t::BatchNorm1d{.num_features = 10}.count_params() == 20);

// More counts printed by torch 1.13.
static_assert(t::RNN{.input_size = 0, .hidden_size = 10}.count_params() ==
              120); // PyTorch allows input_size=0
static_assert(t::RNN{.input_size = 5, .hidden_size = 7, .num_layers = 3, .bias = false, .bidirectional = true}
                  .count_params() == 756);
static_assert(t::GRU{.input_size = 8, .hidden_size = 16, .num_layers = 1000}.count_params() == 1'631'616);
static_assert(t::LSTM{.input_size = 3, .hidden_size = 4, .num_layers = 2, .bias = false, .proj_size = 2}
                  .count_params() == 160);
static_assert(t::GRU{.input_size = 10, .hidden_size = 20, .num_layers = 3}.count_params() == 6'960);
static_assert(t::GRU{.input_size = 10, .hidden_size = 20, .num_layers = 2, .bidirectional = true}
                  .count_params() == 11'280);
static_assert(
    t::LSTM{.input_size = 64, .hidden_size = 128, .num_layers = 4, .bidirectional = true, .proj_size = 32}
        .count_params() == 434'176);

// G·H·(I + H) + 2·G·H per layer and direction; layers above the first take D·H_r inputs.
static_assert(t::RNN{.input_size = 1, .hidden_size = 10, .nonlinearity = "relu"}.count_params() == 130);
static_assert(t::RNN{.input_size = 1, .hidden_size = 10, .bias = false}.count_params() == 110);
static_assert(t::GRU{.input_size = 10, .hidden_size = 20, .num_layers = 3}.count_params() ==
              3 * 20 * (10 + 20) + 6 * 20 + 2 * (3 * 20 * (20 + 20) + 6 * 20));
static_assert(t::GRU{.input_size = 10, .hidden_size = 20, .num_layers = 2, .bidirectional = true}
                  .count_params() == 2 * (60 * 10 + 60 * 20 + 120) + 2 * (60 * 40 + 60 * 20 + 120));

constexpr t::LSTM projected{
    .input_size = 10, .hidden_size = 20, .num_layers = 2, .bidirectional = true, .proj_size = 5};
constexpr auto params = projected.named_parameters();
static_assert(params.size() == 20);
static_assert(params[0].name == "weight_ih_l0" && params[0].shape == shape{80, 10});
static_assert(params[1].name == "weight_hh_l0" && params[1].shape == shape{80, 5});
static_assert(params[2].name == "bias_ih_l0" && params[2].shape == shape{80});
static_assert(params[3].name == "bias_hh_l0" && params[3].shape == shape{80});
static_assert(params[4].name == "weight_hr_l0" && params[4].shape == shape{5, 20});
static_assert(params[5].name == "weight_ih_l0_reverse" && params[5].shape == shape{80, 10});
static_assert(params[9].name == "weight_hr_l0_reverse");
static_assert(params[10].name == "weight_ih_l1" && params[10].shape == shape{80, 10});
static_assert(params[19].name == "weight_hr_l1_reverse" && params[19].shape == shape{5, 20});
static_assert(params.numel() == projected.count_params());
static_assert(std::ranges::random_access_range<decltype(params)>);
static_assert(std::ranges::sized_range<decltype(params)>);
static_assert(*std::ranges::next(params.begin(), 4) == params[4]);
static_assert(params.end() - params.begin() == 20);

// Range-for in a constant expression.
constexpr bool every_bias_is_80_long() {
  for (const auto& p : projected.named_parameters()) {
    if (std::string_view{p.name}.starts_with("bias") && p.shape != shape{80}) {
      return false;
    }
  }
  return true;
}
static_assert(every_bias_is_80_long());

constexpr auto no_bias =
    t::LSTM{.input_size = 3, .hidden_size = 4, .num_layers = 2, .bias = false, .proj_size = 2}
        .named_parameters();
static_assert(no_bias.size() == 6);
static_assert(no_bias[2].name == "weight_hr_l0" && no_bias[5].name == "weight_hr_l1" &&
              no_bias[3].shape == shape{16, 2});

// Many layers: names are generated, nothing is stored.
constexpr auto deep = t::GRU{.input_size = 8, .hidden_size = 16, .num_layers = 1000}.named_parameters();
static_assert(deep.size() == 4000);
static_assert(deep[3999].name == "bias_hh_l999");
static_assert(deep[4].name == "weight_ih_l1" && deep[4].shape == shape{48, 16});
static_assert(
    t::GRU{.input_size = 8, .hidden_size = 16, .num_layers = 100}.named_parameters().numel() ==
    t::GRU{.input_size = 8, .hidden_size = 16, .num_layers = 100}.count_params()); // sum = closed form
static_assert(t::RNN{.input_size = 1, .hidden_size = 1, .num_layers = 1LL << 40}
                  .named_parameters()[(4ULL << 40) - 4]
                  .name == "weight_ih_l1099511627775");

// Output, h_n and c_n.
static_assert(projected.output_shape({7, 3, 10}) == shape{7, 3, 10});
static_assert(projected.h_n_shape({7, 3, 10}) == shape{4, 3, 5});
static_assert(projected.c_n_shape({7, 3, 10}) == shape{4, 3, 20});
static_assert(projected.h_n_shape({7, 10}) == shape{4, 5});
static_assert(t::GRU{.input_size = 10, .hidden_size = 20, .num_layers = 3}.output_shape({7, 10}) ==
              shape{7, 20});
static_assert(t::RNN{.input_size = 10, .hidden_size = 20, .batch_first = true}.h_n_shape({3, 7, 10}) ==
              shape{1, 3, 20});

} // namespace
