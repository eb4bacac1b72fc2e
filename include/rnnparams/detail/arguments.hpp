// rnnparams/detail/arguments.hpp: the words a layer describes its constructor arguments with.
// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace rnnparams::detail {

// Every layer describes its framework's constructor once, next to its formula, in
//   template <class D> static constexpr void describe(D& d) { d.field(...); d.ignored(...); ... }
// Each call is one argument, in the order of the framework's signature, so the n-th call that is
// not keyword-only takes the n-th positional argument. The readers of the rnnparams command (Keras
// code, Keras JSON, PyTorch code and JSON), the "layer as code" formatter and the tests all walk this
// one description; none of them lists a keyword, a default or a class name again.
//
//   d.field("units", &LSTM::units, arg{.required = true});   a member: its type is the member's,
//                                                             its default the member's initializer
//   d.ignored("activation");                                  accepted, changes no count or shape
//   d.unsupported("return_state", "why");                     accepted only when absent, None, False
//                                                             or 0: a feature rnnparams cannot model
//   d.only("data_format", "channels_last", "why");            a string that must have this value
//                                                             (None stands for it)
//   d.only_true("bias", "why", arg{.since = "PyTorch >= 2.1"});
//                                                             a boolean accepted only when True
//   d.float32_only("dtype");                                  PyTorch's factory dtype: None or float32
//   d.alias("Convolution1D");                                 another class name of the same layer
//
// A field's type says how it is read: an integer, an optional integer (None), a bool, a number, an
// optional number (None), a string, a shape (an integer or a tuple of integers: PyTorch's
// normalized_shape), a torch::conv_padding (an integer or a string), or a wrapped layer.

/// How an argument of a layer's description is read and written.
struct arg {
  /// The framework raises an error without it (Keras's `units`): a reader says so, and the formatter
  /// writes it by position.
  bool required = false;
  /// Only by keyword (after Python's `*`, or Keras's `**kwargs`).
  bool keyword_only = false;
  /// An integer that may also be written as a list of one integer, as Keras writes 1-D windows
  /// (`kernel_size=(3,)`, `"pool_size": [2]`); for an int_tuple, a tuple that may also be written as
  /// one integer (Dot's `axes=-1`).
  bool one_tuple = false;
  /// The text that stands for None, for a string argument where the framework allows None
  /// (Bidirectional's merge_mode=None); empty: None is not allowed.
  std::string_view none_as = {};
  /// The framework version that added the argument ("PyTorch >= 2.1"), for messages; empty: always there.
  std::string_view since = {};
  /// A boolean that configurations saved before it existed lack, where it meant False (GRU's
  /// reset_after: Keras before 2.1.5 had only the reset_after=False GRU). Code takes the default.
  bool absent_from_old_configs_means_false = false;
};

/// Reads no value: `T::describe(probe)` compiles when T's description uses only the words above.
struct argument_probe {
  template <class Member>
  constexpr void field(std::string_view /*key*/, Member /*member*/, arg /*options*/ = {}) {}
  constexpr void ignored(std::string_view /*key*/, arg /*options*/ = {}) {}
  constexpr void unsupported(std::string_view /*key*/, std::string_view /*why*/, arg /*options*/ = {}) {}
  constexpr void only(std::string_view /*key*/, std::string_view /*value*/, std::string_view /*why*/) {}
  constexpr void last_axis(std::string_view /*key*/) {}
  constexpr void input_length(std::string_view /*key*/) {}
  constexpr void backward_layer(std::string_view /*key*/) {}
  constexpr void only_true(std::string_view /*key*/, std::string_view /*why*/, arg /*options*/ = {}) {}
  constexpr void float32_only(std::string_view /*key*/, arg /*options*/ = {}) {}
  constexpr void alias(std::string_view /*name*/) {}
};

} // namespace rnnparams::detail
