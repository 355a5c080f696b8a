#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "daemon/config/config.h"

namespace gpalert {
namespace {

namespace fs = std::filesystem;

// A fresh temporary folder holding the files of one case; removed afterwards.
class TempConfigDir {
 public:
  TempConfigDir() {
    std::string tmpl = (fs::temp_directory_path() / "gpalert-config-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
  }
  ~TempConfigDir() { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    fs::path p = fs::path(dir_) / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  std::string Path(const std::string& name) const { return (fs::path(dir_) / name).string(); }

 private:
  std::string dir_;
};

struct BadConfigCase {
  const char* name;
  std::map<std::string, std::string> files;  // "main.toml" is loaded
  const char* where;                         // "FILE:LINE:COL" relative to the folder
  const char* says;                          // a piece of the message
};

constexpr const char* kSource =
    "[[sources]]\nname = \"A\"\nurl = \"https://example.org/feed.xml\"\n";

const BadConfigCase kBadConfigs[] = {
    {"UnknownTopLevelKey",
     {{"main.toml", "sourcs = []\n"}},
     "main.toml:1:1",
     "did you mean \"sources\""},
    {"UnknownDaemonKey",
     {{"main.toml", "[daemon]\npoll_intervall = \"1h\"\n"}},
     "main.toml:2:1",
     "did you mean \"poll_interval\""},
    {"UnknownKeyWithoutNearMatch",
     {{"main.toml", "[mail]\nzzzzzzzzzz = 1\n"}},
     "main.toml:2:1",
     "valid keys: from"},
    {"WrongTypeForInteger",
     {{"main.toml", "[daemon]\nconcurrency = \"8\"\n"}},
     "main.toml:2:15",
     "must be an integer, not a string"},
    {"WrongTypeForString",
     {{"main.toml", "[daemon]\nuser_agent = 5\n"}},
     "main.toml:2:14",
     "must be a string, not an integer"},
    {"SectionIsNotATable", {{"main.toml", "daemon = 3\n"}}, "main.toml:1:10", "must be a table"},
    {"SourcesIsNotAnArrayOfTables",
     {{"main.toml", "sources = [\"a\"]\n"}},
     "main.toml:1:11",
     "array of tables"},
    {"BadDuration",
     {{"main.toml", "[daemon]\npoll_interval = \"30x\"\n"}},
     "main.toml:2:17",
     "unknown unit"},
    {"ZeroDuration",
     {{"main.toml", "[daemon]\nfetch_timeout = \"0s\"\n"}},
     "main.toml:2:17",
     "longer than zero"},
    {"BadSize", {{"main.toml", "[daemon]\nmax_body = \"ten\"\n"}}, "main.toml:2:12", "bad size"},
    {"PageNodesTooFew",
     {{"main.toml", "[daemon]\nmax_page_nodes = 10\n"}},
     "main.toml:2:18",
     "out of range"},
    {"PageMemoryTooSmall",
     {{"main.toml", "[daemon]\nmax_page_memory = \"64KiB\"\n"}},
     "main.toml:2:19",
     "at least 1MiB"},
    {"IntegerOutOfRange",
     {{"main.toml", "[daemon]\nper_host = 0\n"}},
     "main.toml:2:12",
     "out of range"},
    {"UnknownLogFormat",
     {{"main.toml", "[daemon]\nlog_format = \"xml\"\n"}},
     "main.toml:2:14",
     "use text or json"},
    {"PasswordInTheSmtpUrl",
     {{"main.toml", "[mail]\nsmtp = \"smtp://alerts:s3cret@mail.example.org:587\"\n"}},
     "main.toml:2:8",
     "\"smtp\" holds a password"},
    {"BadHttpListen",
     {{"main.toml", "[daemon]\nhttp_listen = \"localhost\"\n"}},
     "main.toml:2:15",
     "HOST:PORT"},
    {"UnknownLogLevel",
     {{"main.toml", "[daemon]\nlog_level = \"loud\"\n"}},
     "main.toml:2:13",
     "log_level"},
    {"BadSubscriberEmail",
     {{"main.toml", "[[subscribers]]\nemail = \"not-an-address\"\n"}},
     "main.toml:2:9",
     "no '@'"},
    {"EmailWithSpace",
     {{"main.toml", "[[subscribers]]\nemail = \"a b@example.org\"\n"}},
     "main.toml:2:9",
     "not allowed unquoted"},
    {"EmailWithHeaderInjection",
     {{"main.toml", "[[subscribers]]\nemail = \"a@example.org\\r\\nBcc: x@y.z\"\n"}},
     "main.toml:2:9",
     "bad e-mail address"},
    {"BadMailFrom",
     {{"main.toml", "[mail]\nfrom = \"Alerts <alerts@>\"\n"}},
     "main.toml:2:8",
     "nothing after '@'"},
    {"BadSmtpScheme",
     {{"main.toml", "[mail]\nsmtp = \"http://127.0.0.1:25\"\n"}},
     "main.toml:2:8",
     "smtp://"},
    {"UnknownStartTls",
     {{"main.toml", "[mail]\nstarttls = \"maybe\"\n"}},
     "main.toml:2:12",
     "opportunistic"},
    {"DigestMaxSizeTooSmall",
     {{"main.toml", "[mail]\ndigest_max_size = \"1KB\"\n"}},
     "main.toml:2:19",
     "at least 16KB"},
    {"DigestMaxArticlesZero",
     {{"main.toml", "[mail]\ndigest_max_articles = 0\n"}},
     "main.toml:2:23",
     "digest_max_articles"},
    {"SmtpTimeoutZero", {{"main.toml", "[mail]\ntimeout = \"0s\"\n"}}, "main.toml:2:11", "timeout"},
    {"UnknownSubjectPlaceholder",
     {{"main.toml", "[mail]\nsubject = \"{cnt} new\"\n"}},
     "main.toml:2:11",
     "{cnt}"},
    {"UnsubscribeUrlNotHttp",
     {{"main.toml", "[mail]\nunsubscribe_url = \"ftp://x.org/u\"\n"}},
     "main.toml:2:19",
     "http://"},
    {"BounceAddressWithPlus",
     {{"main.toml", "[mail]\nbounce_address = \"bounces+x@example.org\"\n"}},
     "main.toml:2:18",
     "bad \"bounce_address\" \"bounces+x@example.org\": its local part \"bounces+x\" may hold"},
    {"BounceAddressNoAddress",
     {{"main.toml", "[mail]\nbounce_address = \"bounces\"\n"}},
     "main.toml:2:18",
     "bad \"bounce_address\""},
    {"InboxMaildirMissing",
     {{"main.toml", "[mail]\ninbox_maildir = \"no-such-maildir\"\n"}},
     "main.toml:2:17",
     "no-such-maildir\" is not a Maildir (it needs new/ and cur/"},
    {"InboxIntervalTooShort",
     {{"main.toml", "[mail]\ninbox_interval = \"0s\"\n"}},
     "main.toml:2:18",
     "inbox_interval"},
    {"MissingPasswordFile",
     {{"main.toml", "[mail]\npassword_file = \"nope.txt\"\n"}},
     "main.toml:2:17",
     "cannot read password_file"},
    {"BadTimeOfDay",
     {{"main.toml", "[[subscribers]]\nemail = \"a@example.org\"\nat = \"7am\"\n"}},
     "main.toml:3:6",
     "HH:MM"},
    {"TimeOfDayOutOfRange",
     {{"main.toml", "[[subscribers]]\nemail = \"a@example.org\"\nat = \"24:00\"\n"}},
     "main.toml:3:6",
     "HH:MM"},
    {"UnknownWeekday",
     {{"main.toml", "[[subscribers]]\nemail = \"a@example.org\"\nweekday = \"caturday\"\n"}},
     "main.toml:3:11",
     "bad weekday \"caturday\""},
    {"UnknownTimezone",
     {{"main.toml", "[[subscribers]]\nemail = \"a@example.org\"\ntimezone = \"Mars/Olympus\"\n"}},
     "main.toml:3:12",
     "unknown timezone"},
    {"MisspeltTimezone",
     {{"main.toml", "[[subscribers]]\nemail = \"a@example.org\"\ntimezone = \"Asia/Kolkatta\"\n"}},
     "main.toml:3:12",
     "did you mean \"Asia/Kolkata\""},
    {"UnknownDigestKind",
     {{"main.toml", "[[subscribers]]\nemail = \"a@example.org\"\ndigest = \"hourly\"\n"}},
     "main.toml:3:10",
     "bad digest \"hourly\""},
    {"EmptyKeyword",
     {{"main.toml", "[[subscribers]]\nemail = \"a@example.org\"\nkeywords = [\" \"]\n"}},
     "main.toml:3:12",
     "has no letters or digits"},
    {"KeywordsNotStrings",
     {{"main.toml", "[[subscribers]]\nemail = \"a@example.org\"\nkeywords = [\"a\", 2]\n"}},
     "main.toml:3:18",
     "only strings"},
    {"TagsNotAnArray",
     {{"main.toml", std::string(kSource) + "tags = \"x\"\n"}},
     "main.toml:4:8",
     "array of strings"},
    {"DuplicateSourceName",
     {{"main.toml", std::string(kSource) + "\n" + kSource}},
     "main.toml:6:8",
     "duplicate source name \"A\" (first defined at "},
    {"DuplicateSubscriberEmail",
     {{"main.toml",
       "[[subscribers]]\nemail = \"a@example.org\"\n[[subscribers]]\nemail = \"A@Example.org\"\n"}},
     "main.toml:4:9",
     "duplicate subscriber"},
    {"SubscriberNamesUnknownSource",
     {{"main.toml", std::string(kSource) +
                        "[[subscribers]]\nemail = \"a@example.org\"\nsources = [\"A\", \"a \"]\n"}},
     "main.toml:6:17",
     "did you mean \"A\""},
    {"BadLinkPattern",
     {{"main.toml",
       "[[sources]]\nname = \"P\"\nurl = \"https://x.org/\"\ntype = \"page\"\nlink_pattern = "
       "\"([\"\n"}},
     "main.toml:5:16",
     "bad \"link_pattern\" regex"},
    {"LinkPatternRe2Rejects",
     {{"main.toml",
       "[[sources]]\nname = \"P\"\nurl = \"https://x.org/\"\ntype = \"page\"\nlink_pattern = "
       "'(a)\\1'\n"}},
     "main.toml:5:16",
     "RE2 syntax"},
    {"LinkPatternOnFeed",
     {{"main.toml", std::string(kSource) + "link_pattern = \"x\"\n"}},
     "main.toml:4:16",
     "only to type = \"page\""},
    {"NonHttpSourceUrl",
     {{"main.toml", "[[sources]]\nname = \"A\"\nurl = \"ftp://example.org/feed\"\n"}},
     "main.toml:3:7",
     "http:// or https://"},
    {"RelativeSourceUrl",
     {{"main.toml", "[[sources]]\nname = \"A\"\nurl = \"/feed.xml\"\n"}},
     "main.toml:3:7",
     "absolute"},
    {"UnknownSourceType",
     {{"main.toml", std::string(kSource) + "type = \"rss\"\n"}},
     "main.toml:4:8",
     "use \"feed\" or \"page\""},
    {"MissingSourceName",
     {{"main.toml", "\n[[sources]]\nurl = \"https://x.org/\"\n"}},
     "main.toml:2:1",
     "missing \"name\""},
    {"MissingSourceUrl",
     {{"main.toml", "[[sources]]\nname = \"A\"\n"}},
     "main.toml:1:1",
     "missing \"url\""},
    {"MissingSubscriberEmail",
     {{"main.toml", "[[subscribers]]\nname = \"A\"\n"}},
     "main.toml:1:1",
     "missing \"email\""},
    {"TomlSyntaxError", {{"main.toml", "[daemon]\nbackfill = \"3d\n"}}, "main.toml:2:", "string"},
    {"DuplicateTomlKey",
     {{"main.toml", "[daemon]\nbackfill = \"3d\"\nbackfill = \"4d\"\n"}},
     "main.toml:3:",
     ""},
    {"IncludedFileFails",
     {{"main.toml", "include = [\"sources.d/*.toml\"]\n"},
      {"sources.d/a.toml", kSource},
      {"sources.d/b.toml",
       "[[sources]]\nname = \"B\"\nurl = \"https://x.org/\"\ninterval = \"soon\"\n"}},
     "sources.d/b.toml:4:12",
     "(included from "},
    {"IncludedFileDuplicatesMainSource",
     {{"main.toml", std::string("include = [\"more/*.toml\"]\n") + kSource},
      {"more/a.toml", kSource}},
     "more/a.toml:2:8",
     "duplicate source name"},
    {"IncludedFileMayNotHoldDaemon",
     {{"main.toml", "include = [\"x.toml\"]\n"}, {"x.toml", "[daemon]\nbackfill = \"1d\"\n"}},
     "x.toml:1:2",
     "unknown key \"daemon\" in an included file"},
    {"IncludeIsNotAList",
     {{"main.toml", "include = \"x.toml\"\n"}},
     "main.toml:1:11",
     "array of strings"},
    {"UnknownRetentionKey",
     {{"main.toml", "[retention]\narticle = \"10d\"\n"}},
     "main.toml:2:1",
     "did you mean \"articles\""},
    {"RetentionIsNotATable",
     {{"main.toml", "retention = \"30d\"\n"}},
     "main.toml:1:13",
     "must be a table"},
    {"RetentionZeroDuration",
     {{"main.toml", "[retention]\noutbox = \"0s\"\n"}},
     "main.toml:2:10",
     "\"outbox\" must be longer than zero"},
    {"RetentionBadDuration",
     {{"main.toml", "[retention]\narticles = \"half a year\"\n"}},
     "main.toml:2:12",
     "bad duration"},
    {"DedupShorterThanArticles",
     {{"main.toml", "[retention]\narticles = \"200d\"\ndedup = \"100d\"\n"}},
     "main.toml:3:9",
     "\"dedup\" (100 d) is shorter than \"articles\" (200 d)"},
    {"ArticlesLongerThanTheDefaultDedup",
     {{"main.toml", "[retention]\narticles = \"400d\"\n"}},
     "main.toml:2:12",
     "\"dedup\" (365 d) is shorter than \"articles\" (400 d)"},
    {"IncludedFileMayNotHoldRetention",
     {{"main.toml", "include = [\"x.toml\"]\n"}, {"x.toml", "[retention]\ndedup = \"1d\"\n"}},
     "x.toml:1:2",
     "unknown key \"retention\" in an included file"},
    {"DedupThresholdOutOfRange",
     {{"main.toml", "[dedup]\nthreshold = 1.5\n"}},
     "main.toml:2:13",
     "\"threshold\" = 1.5 is out of range (use 0 to 1)"},
    {"DedupThresholdNotANumber",
     {{"main.toml", "[dedup]\nthreshold = \"high\"\n"}},
     "main.toml:2:13",
     "\"threshold\" in [dedup] must be a number"},
    {"CanonicalNotATable",
     {{"main.toml", "[[sources]]\nname = \"A\"\nurl = \"https://a.example/\"\ncanonical = 1\n"}},
     "main.toml:4:13",
     "\"canonical\" must be a table"},
    {"CanonicalUnknownKey",
     {{"main.toml",
       "[[sources]]\nname = \"A\"\nurl = \"https://a.example/\"\ncanonical.keys = [\"id\"]\n"}},
     "main.toml:4:",
     "unknown key \"keys\""},
    {"DisplayNameEmpty",
     {{"main.toml",
       "[[sources]]\nname = \"A\"\nurl = \"https://a.example/\"\ndisplay_name = \" \"\n"}},
     "main.toml:4:16",
     "\"display_name\" must be non-empty"},
    {"BadSubscriberContent",
     {{"main.toml", "[[subscribers]]\nemail = \"a@example.org\"\ncontent = \"fulltext\"\n"}},
     "main.toml:3:11",
     "bad content \"fulltext\" (use \"summary\", \"lead\" or \"full\")"},
    {"SummaryCharsOutOfRange",
     {{"main.toml", "[mail]\nsummary_chars = 5000\n"}},
     "main.toml:2:17",
     "\"summary_chars\" = 5000 is out of range (use 20 to 2000)"},
    {"FullTextCapOverTheDigestSize",
     {{"main.toml", "[mail]\ndigest_max_size = \"100KB\"\nmax_full_text_size = \"1MB\"\n"}},
     "main.toml:3:22",
     "\"max_full_text_size\" (1000000 bytes) is more than \"digest_max_size\""},
    {"IncludeLoop",
     {{"main.toml", "include = [\"x.toml\"]\n"}, {"x.toml", "include = [\"x.toml\"]\n"}},
     "x.toml:1:1",
     "included twice"},
};

class BadConfigTest : public ::testing::TestWithParam<BadConfigCase> {};

TEST_P(BadConfigTest, IsRejectedWithFileLineAndColumn) {
  const BadConfigCase& c = GetParam();
  TempConfigDir dir;
  for (const auto& [name, text] : c.files) dir.Write(name, text);
  auto config = LoadConfig(dir.Path("main.toml"));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), Status::Code::kInvalidArgument);
  const std::string& message = config.status().message();
  std::string where = dir.Path(c.where);
  EXPECT_EQ(message.substr(0, where.size()), where) << message;
  if (where.back() != ':') {
    EXPECT_EQ(message.substr(where.size(), 2), ": ") << message;
  }
  EXPECT_NE(message.find(c.says), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
}

INSTANTIATE_TEST_SUITE_P(Cases, BadConfigTest, ::testing::ValuesIn(kBadConfigs),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ConfigLoaderTest, LoadsEveryKeyOfTheSchemaAndItsIncludes) {
  std::string dir = std::string(GPALERT_TEST_DATA) + "/config/good";
  auto config = LoadConfig(dir + "/gpalert.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  const Config& c = *config;
  EXPECT_EQ(c.path, fs::path(dir + "/gpalert.toml").lexically_normal().string());
  EXPECT_EQ(c.daemon.state_dir, fs::path(dir + "/var").lexically_normal().string());
  EXPECT_EQ(c.daemon.poll_interval.count(), 15 * 60);
  EXPECT_EQ(c.daemon.backfill.count(), 2 * 86400);
  EXPECT_EQ(c.daemon.user_agent, "gpalert-test/1");
  EXPECT_EQ(c.daemon.concurrency, 8);
  EXPECT_EQ(c.daemon.per_host, 1);
  EXPECT_EQ(c.daemon.fetch_timeout.count(), 20);
  EXPECT_EQ(c.daemon.max_body, 5u * 1024 * 1024);
  EXPECT_EQ(c.daemon.http_listen, "127.0.0.1:8086");
  EXPECT_EQ(c.daemon.log_level, "debug");

  EXPECT_EQ(c.mail.from, "\"GP Alerts, Inc.\" <alerts@example.org>");
  EXPECT_FALSE(c.mail.smtp.has_value());
  EXPECT_EQ(c.mail.maildir, c.daemon.state_dir + "/maildir");
  EXPECT_EQ(c.mail.subject, "GP Alert: {count} new from {sources} ({date})");
  EXPECT_EQ(c.mail.unsubscribe_url, "https://alerts.example.org/unsubscribe");
  EXPECT_EQ(c.mail.send_timeout.count(), 45);
  EXPECT_EQ(c.mail.digest_max_articles, 50u);
  EXPECT_EQ(c.mail.digest_max_bytes, 512u * 1000);  // KB is 1000 bytes, KiB 1024
  EXPECT_EQ(c.mail.summary_chars, 300u);
  EXPECT_EQ(c.mail.max_full_text_bytes, 200u * 1000);

  ASSERT_EQ(c.sources.size(), 2u);
  EXPECT_EQ(c.sources[0].name, "Pakistan Reader");
  EXPECT_EQ(c.sources[0].type, SourceType::kFeed);
  EXPECT_EQ(c.sources[0].interval.count(), 3600);
  EXPECT_EQ(c.sources[0].tags, (std::vector<std::string>{"pakistan", "south-asia"}));
  EXPECT_TRUE(c.sources[0].fetch_full);
  EXPECT_EQ(c.sources[1].name, "Africa Listing");
  EXPECT_EQ(c.sources[1].type, SourceType::kPage);
  EXPECT_EQ(c.sources[1].interval.count(), 0);
  EXPECT_EQ(c.sources[1].link_pattern, "view_articles\\.php\\?.*recordNo=");

  ASSERT_EQ(c.subscribers.size(), 2u);
  const Subscriber& s = c.subscribers[0];
  EXPECT_EQ(s.email, "reader@example.org");
  EXPECT_EQ(s.name, "A Reader");
  EXPECT_EQ(s.digest, DigestSchedule::kWeekly);
  EXPECT_EQ(s.at_minutes, 6 * 60 + 30);
  EXPECT_EQ(s.weekday, 5);
  EXPECT_EQ(s.timezone, "Asia/Kolkata");
  EXPECT_EQ(s.sources, (std::vector<std::string>{"Pakistan Reader", "Africa Listing"}));
  EXPECT_EQ(s.tags, (std::vector<std::string>{"africa"}));
  EXPECT_EQ(s.keywords, (std::vector<std::string>{"Russia", "SCO"}));
  EXPECT_EQ(s.content, DigestContentMode::kFull);
  const Subscriber& all = c.subscribers[1];
  EXPECT_EQ(all.digest, DigestSchedule::kImmediate);
  EXPECT_EQ(all.content, DigestContentMode::kSummary);
  EXPECT_EQ(all.timezone, "UTC");
  EXPECT_TRUE(all.sources.empty());

  EXPECT_EQ(c.retention.outbox.count(), 7 * 86400);
  EXPECT_EQ(c.retention.articles.count(), 90 * 86400);
  EXPECT_EQ(c.retention.dedup.count(), 400 * 86400);
  EXPECT_EQ(c.retention.subscribers, (std::vector<std::string>{s.email, all.email}))
      << "their pending articles are kept";
}

TEST(ConfigLoaderTest, RetentionTakesSecondsAndADedupAsLongAsArticles) {
  TempConfigDir dir;
  auto config = LoadConfig(
      dir.Write("main.toml", "[retention]\noutbox = \"1s\"\narticles = \"2s\"\ndedup = \"2s\"\n"));
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->retention.outbox.count(), 1);
  EXPECT_EQ(config->retention.articles.count(), 2);
  EXPECT_EQ(config->retention.dedup.count(), 2);
}

TEST(ConfigLoaderTest, ReadsDedupAndEachSourcesIdentityRules) {
  TempConfigDir dir;
  auto config = LoadConfig(dir.Write("main.toml",
                                     "[dedup]\nthreshold = 0.6\n"
                                     "[[sources]]\nname = \"pr\"\nurl = \"https://a.example/\"\n"
                                     "display_name = \"Pakistan Reader\"\n"
                                     "canonical.ignore_case = [\"url\"]\n"
                                     "canonical.key = [\"recordNo\"]\n"
                                     "alert_updates = true\n"
                                     "[[sources]]\nname = \"b\"\nurl = \"https://b.example/\"\n"));
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_DOUBLE_EQ(config->dedup.threshold, 0.6);
  const SourceConfig& pr = config->sources.at(0);
  EXPECT_EQ(PublicName(pr), "Pakistan Reader");
  EXPECT_EQ(pr.canonical.ignore_case, std::vector<std::string>{"url"});
  EXPECT_EQ(pr.canonical.key, std::vector<std::string>{"recordNo"});
  EXPECT_TRUE(pr.alert_updates);
  EXPECT_FALSE(config->sources.at(1).alert_updates) << "off unless asked";
  EXPECT_EQ(PublicName(config->sources.at(1)), "b");
  EXPECT_TRUE(config->sources.at(1).canonical.key.empty());
  auto defaults = LoadConfig(dir.Write("d.toml", "[dedup]\nthreshold = 0\n"));
  ASSERT_TRUE(defaults.ok()) << defaults.status().message();
  EXPECT_EQ(defaults->dedup.threshold, 0.0);
}

TEST(ConfigLoaderTest, NeverEchoesAPasswordWrittenInTheSmtpUrl) {
  TempConfigDir dir;
  auto config =
      LoadConfig(dir.Write("main.toml", "[mail]\nsmtp = \"smtps://u:s3cret@mail.example.org\"\n"));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message().find("s3cret"), std::string::npos)
      << config.status().message();
}

// `check` reports every broken table in one pass, each at its FILE:LINE:COL.
TEST(ConfigLoaderTest, ReportsEveryBrokenTableAtOnce) {
  TempConfigDir dir;
  dir.Write("more.toml", "[[sources]]\nname = \"C\"\nurl = \"ftp://x\"\n");
  auto config = LoadConfig(
      dir.Write("main.toml",
                "include = [\"more.toml\"]\n[daemon]\nper_host = 0\n[mail]\nstarttls = \"maybe\"\n"
                "[[sources]]\nname = \"A\"\nurl = \"https://a.example/feed\"\ninteval = \"1h\"\n"
                "[[sources]]\nname = \"B\"\nurl = \"https://b.example/feed\"\n"
                "[[subscribers]]\nemail = \"not-an-address\"\n"));
  ASSERT_FALSE(config.ok());
  std::vector<std::string> lines;
  std::istringstream in(config.status().message());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 5u) << config.status().message();
  EXPECT_EQ(lines[0].rfind(dir.Path("main.toml:3:12: "), 0), 0u) << lines[0];  // per_host
  EXPECT_EQ(lines[1].rfind(dir.Path("main.toml:5:12: "), 0), 0u) << lines[1];  // starttls
  EXPECT_EQ(lines[2].rfind(dir.Path("main.toml:9:1: "), 0), 0u) << lines[2];   // inteval
  EXPECT_EQ(lines[3].rfind(dir.Path("main.toml:14:9: "), 0), 0u) << lines[3];  // email
  EXPECT_EQ(lines[4].rfind(dir.Path("more.toml:3:7: "), 0), 0u) << lines[4];   // ftp://
  EXPECT_NE(lines[4].find("(included from " + dir.Path("main.toml:1:11") + ")"), std::string::npos)
      << lines[4];
}

TEST(ConfigLoaderTest, WarnsAboutWhatIsLegalButSurelyNotMeant) {
  TempConfigDir dir;
  auto config = LoadConfig(dir.Write(
      "main.toml",
      "[daemon]\nhttp_listen = \"0.0.0.0:8086\"\n"
      "[mail]\nunsubscribe_url = \"http://alerts.example.org/unsubscribe\"\n"
      "[[sources]]\nname = \"A\"\nurl = \"https://a.example/feed\"\ntags = [\"asia\"]\n"
      "[[sources]]\nname = \"B\"\nurl = \"https://www.a.example/feed/\"\ninterval = \"30s\"\n"
      "[[subscribers]]\nemail = \"r@example.org\"\ndigest = \"daily\"\nweekday = \"friday\"\n"
      "tags = [\"africa\"]\n"));
  ASSERT_TRUE(config.ok()) << config.status().message();
  std::string all;
  for (const std::string& w : config->warnings) all += w + "\n";
  EXPECT_EQ(config->warnings.size(), 6u) << all;
  EXPECT_NE(all.find(dir.Path("main.toml:2:15: warning: \"http_listen\" 0.0.0.0:8086")),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("one-click unsubscribe"), std::string::npos) << all;
  EXPECT_NE(all.find("has the same URL as source \"A\""), std::string::npos) << all;
  EXPECT_NE(all.find("polled every 30 s"), std::string::npos) << all;
  EXPECT_NE(all.find("\"weekday\" is ignored"), std::string::npos) << all;
  EXPECT_NE(all.find(dir.Path("main.toml:17:9: warning: no source has the tag \"africa\"")),
            std::string::npos)
      << all;
}

TEST(ConfigLoaderTest, RefusesWhatTheMailerWouldRefuse) {
  TempConfigDir dir;
  dir.Write("empty", "\n");
  auto no_user = LoadConfig(
      dir.Write("a.toml", "[mail]\nsmtp = \"smtp://127.0.0.1:25\"\npassword_file = \"empty\"\n"));
  ASSERT_FALSE(no_user.ok());
  EXPECT_NE(no_user.status().message().find("a.toml:3:17: mail.password_file is set but"),
            std::string::npos)
      << no_user.status().message();
  auto empty = LoadConfig(dir.Write("b.toml",
                                    "[mail]\nsmtp = \"smtp://127.0.0.1:25\"\nusername = \"u\"\n"
                                    "password_file = \"empty\"\n"));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("is empty; put the SMTP password on its first line"),
            std::string::npos)
      << empty.status().message();
}

