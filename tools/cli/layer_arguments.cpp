// tools/cli/layer_arguments.cpp: the class names every Keras reader knows, from keras::layer_types.
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

std::string keras_class_names_text() {
  return []<class... Ts>(detail::type_list<Ts...>) {
    return join_names({Ts::class_name...}, " and ");
  }(keras::layer_types{});
}

const std::vector<std::string_view>& keras_class_names() {
  static const std::vector<std::string_view> names = []<class... Ts>(detail::type_list<Ts...>) {
    std::vector<std::string_view> out;
    const auto add = [&]<class T>(std::type_identity<T>) {
      out.push_back(T::class_name);
      const signature& s = signature_of<T>();
      out.insert(out.end(), s.aliases.begin(), s.aliases.end());
    };
    (add(std::type_identity<Ts>{}), ...);
    return out;
  }(keras::layer_types{});
  return names;
}

} // namespace rnnparams::cli
