// rnnparams/torch/transformer.hpp: PyTorch's MultiheadAttention and the Transformer encoder and decoder
// modules made of it (torch/nn/modules/activation.py and transformer.py, PyTorch 1.13).
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/lazy.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>
#include <rnnparams/torch/activation.hpp>
#include <rnnparams/torch/layer_norm.hpp>
#include <rnnparams/torch/linear.hpp>
#include <rnnparams/torch/named_tensor.hpp>

#include <cstdint>
#include <string_view>

// =================================================================================================
// Modules made of modules. Each one lists what it holds, in the order its __init__ registers it,
// with `template <class V> constexpr void children(V& v) const`:
//   v.tensor(name, shape)            a parameter of its own (listed before any submodule, as
//                                    named_parameters() yields a module's own parameters first);
//   v.module(name, m [, class_name]) a submodule (class_name: the one torchinfo shows, if not m's);
//   v.repeated(name, class_name, n, m)  a container (ModuleList) of n copies of m, named name.0, ...
// and what its forward calls, in the order it calls it, with
// `template <class V> constexpr shape forward(V& v, inputs...) const`: `v.call(m, inputs...)` returns
// m's output shape, `v.enter(class_name, params)` / `v.leave()` bracket a container it runs through.
// named_parameters(), count_params(), output_shape() and the torchinfo rows are derived from them.
// =================================================================================================

namespace rnnparams::detail {

/// `prefix.name` (or `prefix.k.name`) as named_parameters() writes a submodule's tensor.
template <class = void> // instantiated only where it is called
constexpr torch::named_tensor torch_prefixed(std::string_view prefix, const torch::named_tensor& inner,
                                             std::uint64_t index = max_count) {
  torch::named_tensor t = inner;
  t.name = torch::tensor_name{prefix};
  t.name.push_back('.');
  if (index != max_count) {
    t.name.append_decimal(index).push_back('.');
  }
  t.name.append(inner.name.view());
  return t;
}

/// The number of entries of m.named_parameters(), without making their names.
template <class M>
constexpr std::uint64_t torch_tensor_count(const M& m);

/// children(v) walked for entry `wanted` of named_parameters(), counting the entries on the way.
struct torch_tensor_walk {
  std::string_view who;
  std::uint64_t wanted = max_count;
  std::uint64_t seen = 0;
  torch::named_tensor found{};

  constexpr void tensor(std::string_view name, const shape& s) {
    if (seen == wanted) {
      found = torch::named_tensor{torch::tensor_name{name}, s};
    }
    seen = checked_add(seen, 1, who);
  }
  template <class M>
  constexpr void module(std::string_view name, const M& m, std::string_view /*class_name*/ = {}) {
    const std::uint64_t count = torch_tensor_count(m);
    if (wanted >= seen && wanted - seen < count) {
      found = torch_prefixed(name, m.named_parameters()[wanted - seen]);
    }
    seen = checked_add(seen, count, who);
  }
  template <class M>
  constexpr void repeated(std::string_view name, std::string_view /*class_name*/, std::uint64_t n,
                          const M& m) {
    const std::uint64_t count = torch_tensor_count(m);
    const std::uint64_t all = checked_mul(n, count, who);
    if (wanted >= seen && wanted - seen < all) {
      const std::uint64_t k = wanted - seen;
      found = torch_prefixed(name, m.named_parameters()[k % count], k / count);
    }
    seen = checked_add(seen, all, who);
  }
};

/// children(v) walked for the number of tensors alone.
struct torch_tensor_counter {
  std::string_view who;
  std::uint64_t count = 0;

  constexpr void tensor(std::string_view /*name*/, const shape& /*s*/) { count = checked_add(count, 1, who); }
  template <class M>
  constexpr void module(std::string_view /*name*/, const M& m, std::string_view /*class_name*/ = {}) {
    count = checked_add(count, torch_tensor_count(m), who);
  }
  template <class M>
  constexpr void repeated(std::string_view /*name*/, std::string_view /*class_name*/, std::uint64_t n,
                          const M& m) {
    count = checked_add(count, checked_mul(n, torch_tensor_count(m), who), who);
  }
};

/// children(v) walked for sum(p.numel() for p in module.parameters()), checked.
struct torch_count_walk {
  std::string_view who;
  std::uint64_t total = 0;