TEST(ConfigLoaderTest, ReadsTheBounceKeys) {
  TempConfigDir dir;
  fs::create_directories(dir.Path("inbox/new"));
  fs::create_directories(dir.Path("inbox/cur"));
  auto config = LoadConfig(dir.Write("main.toml",
                                     "[mail]\nbounce_address = \"bounces@example.org\"\n"
                                     "inbox_maildir = \"inbox\"\ninbox_interval = \"5m\"\n"
                                     "inbox_batch = 50\n"));
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->mail.bounce_address, "bounces@example.org");
  EXPECT_EQ(config->mail.inbox_maildir, dir.Path("inbox"));
  EXPECT_EQ(config->mail.inbox_interval, std::chrono::minutes(5));
  EXPECT_EQ(config->mail.inbox_batch, 50u);
  auto defaults = LoadConfig(dir.Write("b.toml", "[mail]\ninbox_batch = 5\n"));
  ASSERT_TRUE(defaults.ok()) << defaults.status().message();
  EXPECT_FALSE(defaults->mail.bounce_address);
  EXPECT_FALSE(defaults->mail.inbox_maildir);
  ASSERT_EQ(defaults->warnings.size(), 1u);
  EXPECT_NE(defaults->warnings[0].find("do nothing without \"inbox_maildir\""), std::string::npos);
}

