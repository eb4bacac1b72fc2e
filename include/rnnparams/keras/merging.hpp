// rnnparams/keras/merging.hpp: Keras's merge layers (Concatenate, Add, Subtract, Multiply, Average,
// Maximum, Minimum, Dot), called on a list of tensors in a functional model.
// SPDX-License-Identifier: MIT
#pragma once

#include <rnnparams/detail/arguments.hpp>
#include <rnnparams/detail/checked.hpp>
#include <rnnparams/detail/keras_multi_input.hpp>
#include <rnnparams/detail/report.hpp>
#include <rnnparams/int_tuple.hpp>
#include <rnnparams/optional.hpp>
#include <rnnparams/shape.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rnnparams::detail {

/// Keras 3's Merge._compute_elemwise_op_output_shape of two shapes without the batch axis: aligned at
/// their last axes (numpy's broadcasting), an axis is None if either is None, else the one that is
/// not 1; the longer shape's leading axes are kept.
constexpr shape keras_elementwise_shape(std::string_view who, const shape& first, const shape& second,
                                        const keras::input_shapes& inputs) {
  const bool first_longer = first.rank() >= second.rank();
  const shape& a = first_longer ? first : second;
  const shape& b = first_longer ? second : first;
  const std::size_t lead = a.rank() - b.rank();
  shape out;
  for (std::size_t i = 0; i < lead; ++i) {
    out.push_back(a[i]);
  }
  for (std::size_t k = 0; k < b.rank(); ++k) {
    const dim i = a[lead + k];
    const dim j = b[k];
    if (!i.known() || !j.known()) {
      out.push_back(none);
    } else if (i.value() == 1 || j.value() == 1) {
      out.push_back(i.value() == 1 ? j : i);
    } else if (i.value() != j.value()) {
      // error here: align the shapes at their last axes; each pair of sizes must be equal, or one of
      // them 1 (it is repeated), as numpy broadcasts
      // clang-format off
      keras_report_inputs(who, "Inputs have incompatible shapes: aligned at their last axes, each pair of sizes must be equal or one of them 1", inputs);
      // clang-format on
    } else {
      out.push_back(i);
    }
  }
  return out;
}

/// Keras 3's Merge.compute_output_shape: the elementwise shape of all the inputs, from the first on;
/// Subtract's build wants `exactly_two`.
constexpr shape keras_merge_output(std::string_view who, const keras::input_shapes& inputs,
                                   bool exactly_two) {
  if (exactly_two && inputs.size() != 2) {
    // clang-format off
    report_invalid(who, "A `Subtract` layer should be called on exactly 2 inputs"); // error here: [a, b]
    // clang-format on
  }
  if (inputs.empty()) {
    // clang-format off
    report_invalid(who, "a merge layer should be called on a list of at least 1 input"); // error here: pass [a, b, ...]
    // clang-format on
  }
  shape out = inputs[0];
  for (std::size_t i = 1; i < inputs.size(); ++i) {
    out = keras_elementwise_shape(who, out, inputs[i], inputs);
  }
  return out;
}

/// The position, in a shape with its batch axis first, of Keras's `axis` (negative: from the end, as a
/// Python index); `rank` counts the batch axis. Out of range is an error.
constexpr std::size_t keras_python_axis(std::string_view who, std::int64_t axis, std::size_t rank) {
  const auto r = static_cast<std::int64_t>(rank);
  if (axis >= r || axis < -r) {
    // error here: axis counts the batch axis as 0; -1 is the last axis
    report_invalid(who, "axis is out of range for the input's rank (the batch axis is axis 0)");
  }
  return static_cast<std::size_t>(axis < 0 ? axis + r : axis);
}

} // namespace rnnparams::detail

