// Test helper: reads an HTML fixture from tests/data/pages/ (GPALERT_TEST_DATA).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

namespace gpalert::testing {

inline std::string ReadPage(const std::string& name) {
  std::string path = std::string(GPALERT_TEST_DATA) + "/pages/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace gpalert::testing