TEST(ConfigLoaderTest, ReadsAKeywordWithACommaAsItMatchesAndWarns) {
  TempConfigDir dir;
  auto config = LoadConfig(dir.Write(
      "main.toml",
      "[[subscribers]]\nemail = \"a@example.org\"\nkeywords = [\"tax\", \"Smith, John\"]\n"));
  ASSERT_TRUE(config.ok()) << config.status().message();
  ASSERT_EQ(config->subscribers.size(), 1u);
  EXPECT_EQ(config->subscribers[0].keywords, (std::vector<std::string>{"tax", "Smith John"}));
  ASSERT_EQ(config->warnings.size(), 1u);
  EXPECT_NE(config->warnings[0].find("main.toml:3:12: warning: keyword \"Smith, John\" has a "
                                     "comma, which separates keywords"),
            std::string::npos)
      << config->warnings[0];
  EXPECT_NE(config->warnings[0].find("read as \"Smith John\""), std::string::npos);
}

TEST(ConfigLoaderTest, ReadsThePageBudget) {
  TempConfigDir dir;
  auto config = LoadConfig(dir.Write(
      "main.toml",
      "[daemon]\nmax_page_cpu = \"2s\"\nmax_page_nodes = 5000\nmax_page_memory = \"64MiB\"\n"));
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->daemon.max_page_cpu.count(), 2);
  EXPECT_EQ(config->daemon.max_page_nodes, 5000);
  EXPECT_EQ(config->daemon.max_page_memory, 64u << 20);
}

