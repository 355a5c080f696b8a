#include "common/catch_all.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace gpalert {
namespace {

TEST(CatchAllTest, ReturnsOkWhenTheTaskReturns) {
  int ran = 0;
  EXPECT_TRUE(CatchAll("task", [&] { ++ran; }).ok());
  EXPECT_EQ(ran, 1);
}

TEST(CatchAllTest, TurnsAnExceptionIntoAnInternalStatusNamingTheTask) {
  Status s = CatchAll("parsing https://x.org/feed", [] { throw std::runtime_error("boom"); });
  EXPECT_EQ(s.code(), Status::Code::kInternal);
  EXPECT_EQ(s.message(), "parsing https://x.org/feed: boom");
}

TEST(CatchAllTest, TurnsBadAllocIntoOutOfMemory) {
  Status s = CatchAll("extracting a page", [] {
    std::vector<char> huge;
    huge.reserve(static_cast<std::size_t>(-1) / 2);  // throws std::length_error or bad_alloc
  });
  EXPECT_EQ(s.code(), Status::Code::kInternal);
  EXPECT_NE(s.message().find("extracting a page: "), std::string::npos);
  EXPECT_TRUE(CatchAll("x", [] { throw std::bad_alloc(); }).message() == "x: out of memory");
}

TEST(CatchAllTest, CatchesWhatIsNotAStdException) {
  Status s = CatchAll("task", [] { throw 42; });
  EXPECT_EQ(s.message(), "task: unknown exception");
}

}  // namespace
}  // namespace gpalert
