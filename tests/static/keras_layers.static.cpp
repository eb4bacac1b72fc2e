// tests/static/keras_layers.static.cpp: compile-time facts about every other Keras layer and wrapper.
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>

namespace {
namespace k = rnnparams::keras;
using rnnparams::none;
using rnnparams::shape;

// Every class of keras::layer_types declares what the rest is derived from (docs/contributing.md). A
// listed class that lacks a member fails here, with the class in the notes. (Checked here rather than in
// keras/layer.hpp, where every TU that includes the library would pay for it.)
template <class T>
constexpr bool check_listed_class() {
  // error here: a class in keras::layer_types lacks a member every layer has; the notes name the class.
  static_assert(rnnparams::detail::keras_layer_class<T>,
                "rnnparams::keras::layer_types: a listed layer lacks "
                "class_name, who, takes_a_sequence, describe(), trainable or a query");
  return true;
}
template <class... Ts>
constexpr bool check_listed_classes(rnnparams::detail::type_list<Ts...> /*list*/) {
  return (check_listed_class<Ts>() && ...);
}
static_assert(check_listed_classes(k::layer_types{}));

// REFERENCE.md's numbers.
static_assert(k::Conv1D{.filters = 32, .kernel_size = 3}.count_params({100, 16}) == 1'568);
static_assert(k::Embedding{.input_dim = 1000, .output_dim = 64}.count_params({10}) == 64'000);
static_assert(k::BatchNormalization{}.count_params({10}) == 40);
static_assert(k::BatchNormalization{}.weights({10}).non_trainable_count() == 20);
static_assert(k::Bidirectional{.layer = k::SimpleRNN{.units = 10}}.count_params({3, 1}) == 240);
static_assert(k::Bidirectional{.layer = k::SimpleRNN{.units = 10}}.compute_output_shape({3, 1}) == shape{20});

// Embedding: (V, D); the output appends D to the index shape.
static_assert(k::Embedding{.input_dim = 10, .output_dim = 4}.compute_output_shape({none}) == shape{none, 4});
static_assert(k::Embedding{.input_dim = 10, .output_dim = 4}.compute_output_shape({5, 2}) == shape{5, 2, 4});
static_assert(k::Embedding{.input_dim = 10, .output_dim = 4}.weights({5})[0].name == "embeddings");

// Conv1D: kernel (k, C/g, filters) + bias; output length per padding.
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3, .use_bias = false}.count_params({10, 4}) == 96);
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3, .groups = 2}.count_params({10, 4}) == 3 * 2 * 8 + 8);
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3, .groups = 2}.weights({10, 4})[0].shape ==
              shape{3, 2, 8});
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3}.compute_output_shape({10, 4}) == shape{8, 8});
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3, .padding = "same"}.compute_output_shape({10, 4}) ==
              shape{10, 8});
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3, .padding = "causal"}.compute_output_shape({10, 4}) ==
              shape{10, 8});
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3, .strides = 2}.compute_output_shape({10, 4}) ==
              shape{4, 8});
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3, .strides = 2, .padding = "same"}.compute_output_shape(
                  {10, 4}) == shape{5, 8});
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3, .dilation_rate = 2}.compute_output_shape({10, 4}) ==
              shape{6, 8});
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3}.compute_output_shape({none, 4}) == shape{none, 8});
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3}.compute_output_shape({3, 4}) == shape{1, 8});

// BatchNormalization and LayerNormalization.
static_assert(k::BatchNormalization{.center = false}.count_params({7, 10}) == 30);
static_assert(k::BatchNormalization{.center = false, .scale = false}.weights({10}).trainable_count() == 0);
static_assert(k::BatchNormalization{.trainable = false}.weights({10}).non_trainable_count() == 40);
static_assert(k::BatchNormalization{}.weights({10})[2].name == "moving_mean");
static_assert(k::LayerNormalization{}.count_params({7, 10}) == 20);
static_assert(k::LayerNormalization{.scale = false}.count_params({10}) == 10);
static_assert(k::LayerNormalization{}.weights({10})[1].name == "beta");

