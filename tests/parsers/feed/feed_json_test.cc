#include "parsers/feed/feed_json.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(FeedJsonTest, WritesEveryKeyInContractOrderWithNulls) {
  ParsedFeed feed;
  std::string text = FeedToJsonText(feed);
  auto json = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"format", "encoding", "title", "link", "description",
                                      "language", "updated", "author", "entries", "warnings"}));
  EXPECT_TRUE(json["format"].is_null());
  EXPECT_EQ(json["entries"], nlohmann::ordered_json::array());
}

TEST(FeedJsonTest, EscapesStringsAndRoundTripsThroughAJsonParser) {
  ParsedFeed feed;
  feed.title = "q\"uote \\ back\nline\ttab\x01 ctl \u00e9\u2019";
  feed.updated = Instant(std::chrono::seconds(1072986501));
  FeedEntry e;
  e.id = "1";
  e.author = Person{"Name", std::nullopt, "http://x/"};
  e.categories = {"a", "b"};
  e.enclosures.push_back(Enclosure{"http://x/a.mp3", "audio/mpeg", 12345});
  e.enclosures.push_back(Enclosure{"http://x/b.mp3", std::nullopt, std::nullopt});
  feed.entries.push_back(e);
  feed.warnings = {"w1"};
  auto json = FeedToJson(feed);
  EXPECT_EQ(json["title"], *feed.title);
  EXPECT_EQ(json["updated"], "2004-01-01T19:48:21Z");
  EXPECT_EQ(json["entries"][0]["author"]["email"], nullptr);
  EXPECT_EQ(json["entries"][0]["author"]["uri"], "http://x/");
  EXPECT_EQ(json["entries"][0]["categories"], nlohmann::ordered_json({"a", "b"}));
  EXPECT_EQ(json["entries"][0]["enclosures"][0]["length"], 12345);
  EXPECT_TRUE(json["entries"][0]["enclosures"][1]["length"].is_null());
  EXPECT_TRUE(json["entries"][0]["published"].is_null());
  EXPECT_EQ(json["warnings"][0], "w1");
}

}  // namespace
}  // namespace gpalert
