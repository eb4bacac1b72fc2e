// tools/cli/text.hpp: text helpers shared by the readers of model code and of JSON configurations.
// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace rnnparams::cli {

/// A string option (padding, merge_mode, nonlinearity...) that a layer can keep as std::string_view:
/// a literal for the values rnnparams knows, else a copy kept for the life of the program, so that a
/// value the library rejects ("full") still reaches the layer's own check and message.
std::string_view intern(std::string_view text);

/// "a JSON string \"abc\"", cut at 40 characters: a value as error messages show it.
std::string shorten(std::string text);

} // namespace rnnparams::cli