TEST(ConfigLoaderTest, FillsDefaultsFromTheOptionStructs) {
  TempConfigDir dir;
  auto config = LoadConfig(dir.Write("main.toml", ""));
  ASSERT_TRUE(config.ok()) << config.status().message();
  DaemonOptions d;
  MailOptions m;
  EXPECT_EQ(config->daemon.state_dir, d.state_dir);
  EXPECT_EQ(config->daemon.poll_interval, d.poll_interval);
  EXPECT_EQ(config->daemon.max_body, d.max_body);
  EXPECT_EQ(config->mail.from, m.from);
  EXPECT_EQ(config->mail.subject, m.subject);
  EXPECT_EQ(config->mail.summary_chars, 600u);
  EXPECT_EQ(config->mail.max_full_text_bytes, m.max_full_text_bytes);
  EXPECT_EQ(config->mail.maildir, d.state_dir + "/maildir");
  EXPECT_TRUE(config->sources.empty());
  RetentionPolicy r;
  EXPECT_EQ(config->retention.outbox, r.outbox);
  EXPECT_EQ(config->retention.articles, r.articles);
  EXPECT_EQ(config->retention.dedup, r.dedup);
  EXPECT_EQ(r.outbox.count(), 30 * 86400);
  EXPECT_EQ(r.articles.count(), 180 * 86400);
  EXPECT_EQ(r.dedup.count(), 365 * 86400);
}