namespace rnnparams::keras {

// The elementwise merges: no weights; the output is the inputs' broadcast shape (Keras's rule, which
// makes an axis None when any input's is None).

/// The members of an elementwise merge class Name (inside its struct): only Layer's keyword arguments
/// (name, dtype, trainable), and the output of keras_merge_output.
#define RNNPARAMS_KERAS_ELEMENTWISE_MERGE(Name, exactly_two)                                                 \
  bool trainable = true;                                                                                     \
  static constexpr std::string_view class_name = #Name;                                                      \
  static constexpr std::string_view who = "rnnparams::keras::" #Name;                                        \
  template <class D>                                                                                         \
  static constexpr void describe(D& /*d*/) {}                                                                \
  [[nodiscard]] constexpr ::rnnparams::shape compute_output_shape(const input_shapes& inputs) const {        \
    return ::rnnparams::detail::keras_merge_output(who, inputs, exactly_two);                                \
  }                                                                                                          \
  RNNPARAMS_KERAS_MULTI_INPUT_WEIGHTLESS_QUERIES

/// keras.layers.Add (and layers.add): the sum of the inputs.
struct Add {
  RNNPARAMS_KERAS_ELEMENTWISE_MERGE(Add, false)
};

/// keras.layers.Subtract (and layers.subtract): the first input minus the second; exactly two inputs.
struct Subtract {
  RNNPARAMS_KERAS_ELEMENTWISE_MERGE(Subtract, true)
};

/// keras.layers.Multiply (and layers.multiply): the elementwise product of the inputs.
struct Multiply {
  RNNPARAMS_KERAS_ELEMENTWISE_MERGE(Multiply, false)
};

/// keras.layers.Average (and layers.average): the mean of the inputs.
struct Average {
  RNNPARAMS_KERAS_ELEMENTWISE_MERGE(Average, false)
};

/// keras.layers.Maximum (and layers.maximum): the elementwise maximum of the inputs.
struct Maximum {
  RNNPARAMS_KERAS_ELEMENTWISE_MERGE(Maximum, false)
};

/// keras.layers.Minimum (and layers.minimum): the elementwise minimum of the inputs.
struct Minimum {
  RNNPARAMS_KERAS_ELEMENTWISE_MERGE(Minimum, false)
};

/// keras.layers.Concatenate (and layers.concatenate): the inputs joined along `axis`, which counts the
/// batch axis as 0 (-1, the default, is the last axis). No weights.
struct Concatenate {
  std::int64_t axis = -1;
  bool trainable = true;

  static constexpr std::string_view class_name = "Concatenate";
  static constexpr std::string_view who = "rnnparams::keras::Concatenate";
  /// keras.layers.Concatenate's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    d.field("axis", &Concatenate::axis);
  }

  /// Keras 3's Concatenate.build and compute_output_shape: apart from the concatenation axis the
  /// inputs' shapes must agree (a None agrees with any size); the output is the first input's shape
  /// with the sizes along `axis` added up (None if one is None).
  [[nodiscard]] constexpr shape compute_output_shape(const input_shapes& inputs) const {
    if (inputs.empty()) {
      // clang-format off
      rnnparams::detail::report_invalid(who, "A `Concatenate` layer should be called on a list of at least 1 input"); // error here: pass [a, b, ...]
      // clang-format on
    }
    check_matching(inputs);
    // Axes counted with the batch axis first, as Keras indexes them; along the batch axis (0) the
    // output is the first input's shape.
    const std::size_t first_axis = rnnparams::detail::keras_python_axis(who, axis, inputs[0].rank() + 1);
    dim total = with_batch_axis(inputs[0], first_axis);
    for (std::size_t i = 1; i < inputs.size() && total.known(); ++i) {
      const dim d =
          with_batch_axis(inputs[i], rnnparams::detail::keras_python_axis(who, axis, inputs[i].rank() + 1));
      total = d.known() ? dim{rnnparams::detail::checked_add(total.value(), d.value(), who)} : dim{none};
    }
    shape result;
    for (std::size_t a = 0; a < inputs[0].rank(); ++a) {
      result.push_back(a + 1 == first_axis ? total : inputs[0][a]);
    }
    return result;
  }
  RNNPARAMS_KERAS_MULTI_INPUT_WEIGHTLESS_QUERIES

private:
  /// Axis `a` of s with a batch axis in front (the batch axis, 0, is None).
  [[nodiscard]] static constexpr dim with_batch_axis(const shape& s, std::size_t a) noexcept {
    return a == 0 ? dim{none} : s[a - 1];
  }

  /// Keras's build: each input without the concatenation axis (a Python `del shape[axis]`, skipped
  /// when a non-negative axis is past the end); these must all be equal, or of one rank with no two
  /// different known sizes on an axis.
  constexpr void check_matching(const input_shapes& inputs) const {
    shape reduced[input_shapes::max_size];
    bool all_equal = true;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const std::size_t rank = inputs[i].rank() + 1;
      const bool removes = axis < 0 || static_cast<std::uint64_t>(axis) < rank;
      const std::size_t removed = removes ? rnnparams::detail::keras_python_axis(who, axis, rank) : rank;
      for (std::size_t a = 0; a < rank; ++a) {
        if (a != removed) {
          reduced[i].push_back(with_batch_axis(inputs[i], a));
        }
      }
      all_equal = all_equal && reduced[i] == reduced[0];
    }
    if (all_equal) {
      return;
    }
    for (std::size_t i = 1; i < inputs.size(); ++i) {
      bool matches = reduced[i].rank() == reduced[0].rank();
      for (std::size_t a = 0; matches && a < reduced[0].rank(); ++a) {
        for (std::size_t j = 0; j < i; ++j) {
          const dim x = reduced[i][a];
          const dim y = reduced[j][a];
          matches = matches && (!x.known() || !y.known() || x == y);
        }
      }
      if (!matches) {
        // error here: the inputs' shapes may differ only along `axis` (the batch axis is axis 0, -1 the last)
        // clang-format off
        rnnparams::detail::keras_report_inputs(who, "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis", inputs);
        // clang-format on
      }
    }
  }
};

