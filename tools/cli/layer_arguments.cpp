// tools/cli/layer_arguments.cpp: the class names every reader knows, from the lists of layers and modules.
// SPDX-License-Identifier: MIT
#include "layer_arguments.hpp"

namespace rnnparams::cli {

std::string join_names(const std::vector<std::string_view>& names, std::string_view last_separator) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += i == 0 ? "" : i + 1 == names.size() ? last_separator : ", ";
    text += names[i];
  }
  return text;
}

namespace {

template <class... Ts>
std::string names_text(detail::type_list<Ts...> /*list*/) {
  return join_names({Ts::class_name...}, " and ");
}

/// The class names of a list and the aliases their describe() gives.
template <class... Ts>
std::vector<std::string_view> names_and_aliases(detail::type_list<Ts...> /*list*/) {
  std::vector<std::string_view> out;
  const auto add = [&]<class T>(std::type_identity<T>) {
    out.push_back(T::class_name);
    const signature& s = signature_of<T>();
    out.insert(out.end(), s.aliases.begin(), s.aliases.end());
  };
  (add(std::type_identity<Ts>{}), ...);
  return out;
}

} // namespace

std::string keras_class_names_text() { return names_text(keras::layer_types{}); }

const std::vector<std::string_view>& keras_class_names() {
  static const std::vector<std::string_view> names = names_and_aliases(keras::layer_types{});
  return names;
}

std::string torch_class_names_text() { return names_text(torch::module_types{}); }

const std::vector<std::string_view>& torch_class_names() {
  static const std::vector<std::string_view> names = names_and_aliases(torch::module_types{});
  return names;
}

} // namespace rnnparams::cli