TEST(ConfigLoaderTest, ResolvesSmtpAndPasswordFileRelativeToTheConfig) {
  TempConfigDir dir;
  dir.Write("secret", "pw\n");
  auto config = LoadConfig(
      dir.Write("main.toml",
                "[daemon]\nstate_dir = \"/srv/gp\"\n[mail]\nsmtp = \"smtp://127.0.0.1:2525\"\n"
                "username = \"alerts\"\npassword_file = \"secret\"\nstarttls = \"off\"\n"));
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->daemon.state_dir, "/srv/gp");
  EXPECT_EQ(config->mail.smtp, "smtp://127.0.0.1:2525");
  EXPECT_EQ(config->mail.password_file, dir.Path("secret"));
  EXPECT_EQ(config->mail.starttls, StartTls::kOff);
  EXPECT_TRUE(config->mail.maildir.empty());
}

TEST(ConfigLoaderTest, IncludeMatchingNothingIsFine) {
  TempConfigDir dir;
  auto config =
      LoadConfig(dir.Write("main.toml", std::string("include = [\"none.d/*.toml\"]\n") + kSource));
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->sources.size(), 1u);
}

TEST(ConfigLoaderTest, MissingFileSaysWhichFile) {
  auto config = LoadConfig("/nonexistent/gpalert.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message().rfind("/nonexistent/gpalert.toml: ", 0), 0u)
      << config.status().message();
  EXPECT_EQ(config.status().ExitCode(), 2);
}

TEST(ConfigLoaderTest, RefusesDevicesAndFolders) {
  for (const char* path : {"/dev/zero", "/tmp"}) {
    auto config = LoadConfig(path);
    ASSERT_FALSE(config.ok()) << path;
    EXPECT_NE(config.status().message().find("not a regular file"), std::string::npos);
  }
}

TEST(ConfigLoaderTest, HostileBytesAreAnErrorNotACrash) {
  TempConfigDir dir;
  std::string junk = "[[sources]]\nname = \"\xff\xfe\"\n\x01\x02[[[\n";
  auto config = LoadConfig(dir.Write("main.toml", junk));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message().rfind(dir.Path("main.toml") + ":", 0), 0u);
}

// Issue 9: an include pattern matching a symlink loop aborted `gpalert check` (exit 134:
// an uncaught std::filesystem_error). It is a located error like any other.
TEST(ConfigLoaderTest, AnIncludeMatchingASymlinkLoopIsAnErrorNamingTheFile) {
  TempConfigDir dir;
  std::string main = dir.Write("main.toml", "include = [\"loop*.toml\"]\n");
  fs::create_symlink("loop2.toml", dir.Path("loop1.toml"));
  fs::create_symlink("loop1.toml", dir.Path("loop2.toml"));
  Result<Config> config = LoadConfig(main);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(config.status().message().find("loop1.toml"), std::string::npos)
      << config.status().message();
  EXPECT_NE(config.status().message().find("main.toml:1:"), std::string::npos)
      << config.status().message();
}

}  // namespace
}  // namespace gpalert
