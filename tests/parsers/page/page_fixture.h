// Test helpers: reads an HTML fixture from tests/data/pages/ (GPALERT_TEST_DATA), and
// builds markup by repetition.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace gpalert::testing {

inline std::string ReadPage(const std::string& name) {
  std::string path = std::string(GPALERT_TEST_DATA) + "/pages/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// `s` n times over.
inline std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace gpalert::testing
