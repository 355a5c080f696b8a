#include "alerts/digest.h"

#include <gtest/gtest.h>

#include "alerts/unsubscribe_token.h"
#include "tests/support/mime_test_util.h"

namespace gpalert {
namespace {

Instant At(const char* rfc3339) { return *ParseRfc3339Utc(rfc3339); }

StoredArticle Article(std::int64_t id, std::vector<std::string> sources, std::string title,
                      std::string url) {
  StoredArticle a;
  a.id = id;
  a.sources = std::move(sources);
  a.title = std::move(title);
  a.url = std::move(url);
  a.canonical_url = a.url;
  a.first_seen = At("2026-11-27T06:00:00Z");
  return a;
}

class DigestTest : public ::testing::Test {
 protected:
  DigestTest() {
    subscriber_.email = "reader@example.org";
    subscriber_.name = "A Reader";
    subscriber_.digest = DigestSchedule::kDaily;
    subscriber_.timezone = "Asia/Kolkata";
    mail_.from = "GP Alerts <alerts@example.org>";
    mail_.subject = "GP Alert: {count} new from {sources} ({date})";
    mail_.unsubscribe_url = "https://alerts.example.org/unsubscribe";
    mail_.unsubscribe_secret = "s3cret";
    StoredArticle a =
        Article(1, {"Pakistan Reader"}, "Deepening Pakistan-Russia ties",
                "https://example.org/view_articles.php?url=Pakistan-Reader&recordNo=1251");
    a.author = "Abigail Miriam Fernandez";
    a.summary = "Pakistan and Russia have been building on their relationship.";
    a.published = At("2021-12-01T20:00:00Z");  // 2 Dec 2021 in Kolkata
    articles_.push_back(a);
    articles_.push_back(Article(2, {"Africa Weekly", "Pakistan Reader"}, "Sahel coups",
                                "http://example.org/sahel"));
    articles_.push_back(
        Article(3, {"Pakistan Reader"}, "Second Pakistan item", "https://example.org/p2"));
  }

  DigestRequest Request() {
    DigestRequest r;
    r.subscriber = &subscriber_;
    r.articles = &articles_;
    r.source_order = {"Pakistan Reader", "Africa Weekly"};
    r.now = At("2026-11-27T01:30:00Z");
    r.digest_key = DigestKeyFor(articles_);
    return r;
  }

  DigestMessage Render() {
    auto m = RenderDigest(Request(), mail_);
    EXPECT_TRUE(m.ok()) << m.status().message();
    return m.ok() ? *m : DigestMessage{};
  }