  constexpr void tensor(std::string_view /*name*/, const shape& s) {
    total = checked_add(total, s.num_elements(who), who);
  }
  template <class M>
  constexpr void module(std::string_view /*name*/, const M& m, std::string_view /*class_name*/ = {}) {
    total = checked_add(total, m.count_params(), who);
  }
  template <class M>
  constexpr void repeated(std::string_view /*name*/, std::string_view /*class_name*/, std::uint64_t n,
                          const M& m) {
    total = checked_add(total, checked_mul(n, m.count_params(), who), who);
  }
};

/// forward(v, ...) walked for the output shape alone: each call is the module's own output_shape().
struct torch_shape_walk {
  template <class M, class... Inputs>
  constexpr shape call(const M& m, const Inputs&... inputs) const {
    return m.output_shape(inputs...);
  }
  constexpr void enter(std::string_view /*class_name*/, std::uint64_t /*params*/) const {}
  constexpr void leave() const {}
};

/// Whether a module is made of modules: it lists them with `children`.
template <class M>
constexpr bool torch_has_children = requires(const M& m, torch_count_walk& w) { m.children(w); };

template <class M>
constexpr std::uint64_t torch_tensor_count(const M& m) {
  if constexpr (torch_has_children<M>) {
    torch_tensor_counter c{M::who};
    m.children(c);
    return c.count;
  } else {
    return m.named_parameters().size();
  }
}

/// The Source of named_parameters() for a module made of modules: entry i is found by walking its
/// children, so a TransformerEncoder of any num_layers needs no storage.
template <class M>
struct torch_nested_tensors {
  std::string_view who;
  M module;

