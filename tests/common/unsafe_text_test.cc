#include "common/unsafe_text.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(EscapeForTerminalTest, EscapesControlCharactersAndBidiControls) {
  EXPECT_EQ(EscapeForTerminal("Not Found\x1b[31m"), "Not Found\\x1b[31m");
  EXPECT_EQ(EscapeForTerminal("a\nfake 2026-01-01T00:00:00Z error line"),
            "a\\nfake 2026-01-01T00:00:00Z error line");
  EXPECT_EQ(EscapeForTerminal("tab\there\r"), "tab\\there\\r");
  EXPECT_EQ(EscapeForTerminal("del\x7f c1\xc2\x9b"), "del\\x7f c1\\x9b");
  EXPECT_EQ(EscapeForTerminal("abc\xe2\x80\xae"
                              "evil"),
            "abc\\u202eevil");
  EXPECT_EQ(EscapeForTerminal("bad \xff byte"), "bad \\xff byte");
}

TEST(EscapeForTerminalTest, LeavesOrdinaryTextInAnyScriptAlone) {
  std::string text =
      "caf\xc3\xa9 \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x93\xb0";
  EXPECT_EQ(EscapeForTerminal(text), text);
}

TEST(DropBidiAndInvisibleControlsTest, RemovesOverridesIsolatesAndZeroWidthSpaces) {
  EXPECT_EQ(DropBidiAndInvisibleControls("Title \xe2\x80\xae"
                                         "gnp.exe"),
            "Title gnp.exe");
  EXPECT_EQ(DropBidiAndInvisibleControls("\xe2\x81\xa6x\xe2\x81\xa9 y\xe2\x80\x8bz\xef\xbb\xbf"),
            "x yz");
}

TEST(DropBidiAndInvisibleControlsTest, KeepsJoinersAndDirectionMarks) {
  std::string text =
      "\xd9\x85\xe2\x80\x8c\xd9\x86 \xe2\x80\x8f \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb";
  EXPECT_EQ(DropBidiAndInvisibleControls(text), text);
}

}  // namespace
}  // namespace gpalert