// Weightless layers.
static_assert(k::Dropout{.rate = 0.5}.count_params({3, 4}) == 0);
static_assert(k::Dropout{.rate = 0.5}.compute_output_shape({3, 4}) == shape{3, 4});
static_assert(k::Flatten{}.compute_output_shape({3, 4}) == shape{12});
static_assert(k::Flatten{}.compute_output_shape({}) == shape{1});
static_assert(k::RepeatVector{.n = 5}.compute_output_shape({8}) == shape{5, 8});
static_assert(k::GlobalAveragePooling1D{}.compute_output_shape({none, 8}) == shape{8});
static_assert(k::GlobalMaxPooling1D{.keepdims = true}.compute_output_shape({10, 8}) == shape{1, 8});
static_assert(k::MaxPooling1D{}.compute_output_shape({10, 8}) == shape{5, 8});
static_assert(k::MaxPooling1D{}.compute_output_shape({11, 8}) == shape{5, 8});
static_assert(k::MaxPooling1D{.padding = "same"}.compute_output_shape({11, 8}) == shape{6, 8});
static_assert(k::AveragePooling1D{.pool_size = 3, .strides = 1}.compute_output_shape({10, 8}) == shape{8, 8});
static_assert(k::AveragePooling1D{}.compute_output_shape({none, 8}) == shape{none, 8});
// Pooling keeps the channel axis whatever it is, so None channels stay None (Keras 3's
// compute_pooling_output_shape; after Reshape((1, -1)) of a None axis, for instance). Conv1D needs them.
static_assert(k::MaxPooling1D{}.compute_output_shape({10, none}) == shape{5, none});
static_assert(k::AveragePooling1D{.padding = "same"}.compute_output_shape({none, none}) == shape{none, none});
static_assert(k::GlobalMaxPooling1D{}.compute_output_shape({10, none}) == shape{none});
static_assert(k::GlobalAveragePooling1D{.keepdims = true}.compute_output_shape({10, none}) == shape{1, none});
static_assert(k::MaxPooling1D{}.count_params({10, none}) == 0 && k::MaxPooling1D{}.macs({10, none}) == 0U);

// Bidirectional: two copies; concat doubles the last axis, sum/mul/ave keep it.
static_assert(k::Bidirectional{.layer = k::LSTM{.units = 10}}.count_params({3, 1}) == 960);
static_assert(k::Bidirectional{.layer = k::GRU{.units = 10, .return_sequences = true}}.compute_output_shape(
                  {none, 1}) == shape{none, 20});
static_assert(k::Bidirectional{.layer = k::LSTM{.units = 10}, .merge_mode = "sum"}.compute_output_shape(
                  {3, 1}) == shape{10});
constexpr auto bi = k::Bidirectional{.layer = k::SimpleRNN{.units = 10}}.weights({3, 1});
static_assert(bi.size() == 6 && bi[0].scope == "forward" && bi[3].scope == "backward" &&
              bi[3].name == "kernel");
static_assert(
    k::Bidirectional{.layer = k::LSTM{.units = 10}, .trainable = false}.weights({3, 1}).trainable_count() ==
    0);

// TimeDistributed: the wrapped layer's weights, once; the time axis kept.
static_assert(k::TimeDistributed{.layer = k::Dense{.units = 4}}.count_params({20, 16}) == 68);
static_assert(k::TimeDistributed{.layer = k::Dense{.units = 4}}.compute_output_shape({20, 16}) ==
              shape{20, 4});
static_assert(k::TimeDistributed{.layer = k::Conv1D{.filters = 2, .kernel_size = 3}}.compute_output_shape(
                  {5, 10, 4}) == shape{5, 8, 2});
static_assert(k::TimeDistributed{.layer = k::Dense{.units = 4}, .trainable = false}
                  .weights({20, 16})
                  .non_trainable_count() == 68);

// MACs per sample (docs/keras.md): RNN T·g·(F·U + U·U), Dense positions·F·U, Conv1D L'·k·(C/g)·filters.
static_assert(k::SimpleRNN{.units = 10}.macs({3, 1}) == 3 * (10 + 100));
static_assert(k::LSTM{.units = 10}.macs({3, 1}) == 3 * 4 * (10 + 100));
static_assert(k::GRU{.units = 10}.macs({3, 1}) == 3 * 3 * (10 + 100));
static_assert(!k::GRU{.units = 10}.macs({none, 1}).has_value());
static_assert(k::Dense{.units = 1}.macs({10}) == 10);
static_assert(k::Dense{.units = 4}.macs({20, 16}) == 20 * 16 * 4);
static_assert(k::Conv1D{.filters = 8, .kernel_size = 3}.macs({10, 4}) == 8 * 3 * 4 * 8);
static_assert(k::Bidirectional{.layer = k::LSTM{.units = 10}}.macs({3, 1}) == 2 * 3 * 4 * 110);
static_assert(k::TimeDistributed{.layer = k::Dense{.units = 4}}.macs({20, 16}) == 20 * 16 * 4);
static_assert(k::Embedding{.input_dim = 10, .output_dim = 4}.macs({5}) == 0);
static_assert(k::BatchNormalization{}.macs({5, 3}) == 0);

// Weight memory.
static_assert(rnnparams::weight_bytes(131) == 524);
static_assert(rnnparams::weight_bytes(131, rnnparams::dtype::float16) == 262);
static_assert(rnnparams::weight_bytes(131, rnnparams::dtype::bfloat16) == 262);
static_assert(rnnparams::weight_bytes(131, rnnparams::dtype::float64) == 1048);
static_assert(rnnparams::weight_bytes(131, rnnparams::dtype::int8) == 131);