  [[nodiscard]] constexpr std::uint64_t size() const { return torch_tensor_count(module); }
  [[nodiscard]] constexpr torch::named_tensor at(std::uint64_t i) const {
    torch_tensor_walk w{who, i};
    module.children(w);
    return w.found;
  }
};

/// named_parameters() of a module made of modules, once its settings are checked.
template <class M>
constexpr torch::tensor_list<torch_nested_tensors<M>> torch_nested_list(const M& m) {
  static_cast<void>(m.count_params());
  return torch::tensor_list<torch_nested_tensors<M>>{{M::who, m}};
}

/// Python's `a // b` for b != 0 (rounding towards minus infinity).
constexpr std::int64_t floor_divide(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// The checks forward(query, key, value) makes, as _mha_shape_check and F.multi_head_attention_forward
/// make them, and the sizes it works with: the batch and sequence axes and whether it is batched.
struct torch_attention_sizes {
  bool batched = true;
  std::uint64_t target_length = 0; // L
  std::uint64_t source_length = 0; // S
  std::uint64_t batch = 1;         // N
};

template <class = void> // instantiated only where it is called
constexpr torch_attention_sizes torch_attention_check(std::string_view who, const shape& query,
                                                      const shape& key, const shape& value,
                                                      std::uint64_t embed_dim, std::uint64_t kdim,
                                                      std::uint64_t vdim, bool separate, bool batch_first) {
  if (query.rank() != 2 && query.rank() != 3) {
    // error here: the query is (L, N, E), (N, L, E) with batch_first, or unbatched (L, E)
    report_invalid(who, "query should be unbatched 2D or batched 3D tensor");
  }
  if (key.rank() != query.rank() || value.rank() != query.rank()) {
    // error here: key and value have the query's rank (3-D batched, 2-D unbatched)
    // clang-format off
    report_invalid(who, "expected `key` and `value` to have the rank of `query` (3-D batched, 2-D unbatched)");
    // clang-format on
  }
  if (!query.fully_known() || !key.fully_known() || !value.fully_known()) {
    // error here: give every size
    report_invalid(who, "the query's, key's and value's sizes must all be known");
  }
  const bool batched = query.rank() == 3;
  // (L, N, E) after batch_first's transpose; unbatched inputs get N = 1
  const auto sequence = [&](const shape& s) { return s[batched && batch_first ? 1 : 0].value(); };
  const auto batch = [&](const shape& s) { return batched ? s[batch_first ? 0 : 1].value() : 1; };
  if (query.back().value() != embed_dim) {
    // error here: the query's last axis is embed_dim
    report_invalid(who, "was expecting embedding dimension of embed_dim in the query's last axis");
  }
  if (separate) {
    if (sequence(key) != sequence(value) || batch(key) != batch(value)) {
      // error here: key and value have the same sequence and batch axes
      report_invalid(who, "key's sequence and batch dims do not match value's");
    }
  } else if (!(key == value)) {
    report_invalid(who, "key shape does not match value shape"); // error here: key and value have one shape
  }
  if (key.back().value() != kdim) {
    // error here: the key's last axis is kdim (embed_dim when kdim is None)
    report_invalid(who, "the key's last axis must equal kdim (embed_dim when kdim is None)");
  }
  if (value.back().value() != vdim) {
    // error here: the value's last axis is vdim (embed_dim when vdim is None)
    report_invalid(who, "the value's last axis must equal vdim (embed_dim when vdim is None)");
  }
  if (batch(key) != batch(query)) {
    // error here: the key, value and query share the batch axis
    report_invalid(who, "the key's and value's batch size must equal the query's");
  }
  return {batched, sequence(query), sequence(key), batch(query)};
}

/// TransformerEncoderLayer's and TransformerDecoderLayer's arguments.
template <class M, class D>
constexpr void describe_torch_transformer_layer(D& d) {
  d.field("d_model", &M::d_model, arg{.required = true});
  d.field("nhead", &M::nhead, arg{.required = true});
  d.field("dim_feedforward", &M::dim_feedforward);
  d.field("dropout", &M::dropout);
  d.field("activation", &M::activation);
  d.field("layer_norm_eps", &M::layer_norm_eps);
  d.field("batch_first", &M::batch_first);
  d.field("norm_first", &M::norm_first);
  d.only_true("bias", "rnnparams models PyTorch 1.13's Transformer layers", arg{.since = "PyTorch >= 2.1"});
  d.ignored("device");
  d.float32_only("dtype");
}

/// _get_activation_fn: the names a Transformer layer takes for its activation.
constexpr void check_torch_transformer_activation(std::string_view who, std::string_view activation) {
  if (activation != "relu" && activation != "gelu") {
    // error here: the activation is "relu" or "gelu" (F.relu or F.gelu)
    report_invalid(who, "activation should be relu/gelu");
  }
}

/// TransformerEncoder's and TransformerDecoder's num_layers: _get_clones makes that many copies.
constexpr std::uint64_t torch_num_layers(std::string_view who, std::int64_t num_layers) {
  if (num_layers < 0) {
    // error here: set .num_layers >= 0 (PyTorch makes no layers for a negative one)
    report_invalid(who, "num_layers must be given, and >= 0");
  }
  return static_cast<std::uint64_t>(num_layers);
}

} // namespace rnnparams::detail

// The queries of a module made of modules, all derived from its children(v), and the members the two
// Transformer layers share: macros rather than a base class, for the reason weightless.hpp gives. They are
// templates whose bodies depend on their parameter (detail/lazy.hpp): a TU instantiates only what it calls.
// Undefined at the end of the file.
#define RNNPARAMS_TORCH_NESTED_MEMBERS                                                                       \
  /** sum(p.numel() for p in module.parameters()), walking children(v). */                                   \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr std::uint64_t count_params() const {                                               \
    ::rnnparams::detail::torch_count_walk w{who};                                                            \
    ::rnnparams::detail::lazy<Lazy>(*this).children(w);                                                      \
    return w.total;                                                                                          \
  }                                                                                                          \
  /** named_parameters(): each submodule's tensors under its name, computed entry by entry. */               \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr auto named_parameters() const {                                                    \
    return ::rnnparams::detail::torch_nested_list(::rnnparams::detail::lazy<Lazy>(*this));                   \
  }                                                                                                          \
  /** None: the modules it holds have no buffers. */                                                         \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr ::rnnparams::torch::fixed_tensor_list named_buffers() const {                      \
    static_cast<void>(::rnnparams::detail::lazy<Lazy>(*this).count_params());                                \
    return ::rnnparams::torch::fixed_tensor_list{{who, {}}};                                                 \
  }                                                                                                          \
  template <class Lazy = void>                                                                               \
  [[nodiscard]] constexpr std::uint64_t count_buffers() const {                                              \
    return ::rnnparams::detail::lazy<Lazy>(*this).named_buffers().numel();                                   \
  }

#define RNNPARAMS_TORCH_TRANSFORMER_LAYER_MEMBERS                                                            \
  /** self_attn (and the decoder's multihead_attn): MultiheadAttention(d_model, nhead, dropout). */          \
  [[nodiscard]] constexpr MultiheadAttention self_attn() const {                                             \
    return MultiheadAttention{                                                                               \
        .embed_dim = d_model, .num_heads = nhead, .dropout = dropout, .batch_first = batch_first};           \
  }                                                                                                          \
  [[nodiscard]] constexpr Linear linear1() const { return Linear{d_model, dim_feedforward}; }                \
  [[nodiscard]] constexpr Linear linear2() const { return Linear{dim_feedforward, d_model}; }                \
  /** norm1, norm2 (and norm3): LayerNorm(d_model, eps=layer_norm_eps). */                                   \
  [[nodiscard]] constexpr LayerNorm norm() const {                                                           \
    return LayerNorm{{static_cast<std::uint64_t>(d_model)}, layer_norm_eps};                                 \
  }                                                                                                          \
  [[nodiscard]] constexpr Dropout dropout_module() const { return Dropout{dropout}; }                        \
  /** The checks of its own arguments; each module it holds checks its own where it is walked or run. */     \
  constexpr void own_checks() const {                                                                        \
    dropout_module().constructor_checks();                                                                   \
    ::rnnparams::detail::check_torch_transformer_activation(who, activation);                                \
  }                                                                                                          \
  /** _ff_block: linear1, the activation (a function, not a module), dropout, linear2, the last dropout. */  \
  template <class V>                                                                                         \
  constexpr shape feed_forward(V& v, const shape& x) const {                                                 \
    return v.call(dropout_module(), v.call(linear2(), v.call(dropout_module(), v.call(linear1(), x))));      \
  }

namespace rnnparams::torch {

/// attn_output and attn_output_weights, as MultiheadAttention's forward returns them.
struct attention_shapes {
  /// (L, N, E), (N, L, E) with batch_first, or (L, E) unbatched.
  rnnparams::shape attn_output;
  /// (N, L, S) averaged over the heads, (N, num_heads, L, S) without; unbatched without the N.
  rnnparams::shape attn_output_weights;
};

/// torch.nn.MultiheadAttention: in_proj_weight (3E, E), or q_proj_weight (E, E), k_proj_weight (E, kdim),
/// v_proj_weight (E, vdim) when kdim or vdim differs from E; in_proj_bias (3E); bias_k, bias_v
/// (1, 1, E) with add_bias_kv; then out_proj.weight (E, E), out_proj.bias (E).
struct MultiheadAttention {
  std::int64_t embed_dim = -1;
  std::int64_t num_heads = -1;
  double dropout = 0.0;
  bool bias = true;
  bool add_bias_kv = false;
  bool add_zero_attn = false;
  /// None: embed_dim.
  rnnparams::optional<std::int64_t> kdim{};
  /// None: embed_dim.
  rnnparams::optional<std::int64_t> vdim{};
  bool batch_first = false;