  Subscriber subscriber_;
  MailOptions mail_;
  std::vector<StoredArticle> articles_;
};

TEST_F(DigestTest, WritesAWellFormedMessagePythonCanRead) {
  DigestMessage m = Render();
  EXPECT_EQ(testing::WireProblems(m.bytes), "");
  EXPECT_EQ(m.article_count, 3);
  auto parsed = testing::ParseWithPython(m.bytes);
  ASSERT_FALSE(parsed.contains("error")) << parsed.dump();
  EXPECT_TRUE(parsed["defects"].empty()) << parsed["defects"].dump();
  EXPECT_EQ(parsed["content_type"], "multipart/alternative");
  EXPECT_EQ(parsed["subject"], "GP Alert: 3 new from Pakistan Reader, Africa Weekly (27 Nov 2026)");
  EXPECT_EQ(parsed["subject"], m.subject);
  EXPECT_EQ(parsed["from"][1], "alerts@example.org");
  EXPECT_EQ(parsed["to"][0], "A Reader");
  EXPECT_EQ(parsed["to"][1], "reader@example.org");
  EXPECT_EQ(parsed["message_id"], m.message_id);
  std::map<std::string, std::string> headers;
  for (const auto& h : parsed["headers"]) headers[h[0]] = h[1];
  EXPECT_EQ(headers["Date"], "Fri, 27 Nov 2026 01:30:00 +0000");
  EXPECT_EQ(headers["MIME-Version"], "1.0");
  EXPECT_EQ(headers["Auto-Submitted"], "auto-generated");
  EXPECT_EQ(headers["Precedence"], "bulk");
  EXPECT_EQ(headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
  std::string token = UnsubscribeToken("s3cret", "reader@example.org");
  EXPECT_EQ(headers["List-Unsubscribe"],
            "<https://alerts.example.org/unsubscribe?email=reader%40example.org&token=" + token +
                ">, <mailto:alerts@example.org?subject=unsubscribe%20reader%40example.org>");
  std::string text = parsed["text"];
  EXPECT_NE(text.find("Deepening Pakistan-Russia ties"), std::string::npos) << text;
  EXPECT_NE(text.find("2 Dec 2021 | Abigail Miriam Fernandez"), std::string::npos) << text;
  EXPECT_NE(text.find("https://example.org/view_articles.php?url=Pakistan-Reader&recordNo=1251"),
            std::string::npos);
  std::string html = parsed["html"];
  EXPECT_NE(
      html.find(
          "<a "
          "href=\"https://example.org/view_articles.php?url=Pakistan-Reader&amp;recordNo=1251\""),
      std::string::npos)
      << html;
}

TEST_F(DigestTest, GroupsArticlesBySourceInConfiguredOrder) {
  DigestMessage m = Render();
  auto parsed = testing::ParseWithPython(m.bytes);
  std::string text = parsed["text"];
  size_t pakistan = text.find("Pakistan Reader (2)");
  size_t africa = text.find("Africa Weekly (1)");
  ASSERT_NE(pakistan, std::string::npos) << text;
  ASSERT_NE(africa, std::string::npos) << text;
  EXPECT_LT(pakistan, africa);
  // Oldest first within a group, and the cross-posted article is listed once, under its
  // first source, noting the other.
  EXPECT_LT(text.find("Deepening"), text.find("Second Pakistan item"));
  EXPECT_LT(text.find("Second Pakistan item"), africa);
  EXPECT_GT(text.find("Sahel coups"), africa);
  EXPECT_EQ(text.find("Sahel coups"), text.rfind("Sahel coups"));
  EXPECT_NE(text.find("also in: Pakistan Reader"), std::string::npos);
}

TEST_F(DigestTest, ReadersSeePublicNamesEachOnceInAlsoIn) {
  articles_ = {Article(1, {"pr-feed", "pr-listing", "cwa", "cwa-archive"}, "One note",
                       "https://example.org/one")};
  DigestRequest r = Request();
  r.source_order = {"pr-feed", "pr-listing", "cwa", "cwa-archive"};
  r.public_names = {{"pr-feed", "Pakistan Reader"},
                    {"pr-listing", "Pakistan Reader"},
                    {"cwa", "Conflict Weekly"},
                    {"cwa-archive", "Conflict Weekly"}};
  r.digest_key = DigestKeyFor(articles_);
  auto m = RenderDigest(r, mail_);
  ASSERT_TRUE(m.ok()) << m.status().message();
  auto parsed = testing::ParseWithPython(m->bytes);
  std::string text = parsed["text"];
  EXPECT_NE(text.find("Pakistan Reader (1)"), std::string::npos) << text;
  EXPECT_NE(text.find("also in: Conflict Weekly"), std::string::npos) << text;
  EXPECT_EQ(text.find("also in: Pakistan Reader"), std::string::npos) << text;
  EXPECT_EQ(text.find("Conflict Weekly, Conflict Weekly"), std::string::npos) << text;
  EXPECT_EQ(text.find("pr-feed"), std::string::npos) << "internal names stay internal";
  EXPECT_NE(m->subject.find("Pakistan Reader"), std::string::npos) << m->subject;
}

TEST_F(DigestTest, AnArticleAlertedAgainAfterAnUpdateSaysSo) {
  articles_[2].version = 1;  // changed beyond the threshold, alert_updates
  DigestMessage m = Render();
  auto parsed = testing::ParseWithPython(m.bytes);
  std::string text = parsed["text"];
  std::string html = parsed["html"];
  std::size_t second = text.find("Second Pakistan item");
  ASSERT_NE(second, std::string::npos) << text;
  EXPECT_EQ(text.find("updated"), text.find("updated", second)) << "only that entry: " << text;
  EXPECT_NE(text.find("updated", second), std::string::npos) << text;
  EXPECT_NE(html.find("updated"), std::string::npos) << html;
}

TEST_F(DigestTest, MessageIdIsStablePerSubscriberAndDigest) {
  DigestMessage first = Render();
  DigestMessage again = Render();
  EXPECT_EQ(first.message_id, again.message_id);
  EXPECT_EQ(first.bytes, again.bytes);
  EXPECT_EQ(first.message_id.back(), '>');
  EXPECT_NE(first.message_id.find("@example.org>"), std::string::npos);

  DigestRequest other_key = Request();
  other_key.digest_key = "articles:4";
  EXPECT_NE(RenderDigest(other_key, mail_)->message_id, first.message_id);
  subscriber_.email = "someone@example.org";
  EXPECT_NE(Render().message_id, first.message_id);
}

TEST_F(DigestTest, TitlesAndNamesCannotInjectHeaders) {
  subscriber_.name = "Bob\r\nBcc: victim@example.org";
  articles_[0].title = "Breaking\r\nBcc: evil@example.org\r\n\r\nfake body";
  articles_[0].sources = {"Source\nX-Evil: 1"};
  mail_.subject = "{sources}: {count}";
  DigestRequest r = Request();
  r.source_order = {};
  auto m = RenderDigest(r, mail_);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(testing::WireProblems(m->bytes), "");
  std::string head = m->bytes.substr(0, m->bytes.find("\r\n\r\n") + 2);
  for (const char* bad : {"\r\nBcc:", "\r\nX-Evil:", "\r\nfake body"}) {
    EXPECT_EQ(head.find(bad), std::string::npos) << bad << " in\n" << head;
  }
  auto parsed = testing::ParseWithPython(m->bytes);
  ASSERT_FALSE(parsed.contains("error")) << parsed.dump();
  for (const auto& h : parsed["headers"]) {
    EXPECT_NE(h[0], "Bcc");
    EXPECT_NE(h[0], "X-Evil");
  }
  EXPECT_EQ(parsed["to"][0], "Bob Bcc: victim@example.org");
  EXPECT_EQ(parsed["to"][1], "reader@example.org");
}

TEST_F(DigestTest, EscapesArticleTextInHtmlAndLinksOnlyHttp) {
  articles_[0].title = "<script>alert(1)</script> & \"quotes\"";
  articles_[0].summary = "<img src=x onerror=alert(2)>";
  articles_[1].url = "javascript:alert(3)";
  articles_[2].url = "https://example.org/a?b=1&c=\"><script>";
  auto parsed = testing::ParseWithPython(Render().bytes);
  std::string html = parsed["html"];
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"),
            std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://example.org/a?b=1&amp;c=&quot;&gt;&lt;script&gt;\""),
            std::string::npos);
  std::string text = parsed["text"];
  EXPECT_EQ(text.find("javascript:"), std::string::npos);
}

TEST_F(DigestTest, EncodesNonAsciiHeadersThatPythonDecodes) {
  subscriber_.name = "Zoë Ölund";
  articles_.resize(1);
  articles_[0].sources = {"Обзор России — “Press” 東京"};
  mail_.subject = "GP Alert: {count} new from {sources}";
  auto m = RenderDigest(Request(), mail_);
  ASSERT_TRUE(m.ok());
  std::string head = m->bytes.substr(0, m->bytes.find("\r\n\r\n"));
  for (unsigned char c : head) ASSERT_LT(c, 0x80) << "raw 8-bit header byte";
  auto parsed = testing::ParseWithPython(m->bytes);
  EXPECT_EQ(parsed["subject"], "GP Alert: 1 new from Обзор России — “Press” 東京");
  EXPECT_EQ(parsed["to"][0], "Zoë Ölund");
  std::string text = parsed["text"];
  EXPECT_NE(text.find("Обзор России"), std::string::npos);
}

TEST_F(DigestTest, OmitsOneClickPostWithoutHttpsAndFallsBackToMailto) {
  mail_.unsubscribe_url.reset();
  auto parsed = testing::ParseWithPython(Render().bytes);
  std::map<std::string, std::string> headers;
  for (const auto& h : parsed["headers"]) headers[h[0]] = h[1];
  EXPECT_EQ(headers.count("List-Unsubscribe-Post"), 0u);
  EXPECT_EQ(headers["List-Unsubscribe"],
            "<mailto:alerts@example.org?subject=unsubscribe%20reader%40example.org>");
  mail_.unsubscribe_url = "http://alerts.example.org/u?list=gp";
  parsed = testing::ParseWithPython(Render().bytes);
  headers.clear();
  for (const auto& h : parsed["headers"]) headers[h[0]] = h[1];
  EXPECT_EQ(headers.count("List-Unsubscribe-Post"), 0u);
  EXPECT_EQ(headers["List-Unsubscribe"].rfind(
                "<http://alerts.example.org/u?list=gp&email=reader%40example.org&token=", 0),
            0u);
}

TEST_F(DigestTest, KeepsHugeHostileArticlesWithinLineLimits) {
  articles_[0].title = std::string(5000, 'T');
  articles_[0].summary = std::string(100000, 'S') + "\x01\x02\xff\xfe";
  articles_[0].author = std::string(3000, 'A');
  auto m = RenderDigest(Request(), mail_);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(testing::WireProblems(m->bytes), "");
  EXPECT_LT(m->bytes.size(), 40000u);
  auto parsed = testing::ParseWithPython(m->bytes);
  EXPECT_TRUE(parsed["defects"].empty()) << parsed["defects"].dump();
}

TEST_F(DigestTest, RefusesEmptyDigestsAndBadFrom) {
  std::vector<StoredArticle> none;
  DigestRequest r = Request();
  r.articles = &none;
  EXPECT_FALSE(RenderDigest(r, mail_).ok());
  mail_.from = "not an address";
  EXPECT_FALSE(RenderDigest(Request(), mail_).ok());
}

// ---- Content modes: summary, lead, full text ----

class DigestContentTest : public DigestTest {
 protected:
  DigestContentTest() {
    articles_[0].summary =
        "Pakistan and Russia have been building on their relationship for a year now, "
        "through visits, calls and exercises.";
    ArticleBody body;
    body.lead =
        "The recent NSA level talks highlight the growing convergence in Pak-Russia "
        "relations, a lead written to be read in full.";
    body.text =
        "The recent NSA level talks highlight the growing convergence.\n\nOn 1 December, "
        "Pakistan and Russian national security advisers met in Moscow.\n\nThe recent warming "
        "of ties";
    body.html =
        "<p>The recent NSA level talks highlight the growing convergence.</p>"
        "<p onclick=\"steal()\">On 1 December, Pakistan and <b>Russian</b> national security "
        "advisers met in Moscow.<script>evil()</script></p>"
        "<figure><img src=\"/img/talks.jpg\" alt=\"The talks\"></figure>"
        "<a href=\"https://example.org/photo\"><img src=\"https://example.org/t.jpg\"></a>"
        "<h2>The recent warming of ties</h2>";
    bodies_[1] = body;
  }

