// Article bodies for the identity tests (alerts/dedup, store): reproducible pseudo-random prose
// whose copies and variants the fingerprint must (or must not) match. Header-only; one thread.
#pragma once

#include <random>
#include <string>

namespace gpalert::testing {

// `words` words from a 5,000-word vocabulary, the same for the same `seed`.
inline std::string Prose(int words, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pick(0, 4999);
  std::string out;
  for (int i = 0; i < words; ++i) {
    if (i) out += ' ';
    out += "w" + std::to_string(pick(rng));
  }
  return out;
}

}  // namespace gpalert::testing