  static constexpr std::string_view class_name = "MultiheadAttention";
  static constexpr std::string_view who = "rnnparams::torch::MultiheadAttention";
  /// forward(query, key, value) takes three tensors: it cannot be a step of nn.Sequential.
  static constexpr std::string_view forward_inputs = "query, key and value";

  /// MultiheadAttention(embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False,
  /// add_zero_attn=False, kdim=None, vdim=None, batch_first=False, device=None, dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("embed_dim", &MultiheadAttention::embed_dim, arg{.required = true});
    d.field("num_heads", &MultiheadAttention::num_heads, arg{.required = true});
    d.field("dropout", &MultiheadAttention::dropout);
    d.field("bias", &MultiheadAttention::bias);
    d.field("add_bias_kv", &MultiheadAttention::add_bias_kv);
    d.field("add_zero_attn", &MultiheadAttention::add_zero_attn);
    d.field("kdim", &MultiheadAttention::kdim);
    d.field("vdim", &MultiheadAttention::vdim);
    d.field("batch_first", &MultiheadAttention::batch_first);
    d.ignored("device");
    d.float32_only("dtype");
  }

  /// __init__'s checks, in its order.
  constexpr void constructor_checks() const {
    if (num_heads <= 0) {
      // error here: num_heads must be > 0 (0 is Python's ZeroDivisionError, embed_dim // num_heads)
      detail::report_invalid(who, "num_heads must be given, and > 0");
    }
    if (detail::floor_divide(embed_dim, num_heads) * num_heads != embed_dim) {
      // error here: embed_dim is split into num_heads heads of embed_dim // num_heads each
      detail::report_invalid(who, "embed_dim must be divisible by num_heads");
    }
    if (embed_dim <= 0) {
      // error here: set .embed_dim > 0 (xavier_uniform_ divides by fan_in + fan_out, 0 for embed_dim 0)
      detail::report_invalid(who, "embed_dim must be given, and > 0");
    }
    if (kdim.value_or(0) < 0 || vdim.value_or(0) < 0) {
      // error here: kdim and vdim are sizes (None: embed_dim)
      // clang-format off
      detail::report_invalid(who, "Trying to create tensor with negative dimension: kdim and vdim must be >= 0");
      // clang-format on
    }
  }