// for_each_weight takes any sink: this one counts the tensors, the elements of the largest and the
// backward copies, through TimeDistributed(Bidirectional(GRU)) frozen by the outer wrapper.
struct tensor_tally {
  int tensors = 0;
  int backward = 0;
  int trainable = 0;
  std::uint64_t largest = 0;
  template <class... Dims>
  constexpr void add(const char* name, bool is_trainable, Dims... dims) {
    add_in({}, name, is_trainable, dims...);
  }
  template <class... Dims>
  constexpr void add_in(std::string_view scope, const char* /*name*/, bool is_trainable, Dims... dims) {
    const std::uint64_t size = (std::uint64_t{1} * ... * static_cast<std::uint64_t>(dims));
    ++tensors;
    backward += scope == "backward" ? 1 : 0;
    trainable += is_trainable ? 1 : 0;
    largest = size > largest ? size : largest;
  }
};
constexpr tensor_tally tally(bool outer_trainable) {
  tensor_tally t;
  k::TimeDistributed{.layer = k::Bidirectional{.layer = k::GRU{.units = 4}}, .trainable = outer_trainable}
      .for_each_weight({5, 3, 2}, t);
  return t;
}
static_assert(tally(true).tensors == 6 && tally(true).backward == 3 && tally(true).trainable == 6);
static_assert(tally(false).trainable == 0);
static_assert(tally(true).largest == 4 * 12); // recurrent_kernel (4, 3·4)
static_assert(k::TimeDistributed{.layer = k::Bidirectional{.layer = k::GRU{.units = 4}}}.count_params({5, 3,
                                                                                                       2}) ==
              2 * (3 * (2 + 4) * 4 + 6 * 4));
static_assert(k::TimeDistributed{.layer = k::Bidirectional{.layer = k::GRU{.units = 4}}, .trainable = false}
                  .weights({5, 3, 2})
                  .trainable_count() == 0);
} // namespace

// ---- the one list: what is derived from keras::layer_types -------------------------------------------

// Keras's automatic names: naming.to_snake_case(class name). The expected stems were printed by Keras's
// own to_snake_case (keras/src/utils/naming.py, its three re.sub calls run with Python's re).
static_assert(rnnparams::detail::keras_snake_case("SimpleRNN") == "simple_rnn");
static_assert(rnnparams::detail::keras_snake_case("GlobalAveragePooling1D") == "global_average_pooling1d");
static_assert(rnnparams::detail::keras_snake_case("ConvLSTM2D") == "conv_lstm2d");
static_assert(rnnparams::detail::keras_snake_case("Conv1DTranspose") == "conv1d_transpose");
static_assert(rnnparams::detail::keras_snake_case("StackedRNNCells") == "stacked_rnn_cells");
static_assert(rnnparams::detail::keras_snake_case("MultiHeadAttention") == "multi_head_attention");
static_assert(rnnparams::detail::keras_snake_case("PReLU") == "p_re_lu");
static_assert(rnnparams::detail::keras_snake_case("CuDNNLSTM") == "cu_dnnlstm");
static_assert(rnnparams::detail::keras_snake_case("ABCDef") == "abc_def");
static_assert(rnnparams::detail::keras_snake_case("aBC") == "a_bc");
static_assert(rnnparams::detail::keras_snake_case("X1Y2zz") == "x1y2zz");
static_assert(rnnparams::detail::keras_snake_case("") == "");
static_assert(k::default_name(k::layer{k::GlobalMaxPooling1D{}}) == "global_max_pooling1d");
static_assert(k::default_name(k::layer{k::TimeDistributed{k::Dense{.units = 1}}}) == "time_distributed");
static_assert(k::class_name(k::layer{k::GlobalMaxPooling1D{}}) == "GlobalMaxPooling1D");
static_assert(k::class_name(k::layer{k::TimeDistributed{k::Dense{.units = 1}}}) == "TimeDistributed");
static_assert(k::returns_last_state_only(k::layer{k::Bidirectional{.layer = k::GRU{.units = 2}}}) &&
              !k::returns_last_state_only(k::layer{k::LSTM{.units = 2, .return_sequences = true}}) &&
              !k::returns_last_state_only(k::layer{k::Dense{.units = 2}}));

// The dispatch types: one alternative per listed class; TimeDistributed wraps all others, Bidirectional
// the recurrent ones.
static_assert(k::layer::size == k::layer_types::size);
static_assert(k::time_distributed_layer::size == k::layer_types::size - 1);
static_assert(std::is_same_v<k::recurrent_layer, rnnparams::one_of<k::SimpleRNN, k::LSTM, k::GRU, k::RNN>>);
static_assert(k::needs_a_sequence(k::layer{k::MaxPooling1D{}}) && !k::needs_a_sequence(k::layer{k::Dense{}}));