/// keras.layers.Dot (and layers.dot): the dot products of two inputs' samples along `axes`: one axis
/// for both ({1}, or {-1}), or one for each ({2, 1}); the batch axis is axis 0 and cannot be one.
/// `normalize` (cosine proximity) changes no shape. No weights.
struct Dot {
  int_tuple axes = {};
  bool normalize = false;
  bool trainable = true;

  static constexpr std::string_view class_name = "Dot";
  static constexpr std::string_view who = "rnnparams::keras::Dot";
  /// keras.layers.Dot's arguments, in the order of its signature (rnnparams/detail/arguments.hpp).
  template <class D>
  static constexpr void describe(D& d) {
    using rnnparams::detail::arg;
    d.field("axes", &Dot::axes, arg{.required = true, .one_tuple = true});
    d.field("normalize", &Dot::normalize);
  }

  /// Keras 3's Dot.build and compute_output_shape: x without its axis, then y without its axis and
  /// its batch axis; (1,) when nothing is left.
  [[nodiscard]] constexpr shape compute_output_shape(const input_shapes& inputs) const {
    const dim_pair p = positions(inputs);
    shape out;
    for (std::size_t a = 0; a < inputs[0].rank(); ++a) {
      if (a + 1 != p.first) {
        out.push_back(inputs[0][a]);
      }
    }
    for (std::size_t a = 0; a < inputs[1].rank(); ++a) {
      if (a + 1 != p.second) {
        out.push_back(inputs[1][a]);
      }
    }
    return out.rank() == 0 ? shape{1} : out;
  }
  RNNPARAMS_KERAS_MULTI_INPUT_WEIGHT_QUERIES
  /// No weights: only checks the inputs.
  template <class Out>
  constexpr void for_each_weight(const input_shapes& inputs, Out& /*out*/) const {
    static_cast<void>(compute_output_shape(inputs));
  }
  /// Multiply-accumulates per sample: one product of the summed axis's length per output element.
  [[nodiscard]] constexpr rnnparams::optional<std::uint64_t> macs(const input_shapes& inputs) const {
    const shape out = compute_output_shape(inputs);
    const dim summed = inputs[0][positions(inputs).first - 1];
    if (!out.fully_known() || !summed.known()) {
      return std::nullopt;
    }
    return rnnparams::detail::checked_mul(out.num_elements(who), summed.value(), who);
  }

private:
  struct dim_pair {
    std::size_t first = 0;
    std::size_t second = 0;
  };

  /// The two axes, with the batch axis as 0, checked as Keras's build checks them.
  [[nodiscard]] constexpr dim_pair positions(const input_shapes& inputs) const {
    if (inputs.size() != 2) {
      // clang-format off
      rnnparams::detail::report_invalid(who, "A `Dot` layer should be called on a list of 2 inputs"); // error here: [x, y]
      // clang-format on
    }
    if (axes.size() != 1 && axes.size() != 2) {
      // clang-format off
      rnnparams::detail::report_invalid(who, "axes must be an integer or a pair of integers"); // error here: axes = {1} or {1, 2}
      // clang-format on
    }
    dim_pair p;
    for (std::size_t k = 0; k < 2; ++k) {
      const auto rank = static_cast<std::int64_t>(inputs[k].rank() + 1);
      std::int64_t a = axes[axes.size() == 1 ? 0 : k];
      if (axes.size() == 1 && a < 0) {
        a = ((a % rank) + rank) % rank; // an integer axes is taken modulo each input's rank, as Keras does
      }
      const std::size_t position = rnnparams::detail::keras_python_axis(who, a, inputs[k].rank() + 1);
      if (position == 0) {
        // clang-format off
        rnnparams::detail::report_invalid(who, "cannot take the dot product over the batch axis (axis 0)"); // error here: axes >= 1
        // clang-format on
      }
      (k == 0 ? p.first : p.second) = position;
    }
    const dim x = inputs[0][p.first - 1];
    const dim y = inputs[1][p.second - 1];
    if (x.known() != y.known() || (x.known() && x.value() != y.value())) {
      // error here: the two axes the dot product sums over must have the same size (Keras also refuses
      // a None against a size)
      // clang-format off
      rnnparams::detail::keras_report_inputs(who, "Incompatible input shapes: the axes the dot product sums over differ in size", inputs);
      // clang-format on
    }
    return p;
  }
};

} // namespace rnnparams::keras