  /// The key's and value's sizes, kdim and vdim or embed_dim.
  [[nodiscard]] constexpr std::uint64_t key_dim() const {
    return static_cast<std::uint64_t>(kdim.value_or(embed_dim));
  }
  [[nodiscard]] constexpr std::uint64_t value_dim() const {
    return static_cast<std::uint64_t>(vdim.value_or(embed_dim));
  }
  /// _qkv_same_embed_dim: one in_proj_weight, not three.
  [[nodiscard]] constexpr bool same_embed_dim() const {
    return key_dim() == static_cast<std::uint64_t>(embed_dim) &&
           value_dim() == static_cast<std::uint64_t>(embed_dim);
  }
  /// out_proj, a Linear(embed_dim, embed_dim, bias) (NonDynamicallyQuantizableLinear).
  [[nodiscard]] constexpr Linear out_proj() const { return Linear{embed_dim, embed_dim, bias}; }

  /// What __init__ registers: its own parameters, then out_proj.
  template <class V>
  constexpr void children(V& v) const {
    constructor_checks();
    const auto e = static_cast<std::uint64_t>(embed_dim);
    if (same_embed_dim()) {
      v.tensor("in_proj_weight", {detail::checked_mul(3, e, who), e});
    } else {
      v.tensor("q_proj_weight", {e, e});
      v.tensor("k_proj_weight", {e, key_dim()});
      v.tensor("v_proj_weight", {e, value_dim()});
    }
    if (bias) {
      v.tensor("in_proj_bias", {detail::checked_mul(3, e, who)});
    }
    if (add_bias_kv) {
      v.tensor("bias_k", {1, 1, e});
      v.tensor("bias_v", {1, 1, e});
    }
    v.module("out_proj", out_proj(), "NonDynamicallyQuantizableLinear");
  }

  /// count_params(): E·(E + kdim + vdim) (3E² when they are E) + E² + 4E with bias, + 2E with add_bias_kv.
  /// named_parameters(): in_proj_weight (or q_proj_weight, k_proj_weight, v_proj_weight), in_proj_bias,
  /// bias_k, bias_v, out_proj.weight, out_proj.bias.
  RNNPARAMS_TORCH_NESTED_MEMBERS