  auto RenderParsed() {
    DigestRequest r = Request();
    r.bodies = &bodies_;
    auto m = RenderDigest(r, mail_);
    EXPECT_TRUE(m.ok()) << m.status().message();
    EXPECT_EQ(testing::WireProblems(m->bytes), "");
    return testing::ParseWithPython(m->bytes);
  }

  std::map<std::int64_t, ArticleBody> bodies_;
};

TEST_F(DigestContentTest, SummaryModeCutsAtSummaryChars) {
  mail_.summary_chars = 40;
  auto parsed = RenderParsed();
  std::string text = parsed["text"];
  EXPECT_NE(text.find("Pakistan and Russia have been building\xE2\x80\xA6"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("visits, calls"), std::string::npos);
  EXPECT_EQ(text.find("NSA level"), std::string::npos) << "summary mode shows no body";
  mail_.summary_chars = 600;
  text = RenderParsed()["text"];
  EXPECT_NE(text.find("visits, calls and exercises."), std::string::npos) << text;
}

TEST_F(DigestContentTest, LeadModeShowsTheStandfirstElseTheSummary) {
  subscriber_.content = DigestContentMode::kLead;
  mail_.summary_chars = 40;  // a lead is not cut at summary_chars
  auto parsed = RenderParsed();
  std::string text = parsed["text"];
  EXPECT_NE(text.find("a lead written to be read in full."), std::string::npos) << text;
  EXPECT_EQ(text.find("have been building"), std::string::npos) << text;
  EXPECT_EQ(text.find("Moscow"), std::string::npos) << "lead mode shows no body";
  // An article whose page had no lead, or that has no page, shows its summary.
  bodies_[1].lead.reset();
  text = RenderParsed()["text"];
  EXPECT_NE(text.find("Pakistan and Russia have been building"), std::string::npos) << text;
}

TEST_F(DigestContentTest, FullModePutsSanitisedArticleWithImagesAsLinks) {
  subscriber_.content = DigestContentMode::kFull;
  auto parsed = RenderParsed();
  std::string html = parsed["html"];
  EXPECT_NE(html.find("Pakistan and <b>Russian</b> national security"), std::string::npos) << html;
  EXPECT_NE(html.find("<h2>The recent warming of ties</h2>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("evil()"), std::string::npos) << html;
  EXPECT_EQ(html.find("onclick"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << "images are links, never inline:\n" << html;
  // Relative image URLs resolve against the article's URL.
  EXPECT_NE(html.find("<a href=\"https://example.org/img/talks.jpg\">[Image: The talks]</a>"),
            std::string::npos)
      << html;
  // An image inside a link becomes text: links do not nest.
  EXPECT_NE(html.find("<a href=\"https://example.org/photo\">[Image]</a>"), std::string::npos)
      << html;
  std::string text = parsed["text"];
  EXPECT_NE(text.find("  On 1 December, Pakistan and Russian national security advisers met in\n"
                      "  Moscow.\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n  The recent warming of ties\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("have been building"), std::string::npos) << "the text replaces the summary";
  EXPECT_EQ(text.find("Continue reading"), std::string::npos) << text;
  // Articles without a stored page keep their summary.
  EXPECT_NE(html.find("Sahel coups"), std::string::npos);
}

TEST_F(DigestContentTest, FullModeWithoutHtmlShowsTheTextAndKeepsListItemsApart) {
  subscriber_.content = DigestContentMode::kFull;
  bodies_[1].html.clear();  // too big to keep: the store dropped it
  bodies_[1].text = "First <para> & more.\n\nReferences\n\nItem one, 2021\nItem two, 2022";
  auto parsed = RenderParsed();
  std::string html = parsed["html"];
  EXPECT_NE(html.find(">First &lt;para&gt; &amp; more.</p>"), std::string::npos) << html;
  EXPECT_NE(html.find(">Item one, 2021<br>Item two, 2022</p>"), std::string::npos) << html;
  std::string text = parsed["text"];
  EXPECT_NE(text.find("\n  Item one, 2021\n  Item two, 2022\n"), std::string::npos) << text;
}

TEST_F(DigestContentTest, FullModePastTheCapFallsBackToSummaryAndContinueReading) {
  subscriber_.content = DigestContentMode::kFull;
  articles_[2].summary = "The second item's own summary.";
  ArticleBody second;
  second.text = std::string(3000, 'x') + "\n\nsecond body end";
  second.html = "<p>" + std::string(3000, 'x') + "</p><p>second body end</p>";
  bodies_[3] = second;
  mail_.max_full_text_bytes = 2000;  // room for the first article, not the second
  auto parsed = RenderParsed();
  std::string text = parsed["text"];
  std::string html = parsed["html"];
  EXPECT_NE(html.find("<b>Russian</b>"), std::string::npos) << html;
  EXPECT_EQ(html.find("second body end"), std::string::npos) << html;
  EXPECT_NE(text.find("The second item's own summary.\n"
                      "  Continue reading: https://example.org/p2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(html.find("<a href=\"https://example.org/p2\" style=\"color:#0b57d0;\">Continue "
                      "reading"),
            std::string::npos)
      << html;
  // Once the cap is reached later entries all fall back, even a short one.
  mail_.max_full_text_bytes = 100;
  parsed = RenderParsed();
  text = parsed["text"];
  EXPECT_EQ(text.find("Moscow"), std::string::npos) << text;
  EXPECT_NE(text.find("Continue reading: "
                      "https://example.org/view_articles.php?url=Pakistan-Reader&recordNo=1251"),
            std::string::npos)
      << text;
}

TEST(DigestOrderTest, ListsIdsInTheOrderTheDigestShowsThem) {
  auto article = [](std::int64_t id, std::string source) {
    StoredArticle a;
    a.id = id;
    a.sources = {std::move(source)};
    return a;
  };
  std::vector<StoredArticle> articles = {article(1, "B"), article(2, "Z"), article(3, "A"),
                                         article(4, "B")};
  EXPECT_EQ(DigestOrder(articles, {"B", "A"}), (std::vector<std::int64_t>{1, 4, 3, 2}));
}

TEST(DigestSubjectTest, ShortensLongSourceLists) {
  EXPECT_EQ(FormatDigestSubject("{count} from {sources}", 2, {"A", "B"}, ""), "2 from A, B");
  EXPECT_EQ(FormatDigestSubject("{sources}", 9, {"A", "B", "C"}, ""), "A, B, C");
  EXPECT_EQ(FormatDigestSubject("{sources}", 9, {"A", "B", "C", "D", "E"}, ""), "A, B and 3 more");
  std::string long_name(70, 'L');
  EXPECT_EQ(FormatDigestSubject("{sources}", 9, {long_name, "B"}, ""), long_name + " and 1 more");
  EXPECT_EQ(FormatDigestSubject("{date}: {count} {unknown}", 1, {"A"}, "1 Jan 2026"),
            "1 Jan 2026: 1 {unknown}");
}

TEST(DigestKeyTest, IsTheSortedArticleIds) {
  std::vector<StoredArticle> articles(3);
  articles[0].id = 12;
  articles[1].id = 3;
  articles[2].id = 7;
  EXPECT_EQ(DigestKeyFor(articles), "articles:3,7,12");
  // Alerted again after an update: another key, so another Message-ID.
  articles[2].version = 1;
  EXPECT_EQ(DigestKeyFor(articles), "articles:3,7.v1,12");
}

}  // namespace
}  // namespace gpalert
