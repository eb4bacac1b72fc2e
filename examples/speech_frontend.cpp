// examples/speech_frontend.cpp: how wide is the GRU behind DeepSpeech2's convolutions, and what do they cost?
// SPDX-License-Identifier: MIT
#include <rnnparams/rnnparams.hpp>
#include <rnnparams/to_string.hpp>

#include <array>
#include <cstdint>
#include <iostream>
#include <string>

namespace t = rnnparams::torch;
using rnnparams::shape;

// The front end of DeepSpeech2 in PyTorch, on a spectrogram of 161 frequency bins:
//   nn.Conv2d(1, 32, kernel_size=(41, 11), stride=(2, 2), padding=(20, 5)), nn.BatchNorm2d(32), nn.ReLU(),
//   nn.Conv2d(32, 32, kernel_size=(21, 11), stride=(2, 1), padding=(10, 5)), nn.BatchNorm2d(32), nn.ReLU()
constexpr t::Conv2d conv1{
    .in_channels = 1, .out_channels = 32, .kernel_size = {41, 11}, .stride = {2, 2}, .padding = {20, 5}};
constexpr t::BatchNorm2d bn1{.num_features = 32};
constexpr t::Conv2d conv2{
    .in_channels = 32, .out_channels = 32, .kernel_size = {21, 11}, .stride = {2, 1}, .padding = {10, 5}};
constexpr t::BatchNorm2d bn2{.num_features = 32};

// One utterance: (batch 1, channel 1, 161 bins, 200 frames).
constexpr shape spectrogram{1, 1, 161, 200};
constexpr shape after_conv1 = conv1.output_shape(spectrogram);
constexpr shape features = bn2.output_shape(conv2.output_shape(bn1.output_shape(after_conv1)));

// The GRU reads each frame's channels × bins as one vector.
constexpr std::uint64_t gru_input = features[1].value() * features[2].value();
constexpr t::GRU gru{.input_size = static_cast<std::int64_t>(gru_input),
                     .hidden_size = 512,
                     .batch_first = true,
                     .bidirectional = true};

// What PyTorch 1.13 reports for these modules.
static_assert(features == shape{1, 32, 41, 100});
static_assert(conv1.count_params() + bn1.count_params() + conv2.count_params() + bn2.count_params() ==
              251'168);
static_assert(gru.count_params() == 5'609'472);

namespace {
// "(H + 2·p − k) / s + 1": one axis of a convolution without dilation.
std::string axis(std::int64_t in, std::int64_t k, std::int64_t s, std::int64_t p, std::uint64_t out) {
  return "(" + std::to_string(in) + " + 2\u00b7" + std::to_string(p) + " \u2212 " + std::to_string(k) +
         ") / " + std::to_string(s) + " + 1 = " + std::to_string(out);
}
} // namespace

int main() {
  std::cout << "DeepSpeech2's front end on a spectrogram " << rnnparams::to_string(spectrogram) << ":\n";
  std::cout << "  conv1 " << rnnparams::to_string(after_conv1) << ": bins "
            << axis(161, 41, 2, 20, after_conv1[2].value()) << ", frames "
            << axis(200, 11, 2, 5, after_conv1[3].value()) << "\n";
  std::cout << "  conv2 " << rnnparams::to_string(features) << ": bins "
            << axis(after_conv1[2].value(), 21, 2, 10, features[2].value()) << ", frames "
            << axis(after_conv1[3].value(), 11, 1, 5, features[3].value()) << "\n\n";

  std::cout << "Parameters, as named_parameters() lists them:\n";
  const auto list = [](const char* name, const auto& module) {
    for (const auto& p : module.named_parameters()) {
      std::cout << "  " << name << "." << std::string{p.name.view()} << " " << rnnparams::to_string(p.shape)
                << " = " << p.numel() << "\n";
    }
  };
  list("conv1", conv1);
  list("bn1", bn1);
  list("conv2", conv2);
  list("bn2", bn2);
  std::cout << "  conv1: 32\u00b71\u00b741\u00b711 + 32 = " << conv1.count_params()
            << "; conv2: 32\u00b732\u00b721\u00b711 + 32 = " << conv2.count_params()
            << "; each BatchNorm2d: 2\u00b732 = " << bn1.count_params() << " (and " << bn1.count_buffers()
            << " buffer elements, not parameters)\n";
  std::cout << "  front end: "
            << conv1.count_params() + bn1.count_params() + conv2.count_params() + bn2.count_params()
            << "\n\n";

  std::cout << "The GRU sees 32 channels \u00d7 " << features[2].value() << " bins = " << gru_input
            << " features per frame, over " << features[3].value() << " frames.\n";
  std::cout << "GRU(" << gru_input
            << ", 512, bidirectional=True): 2 directions \u00b7 3 gates \u00b7 512 \u00b7 (" << gru_input
            << " + 512 + 2) = " << gru.count_params() << " parameters, "
            << gru.count_params() * 100 / (gru.count_params() + 251'168)
            << "% of the front end and GRU together.\n";
  std::cout << "Its input weights, 2·3·512·" << gru_input << " = " << 2 * 3 * 512 * gru_input
            << ", grow with the bins that reach it: the convolutions' strides set the GRU's size.\n";
}