  /// forward(query, key, value, need_weights=True, average_attn_weights=True): attn_output and
  /// attn_output_weights, with PyTorch's checks of the three shapes.
  [[nodiscard]] constexpr attention_shapes forward_shapes(const shape& query, const shape& key,
                                                          const shape& value,
                                                          bool average_attn_weights = true) const {
    constructor_checks();
    const detail::torch_attention_sizes s =
        detail::torch_attention_check(who, query, key, value, static_cast<std::uint64_t>(embed_dim),
                                      key_dim(), value_dim(), !same_embed_dim(), batch_first);
    // add_bias_kv appends bias_k to the keys, add_zero_attn a row of zeros
    const std::uint64_t source = s.source_length + (add_bias_kv ? 1U : 0U) + (add_zero_attn ? 1U : 0U);
    attention_shapes out{query, {}};
    if (s.batched) {
      out.attn_output_weights.push_back(s.batch);
    }
    if (!average_attn_weights) {
      out.attn_output_weights.push_back(static_cast<std::uint64_t>(num_heads));
    }
    out.attn_output_weights.push_back(s.target_length).push_back(source);
    return out;
  }
  /// attn_output's shape: the query's.
  template <class Lazy = void>
  [[nodiscard]] constexpr shape output_shape(const shape& query, const shape& key, const shape& value) const {
    return detail::lazy<Lazy>(*this).forward_shapes(query, key, value).attn_output;
  }
};

/// torch.nn.TransformerEncoderLayer: self_attn (MultiheadAttention(d_model, nhead)), linear1
/// (d_model -> dim_feedforward), linear2 (dim_feedforward -> d_model), norm1 and norm2 (LayerNorm(d_model)),
/// and three Dropouts.
struct TransformerEncoderLayer {
  std::int64_t d_model = -1;
  std::int64_t nhead = -1;
  std::int64_t dim_feedforward = 2048;
  double dropout = 0.1;
  /// "relu" or "gelu" (F.relu, F.gelu); the activation has no parameters.
  std::string_view activation = "relu";
  double layer_norm_eps = 1e-5;
  bool batch_first = false;
  bool norm_first = false;

  static constexpr std::string_view class_name = "TransformerEncoderLayer";
  static constexpr std::string_view who = "rnnparams::torch::TransformerEncoderLayer";

  /// TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation=F.relu,
  /// layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True (PyTorch >= 2.1), device=None,
  /// dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    detail::describe_torch_transformer_layer<TransformerEncoderLayer>(d);
  }

  RNNPARAMS_TORCH_TRANSFORMER_LAYER_MEMBERS

  template <class V>
  constexpr void children(V& v) const {
    own_checks();
    v.module("self_attn", self_attn());
    v.module("linear1", linear1());
    v.module("dropout", dropout_module());
    v.module("linear2", linear2());
    v.module("norm1", norm());
    v.module("norm2", norm());
    v.module("dropout1", dropout_module());
    v.module("dropout2", dropout_module());
  }

  /// forward(src): the self-attention block and the feed-forward block, each with its LayerNorm before
  /// it (norm_first) or after its residual sum.
  template <class V>
  constexpr shape forward(V& v, const shape& src) const {
    own_checks();
    shape x = src;
    if (norm_first) { // x = x + _sa_block(norm1(x)); x = x + _ff_block(norm2(x))
      x = v.call(norm(), x);
      x = v.call(dropout_module(), v.call(self_attn(), x, x, x));
      x = v.call(norm(), x);
      return feed_forward(v, x);
    }
    // x = norm1(x + _sa_block(x)); x = norm2(x + _ff_block(x))
    x = v.call(dropout_module(), v.call(self_attn(), x, x, x));
    x = v.call(norm(), x);
    return v.call(norm(), feed_forward(v, x));
  }

  /// count_params(): 4·d²+4·d (self_attn) + 2·d·ff + ff + d (linear1, linear2) + 4·d (norm1, norm2).
  /// named_parameters(): self_attn.in_proj_weight, self_attn.in_proj_bias, self_attn.out_proj.weight,
  /// self_attn.out_proj.bias, linear1.weight, linear1.bias, linear2.weight, linear2.bias, norm1.weight,
  /// norm1.bias, norm2.weight, norm2.bias.
  RNNPARAMS_TORCH_NESTED_MEMBERS
  /// (S, N, d_model), (N, S, d_model) with batch_first, or unbatched (S, d_model): the same shape.
  template <class Lazy = void>
  [[nodiscard]] constexpr shape output_shape(const shape& src) const {
    detail::torch_shape_walk v;
    return detail::lazy<Lazy>(*this).forward(v, src);
  }
};

