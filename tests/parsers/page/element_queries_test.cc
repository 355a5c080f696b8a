// Small element queries the extractor's scoring leans on.
#include "parsers/page/element_queries.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(ElementQueriesTest, CountsCommasInEveryFormTheScoringKnows) {
  EXPECT_EQ(CountCommas(""), 0u);
  EXPECT_EQ(CountCommas("one, two, three"), 2u);
  EXPECT_EQ(CountCommas("\xD8\xA3\xD8\x8C \xD8\xA8\xD8\x8C"), 2u);     // Arabic comma
  EXPECT_EQ(CountCommas("\xE4\xB8\x80\xEF\xBC\x8C\xE4\xBA\x8C"), 1u);  // full-width
  EXPECT_EQ(CountCommas("\xEF\xB9\x90\xEF\xB8\x90\xEF\xB8\x91\xE2\xB9\x81\xE2\xB8\xB4\xE2\xB8\xB2"),
            6u);
  // Other characters with the same lead bytes are no commas.
  EXPECT_EQ(CountCommas("\xD8\xA8 \xE2\x80\x94 \xEF\xBC\x81 \xE2\xB8"), 0u);
}

}  // namespace
}  // namespace gpalert
