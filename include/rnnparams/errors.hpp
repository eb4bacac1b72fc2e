// rnnparams/errors.hpp: the exceptions the run-time path throws.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <exception>
#include <initializer_list>
#include <new>
#include <string_view>
#if !defined(__GNUC__) && !defined(__clang__)
#include <atomic>
#endif

namespace rnnparams {

/// What every rnnparams exception is: a std::exception whose what() says which layer or model and
/// what is wrong with it. Copies share one message (copying never allocates, and never throws), so
/// the type needs neither <string> nor <stdexcept>: a TU that only checks models at compile time
/// does not pay for them.
class error : public std::exception {
public:
  /// what() is `message`.
  explicit error(std::string_view message) : error({message}) {}
  /// what() is the parts, joined: error({"rnnparams::keras::Dense", ": ", "units must be > 0"}).
  explicit error(std::initializer_list<std::string_view> parts) {
    std::size_t length = 0;
    for (std::string_view part : parts) {
      length += part.size();
    }
    // one block: the count of owners, then the text and its '\0'
    block_ = static_cast<std::size_t*>(::operator new(sizeof(std::size_t) + length + 1));
    *block_ = 1;
    char* out = text();
    for (std::string_view part : parts) {
      for (char c : part) {
        *out++ = c;
      }
    }
    *out = '\0';
  }
  error(const error& other) noexcept : std::exception(other), block_{other.block_} { acquire(); }
  error& operator=(const error& other) noexcept {
    if (this != &other) {
      release();
      block_ = other.block_;
      acquire();
    }
    return *this;
  }
  ~error() override { release(); }

  [[nodiscard]] const char* what() const noexcept override { return text(); }

private:
  [[nodiscard]] char* text() const noexcept { return reinterpret_cast<char*>(block_ + 1); }
#if defined(__GNUC__) || defined(__clang__) // the builtins <atomic> is made of, without its cost
  void acquire() noexcept { __atomic_add_fetch(block_, 1, __ATOMIC_RELAXED); }
  [[nodiscard]] std::size_t drop() noexcept { return __atomic_sub_fetch(block_, 1, __ATOMIC_ACQ_REL); }
#else
  void acquire() noexcept { std::atomic_ref<std::size_t>{*block_}.fetch_add(1, std::memory_order_relaxed); }
  [[nodiscard]] std::size_t drop() noexcept { return std::atomic_ref<std::size_t>{*block_}.fetch_sub(1) - 1; }
#endif
  void release() noexcept {
    if (drop() == 0) {
      ::operator delete(block_);
    }
  }

  std::size_t* block_;
};

/// A layer's settings or input shape are not valid; what() names the layer and the problem.
class invalid_model : public error {
public:
  using error::error;
};

/// A count or a shape does not fit in std::uint64_t.
class overflow_error : public error {
public:
  using error::error;
};

} // namespace rnnparams
