// The one-line message of the tc0::input_error a call throws, for pinned bad-input tests.
#pragma once
#include <string>

#include "tc0/errors.hpp"

namespace tc0_test {

// What f() throws as input_error, or `accepted` when it throws nothing.
template <class F>
std::string input_error_of(F&& f, const std::string& accepted = "(accepted)") {
  try {
    f();
  } catch (const tc0::input_error& e) {
    return e.what();
  }
  return accepted;
}

}  // namespace tc0_test