/// torch.nn.TransformerDecoderLayer: self_attn and multihead_attn (MultiheadAttention(d_model, nhead)),
/// linear1, linear2, norm1, norm2, norm3 and four Dropouts.
struct TransformerDecoderLayer {
  std::int64_t d_model = -1;
  std::int64_t nhead = -1;
  std::int64_t dim_feedforward = 2048;
  double dropout = 0.1;
  /// "relu" or "gelu" (F.relu, F.gelu); the activation has no parameters.
  std::string_view activation = "relu";
  double layer_norm_eps = 1e-5;
  bool batch_first = false;
  bool norm_first = false;

  static constexpr std::string_view class_name = "TransformerDecoderLayer";
  static constexpr std::string_view who = "rnnparams::torch::TransformerDecoderLayer";
  /// forward(tgt, memory) takes two tensors: it cannot be a step of nn.Sequential.
  static constexpr std::string_view forward_inputs = "tgt and memory";

  /// TransformerDecoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation=F.relu,
  /// layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True (PyTorch >= 2.1), device=None,
  /// dtype=None).
  template <class D>
  static constexpr void describe(D& d) {
    detail::describe_torch_transformer_layer<TransformerDecoderLayer>(d);
  }

  /// self_attn and multihead_attn: the same MultiheadAttention(d_model, nhead).
  RNNPARAMS_TORCH_TRANSFORMER_LAYER_MEMBERS

  template <class V>
  constexpr void children(V& v) const {
    own_checks();
    v.module("self_attn", self_attn());
    v.module("multihead_attn", self_attn());
    v.module("linear1", linear1());
    v.module("dropout", dropout_module());
    v.module("linear2", linear2());
    v.module("norm1", norm());
    v.module("norm2", norm());
    v.module("norm3", norm());
    v.module("dropout1", dropout_module());
    v.module("dropout2", dropout_module());
    v.module("dropout3", dropout_module());
  }

  /// forward(tgt, memory): self-attention on tgt, attention over memory, the feed-forward block.
  template <class V>
  constexpr shape forward(V& v, const shape& tgt, const shape& memory) const {
    own_checks();
    shape x = tgt;
    if (norm_first) {
      x = v.call(norm(), x);
      x = v.call(dropout_module(), v.call(self_attn(), x, x, x));
      x = v.call(norm(), x);
      x = v.call(dropout_module(), v.call(self_attn(), x, memory, memory));
      x = v.call(norm(), x);
      return feed_forward(v, x);
    }
    x = v.call(dropout_module(), v.call(self_attn(), x, x, x));
    x = v.call(norm(), x);
    x = v.call(dropout_module(), v.call(self_attn(), x, memory, memory));
    x = v.call(norm(), x);
    return v.call(norm(), feed_forward(v, x));
  }

  /// count_params(): 2·(4·d²+4·d) (self_attn, multihead_attn) + 2·d·ff + ff + d (linear1, linear2) + 6·d
  /// (norm1, norm2, norm3). named_parameters(): self_attn.*, multihead_attn.*, linear1.*, linear2.*, norm1.*,
  /// norm2.*, norm3.*.
  RNNPARAMS_TORCH_NESTED_MEMBERS
  /// forward(tgt, memory): tgt's shape, (T, N, d_model), (N, T, d_model) with batch_first, or (T, d_model);
  /// memory is (S, N, d_model) in the same layout.
  template <class Lazy = void>
  [[nodiscard]] constexpr shape output_shape(const shape& tgt, const shape& memory) const {
    detail::torch_shape_walk v;
    return detail::lazy<Lazy>(*this).forward(v, tgt, memory);
  }
};

/// torch.nn.TransformerEncoder: `layers`, a ModuleList of num_layers copies of encoder_layer, then the
/// optional final `norm`.
struct TransformerEncoder {
  TransformerEncoderLayer encoder_layer{};
  std::int64_t num_layers = -1;
  /// None, or the LayerNorm applied after the last layer.
  rnnparams::optional<LayerNorm> norm{};

  static constexpr std::string_view class_name = "TransformerEncoder";
  static constexpr std::string_view who = "rnnparams::torch::TransformerEncoder";

