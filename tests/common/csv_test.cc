#include "common/csv.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

using Fields = std::vector<std::string>;

std::vector<Fields> Parse(std::string_view text) {
  auto rows = ParseCsv(text, "list.csv");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<Fields> out;
  if (rows.ok())
    for (const CsvRow& r : *rows) out.push_back(r.fields);
  return out;
}

TEST(CsvTest, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  auto rows = Parse("email,name\r\na@x.org,\"Doe, \"\"Jo\"\"\"\n\nb@x.org,\"two\nlines\"\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (Fields{"email", "name"}));
  EXPECT_EQ(rows[1], (Fields{"a@x.org", "Doe, \"Jo\""}));
  EXPECT_EQ(rows[2], (Fields{"b@x.org", "two\nlines"}));
  EXPECT_EQ(Parse("a,,\n"), (std::vector<Fields>{{"a", "", ""}}));
  EXPECT_EQ(Parse("last,row"), (std::vector<Fields>{{"last", "row"}}));
}

TEST(CsvTest, NamesTheLineAndColumnOfABadRow) {
  auto open = ParseCsv("email\n\"a@x.org\n", "list.csv");
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("not closed"), std::string::npos);
  auto stray = ParseCsv("email\nab\"c\n", "list.csv");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.status().message().rfind("list.csv:2:3:", 0), 0u) << stray.status().message();
  auto after = ParseCsv("\"a\"b\n", "list.csv");
  EXPECT_FALSE(after.ok());
  EXPECT_FALSE(ParseCsv(std::string(100, 'x'), "f", /*max_field=*/10).ok());
  EXPECT_FALSE(ParseCsv("a\nb\nc\n", "f", 100, /*max_rows=*/2).ok());
}

TEST(CsvTest, WritesWhatItReadsAndGuardsFormulas) {
  Fields row = {"a@x.org", "Doe, \"Jo\"", "=HYPERLINK(\"x\")", "two\nlines", " pad", "-5", ""};
  std::string line = CsvLine(row);
  EXPECT_NE(line.find("\"'=HYPERLINK"), std::string::npos) << line;
  EXPECT_EQ(line.substr(line.size() - 2), "\r\n");
  EXPECT_EQ(Parse(line), (std::vector<Fields>{row}));
  EXPECT_EQ(CsvLine({"plain", "text"}), "plain,text\r\n");
}

}  // namespace
}  // namespace gpalert
