// A returning reader's sign-up: the confirmation link carries the settings asked for,
// signed; the stored row keeps its own until the link's Confirm button is pressed.
#include <gtest/gtest.h>

#include "alerts/signed_token.h"
#include "daemon/http/http_request.h"
#include "daemon/http/settings_form.h"
#include "daemon/http/signup_endpoint.h"
#include "daemon/signup_start.h"
#include "store/sql_store.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

constexpr const char* kSecret = "0123456789abcdef0123456789abcdef";
const Instant kNow = Instant(std::chrono::seconds(1'800'000'000));

SubscriberSettings Weekly() {
  SubscriberSettings s;
  s.digest = "weekly";
  s.at_minutes = 18 * 60 + 30;
  s.weekday = 5;
  s.timezone = "Asia/Kolkata";
  s.sources = {"Dawn", "Pakistan Reader"};
  s.tags = {"policy"};
  s.keywords = {"budget", "tax reform"};
  return s;
}

TEST(SettingsQueryTest, ReadsBackAsTheSameSettings) {
  for (SubscriberSettings s : {SubscriberSettings(), Weekly()}) {
    std::string query = SettingsQuery(s);
    SubscriberSettings back;
    ASSERT_EQ(ReadSettingsForm(ParseFormFields(query), &back), "") << query;
    EXPECT_EQ(SettingsQuery(back), query);
    EXPECT_EQ(back.digest, s.digest);
    EXPECT_EQ(back.at_minutes, s.at_minutes);
    EXPECT_EQ(back.weekday, s.weekday);
    EXPECT_EQ(back.timezone, s.timezone);
    EXPECT_EQ(back.sources, s.sources);
    EXPECT_EQ(back.tags, s.tags);
    EXPECT_EQ(back.keywords, s.keywords);
  }
  EXPECT_NE(ConfirmationSubject("a@b.org", Weekly()),
            ConfirmationSubject("a@b.org", SubscriberSettings()));
}

TEST(SettingsFormTest, AKeywordStoredWithACommaStaysOneWhenTheFormIsSaved) {
  Config config;
  SubscriberSettings s;
  s.keywords = {"Smith, John", "tax"};
  std::string html = SettingsFormHtml(config, s, false);
  EXPECT_NE(html.find("name=\"keywords\" value=\"Smith John, tax\""), std::string::npos) << html;
  SubscriberSettings saved;
  ASSERT_EQ(ReadSettingsForm({{"keywords", "Smith John, tax"}}, &saved), "");
  EXPECT_EQ(saved.keywords, (std::vector<std::string>{"Smith John", "tax"}));
}

class SignupConfirmTest : public ::testing::Test {
 protected:
  SignupConfirmTest() {
    store = std::move(SqlStore::Open(dir.File("gpalert.db")).value());
    auto cfg = std::make_shared<Config>();
    cfg->signup.enabled = true;
    cfg->mail.public_url = "https://alerts.example.org";
    cfg->mail.from = "GP Alerts <alerts@example.org>";
    for (const char* name : {"Dawn", "Pakistan Reader"}) {
      SourceConfig s;
      s.name = name;
      s.url = "https://example.org/feed.xml";
      s.tags = {"policy"};
      cfg->sources.push_back(s);
    }
    config = cfg;
    endpoint = std::make_unique<SignupEndpoint>(
        config, kSecret, store.get(), &Logger::Null(), [this] { return now; }, nullptr);
    // A reader who left, with the settings they had.
    SubscriberState left;
    left.email = "back@example.com";
    left.origin = SubscriberOrigin::kSelf;
    left.status = SubscriberStatus::kUnsubscribed;
    left.settings.digest = "daily";
    left.settings.at_minutes = 7 * 60;
    left.settings.sources = {"Dawn"};
    EXPECT_TRUE(store->AddSubscriber(left, kNow - std::chrono::hours(24 * 30)).value());
  }

  SubscriberState Row() { return *store->GetSubscriber("back@example.com").value(); }

  HttpResponse Confirm(const std::string& method, const std::string& query) {
    HttpRequest req;
    req.method = method;
    req.path = "/subscribe/confirm";
    req.query = query;
    req.client_address = "192.0.2.7";
    return endpoint->Handle(req);
  }

  std::string Query(const SubscriberSettings& signed_for, const SubscriberSettings& carried) {
    Instant expires = now + config->signup.confirm_within;
    return "email=back%40example.com&expires=" +
           std::to_string(expires.time_since_epoch().count()) + "&" + SettingsQuery(carried) +
           "&token=" +
           SignToken(kSecret, TokenPurpose::kConfirm,
                     ConfirmationSubject("back@example.com", signed_for), expires);
  }

  testing::ScopedTempDir dir;
  std::unique_ptr<SqlStore> store;
  std::shared_ptr<const Config> config;
  std::unique_ptr<SignupEndpoint> endpoint;
  Instant now = kNow;
};

TEST_F(SignupConfirmTest, ASignUpKeepsTheStoredSettingsUntilTheConfirmation) {
  bool queued = false;
  ASSERT_TRUE(StartSignUp(*config, kSecret, store.get(), &Logger::Null(), "back@example.com",
                          Weekly(), now, &queued)
                  .ok());
  EXPECT_TRUE(queued);
  EXPECT_EQ(Row().settings.digest, "daily") << "not replaced by the sign-up itself";
  EXPECT_EQ(Row().status, SubscriberStatus::kUnsubscribed);
  // The mail's link carries the new settings.
  auto outbox = store->ListOutbox(std::nullopt).value();
  ASSERT_EQ(outbox.size(), 1u);
  std::string bytes = outbox[0].bytes;
  EXPECT_NE(bytes.find("digest=3Dweekly"), std::string::npos) << bytes;

  now += std::chrono::minutes(5);
  HttpResponse page = Confirm("GET", Query(Weekly(), Weekly()));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Confirm"), std::string::npos);
  EXPECT_NE(page.body.find("weekly"), std::string::npos) << page.body;
  EXPECT_EQ(Row().settings.digest, "daily") << "a GET changes nothing";

  HttpResponse done = Confirm("POST", Query(Weekly(), Weekly()));
  EXPECT_EQ(done.status, 200) << done.body;
  SubscriberState row = Row();
  EXPECT_EQ(row.status, SubscriberStatus::kActive);
  EXPECT_EQ(row.settings.digest, "weekly");
  EXPECT_EQ(row.settings.timezone, "Asia/Kolkata");
  EXPECT_EQ(row.settings.sources, Weekly().sources);
  EXPECT_EQ(row.settings.keywords, Weekly().keywords);
}

TEST_F(SignupConfirmTest, APendingRowKeepsItsSettingsAndEachLinkConfirmsItsOwn) {
  SubscriberState pending;
  pending.email = "waiting@example.com";
  pending.origin = SubscriberOrigin::kSelf;
  pending.status = SubscriberStatus::kPending;
  pending.settings.digest = "daily";
  ASSERT_TRUE(store->AddSubscriber(pending, now).value());
  SubscriberSettings first = Weekly(), second;
  second.keywords = {"cricket"};
  bool queued = false;
  ASSERT_TRUE(StartSignUp(*config, kSecret, store.get(), &Logger::Null(), pending.email, first, now,
                          &queued)
                  .ok());
  EXPECT_TRUE(queued);
  // Two hours later someone signs the address up again with other settings.
  ASSERT_TRUE(StartSignUp(*config, kSecret, store.get(), &Logger::Null(), pending.email, second,
                          now + std::chrono::hours(2), &queued)
                  .ok());
  EXPECT_TRUE(queued);
  auto row = [&] { return *store->GetSubscriber(pending.email).value(); };
  EXPECT_EQ(row().settings.digest, "daily");
  EXPECT_TRUE(row().settings.keywords.empty());
  // The owner confirms the first mail's link: its settings, not the later ones.
  now += std::chrono::hours(3);
  Instant expires = kNow + config->signup.confirm_within;
  std::string query =
      "email=waiting%40example.com&expires=" + std::to_string(expires.time_since_epoch().count()) +
      "&" + SettingsQuery(first) + "&token=" +
      SignToken(kSecret, TokenPurpose::kConfirm, ConfirmationSubject(pending.email, first),
                expires);
  EXPECT_EQ(Confirm("POST", query).status, 200);
  EXPECT_EQ(row().status, SubscriberStatus::kActive);
  EXPECT_EQ(row().settings.digest, "weekly");
  EXPECT_EQ(row().settings.keywords, first.keywords);
}

TEST_F(SignupConfirmTest, SettingsChangedInTheLinkAreRefused) {
  SubscriberSettings other = Weekly();
  other.keywords = {"cricket"};
  HttpResponse r = Confirm("POST", Query(Weekly(), other));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Row().status, SubscriberStatus::kUnsubscribed);
  EXPECT_EQ(Row().settings.digest, "daily");
  // A link signed for the address alone cannot take settings either.
  Instant expires = now + config->signup.confirm_within;
  std::string bare =
      "email=back%40example.com&expires=" + std::to_string(expires.time_since_epoch().count()) +
      "&" + SettingsQuery(Weekly()) +
      "&token=" + SignToken(kSecret, TokenPurpose::kConfirm, "back@example.com", expires);
  EXPECT_EQ(Confirm("POST", bare).status, 403);
  EXPECT_EQ(Row().settings.digest, "daily");
}

TEST_F(SignupConfirmTest, ALinkWithoutSettingsConfirmsTheRowsOwn) {
  // As mailed before links carried settings: signed for the address alone.
  Instant expires = now + config->signup.confirm_within;
  std::string old =
      "email=back%40example.com&expires=" + std::to_string(expires.time_since_epoch().count()) +
      "&token=" + SignToken(kSecret, TokenPurpose::kConfirm, "back@example.com", expires);
  EXPECT_EQ(Confirm("POST", old).status, 200);
  EXPECT_EQ(Row().status, SubscriberStatus::kActive);
  EXPECT_EQ(Row().settings.digest, "daily");
}

TEST_F(SignupConfirmTest, ALinkMailedForAKeywordWithACommaConfirms) {
  // `subscribers import` kept a keyword with a comma before such keywords were refused;
  // the link mailed for it carries "Smith, John,tax" and must still confirm the row.
  SubscriberState pending;
  pending.email = "back@example.com";
  pending.origin = SubscriberOrigin::kAdmin;
  pending.status = SubscriberStatus::kPending;
  pending.settings.keywords = {"Smith, John", "1,000", "tax"};
  ASSERT_TRUE(store->RemoveSubscriber(pending.email).ok());
  ASSERT_TRUE(store->AddSubscriber(pending, now).value());
  HttpResponse page = Confirm("GET", Query(pending.settings, pending.settings));
  EXPECT_EQ(page.status, 200) << page.body;
  HttpResponse r = Confirm("POST", Query(pending.settings, pending.settings));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Row().status, SubscriberStatus::kActive);
  // Each keyword stays one (a comma matches as a word break, as a space does).
  EXPECT_EQ(Row().settings.keywords, (std::vector<std::string>{"Smith John", "1 000", "tax"}));
  // The carried keywords are still signed: others are refused.
  SubscriberSettings other = pending.settings;
  other.keywords = {"Smith", "John", "1,000", "tax"};
  EXPECT_EQ(Confirm("POST", Query(pending.settings, other)).status, 403);
}

}  // namespace
}  // namespace gpalert