  /// TransformerEncoder(encoder_layer, num_layers, norm=None, enable_nested_tensor=True, mask_check=True).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("encoder_layer", &TransformerEncoder::encoder_layer, arg{.required = true});
    d.field("num_layers", &TransformerEncoder::num_layers, arg{.required = true});
    d.field("norm", &TransformerEncoder::norm);
    d.ignored("enable_nested_tensor");
    d.ignored("mask_check");
  }

  template <class V>
  constexpr void children(V& v) const {
    v.repeated("layers", "ModuleList", detail::torch_num_layers(who, num_layers), encoder_layer);
    if (norm) {
      v.module("norm", *norm);
    }
  }
  /// forward(src): each layer in turn, then norm.
  template <class V>
  constexpr shape forward(V& v, const shape& src) const {
    const std::uint64_t n = detail::torch_num_layers(who, num_layers);
    if (n == 0) {
      // error here: forward reads self.layers[0]
      detail::report_invalid(who, "forward needs at least one layer: index 0 is out of range");
    }
    detail::torch_count_walk count{who};
    count.repeated("layers", "ModuleList", n, encoder_layer);
    v.enter("ModuleList", count.total);
    shape x = src;
    for (std::uint64_t i = 0; i < n; ++i) {
      x = v.call(encoder_layer, x);
    }
    v.leave();
    return norm ? v.call(*norm, x) : x;
  }

  /// count_params(): num_layers · encoder_layer's + norm's. named_parameters():
  /// layers.0.self_attn.in_proj_weight, ..., layers.{num_layers-1}.norm2.bias, then norm.weight, norm.bias.
  RNNPARAMS_TORCH_NESTED_MEMBERS
  /// src's shape, after the checks of every layer and of norm.
  template <class Lazy = void>
  [[nodiscard]] constexpr shape output_shape(const shape& src) const {
    detail::torch_shape_walk v;
    return detail::lazy<Lazy>(*this).forward(v, src);
  }
};

/// torch.nn.TransformerDecoder: `layers`, a ModuleList of num_layers copies of decoder_layer, then the
/// optional final `norm`.
struct TransformerDecoder {
  TransformerDecoderLayer decoder_layer{};
  std::int64_t num_layers = -1;
  /// None, or the LayerNorm applied after the last layer.
  rnnparams::optional<LayerNorm> norm{};

  static constexpr std::string_view class_name = "TransformerDecoder";
  static constexpr std::string_view who = "rnnparams::torch::TransformerDecoder";
  /// forward(tgt, memory) takes two tensors: it cannot be a step of nn.Sequential.
  static constexpr std::string_view forward_inputs = "tgt and memory";

  /// TransformerDecoder(decoder_layer, num_layers, norm=None).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("decoder_layer", &TransformerDecoder::decoder_layer, arg{.required = true});
    d.field("num_layers", &TransformerDecoder::num_layers, arg{.required = true});
    d.field("norm", &TransformerDecoder::norm);
  }

  template <class V>
  constexpr void children(V& v) const {
    v.repeated("layers", "ModuleList", detail::torch_num_layers(who, num_layers), decoder_layer);
    if (norm) {
      v.module("norm", *norm);
    }
  }
  /// forward(tgt, memory): each layer in turn on (output, memory), then norm.
  template <class V>
  constexpr shape forward(V& v, const shape& tgt, const shape& memory) const {
    const std::uint64_t n = detail::torch_num_layers(who, num_layers);
    detail::torch_count_walk count{who};
    count.repeated("layers", "ModuleList", n, decoder_layer);
    v.enter("ModuleList", count.total);
    shape x = tgt;
    for (std::uint64_t i = 0; i < n; ++i) {
      x = v.call(decoder_layer, x, memory);
    }
    v.leave();
    return norm ? v.call(*norm, x) : x;
  }

  /// count_params(): num_layers · decoder_layer's + norm's. named_parameters():
  /// layers.0.self_attn.in_proj_weight, ..., then norm.weight, norm.bias.
  RNNPARAMS_TORCH_NESTED_MEMBERS
  /// tgt's shape, after the checks of every layer and of norm.
  template <class Lazy = void>
  [[nodiscard]] constexpr shape output_shape(const shape& tgt, const shape& memory) const {
    detail::torch_shape_walk v;
    return detail::lazy<Lazy>(*this).forward(v, tgt, memory);
  }
};

} // namespace rnnparams::torch

#undef RNNPARAMS_TORCH_NESTED_MEMBERS
#undef RNNPARAMS_TORCH_TRANSFORMER_LAYER_MEMBERS
