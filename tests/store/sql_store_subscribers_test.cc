// The store's subscriber records (schema v6): self/admin rows, activation with consent,
// statuses and suppressions, removal, and the migration of a v3 file.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "store/migrations.h"
#include "store/sql_connection.h"
#include "store/sql_store.h"
#include "tests/store/store_test_items.h"
#include "tests/store/store_under_test.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using store_test::Item;
using store_test::kT0;

SubscriberState SelfSignUp(const std::string& email) {
  SubscriberState s;
  s.email = email;
  s.origin = SubscriberOrigin::kSelf;
  s.status = SubscriberStatus::kPending;
  s.settings.name = "A Reader";
  s.settings.digest = "weekly";
  s.settings.at_minutes = 18 * 60 + 30;
  s.settings.weekday = 5;
  s.settings.timezone = "Asia/Kolkata";
  s.settings.sources = {"Pakistan Reader", "Dawn"};
  s.settings.tags = {"policy"};
  s.settings.keywords = {"budget", "tax reform"};
  return s;
}

class SubscriberRecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("state.db");
    auto opened = OpenStoreUnderTest(path_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  SubscriberState Get(const std::string& email) {
    auto got = store_->GetSubscriber(email);
    EXPECT_TRUE(got.ok() && got->has_value()) << email;
    return got.ok() && *got ? **got : SubscriberState{};
  }
  std::int64_t Record(const std::string& url, Instant now) {
    auto r = store_->RecordArticle(Item("A", url), now);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->article_id : 0;
  }
  std::size_t Pending(const std::string& email) {
    auto p = store_->PendingArticles(email);
    EXPECT_TRUE(p.ok());
    return p.ok() ? p->size() : 0;
  }

  testing::ScopedTempDir dir_;
  std::string path_;
  std::unique_ptr<SqlStore> store_;
};

TEST_F(SubscriberRecordsTest, AddsASelfSignUpWithItsSettingsOnce) {
  auto added = store_->AddSubscriber(SelfSignUp("new@example.org"), kT0);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_TRUE(*added);
  auto again = store_->AddSubscriber(SelfSignUp("NEW@example.org"), kT0 + hours(1));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  SubscriberState s = Get("new@example.org");
  EXPECT_EQ(s.origin, SubscriberOrigin::kSelf);
  EXPECT_EQ(s.status, SubscriberStatus::kPending);
  EXPECT_EQ(s.created, kT0);
  EXPECT_EQ(s.since, kT0);
  EXPECT_FALSE(s.confirmed.has_value());
  EXPECT_FALSE(s.consent.has_value());
  EXPECT_EQ(s.settings.name, "A Reader");
  EXPECT_EQ(s.settings.digest, "weekly");
  EXPECT_EQ(s.settings.at_minutes, 18 * 60 + 30);
  EXPECT_EQ(s.settings.weekday, 5);
  EXPECT_EQ(s.settings.timezone, "Asia/Kolkata");
  EXPECT_EQ(s.settings.sources, (std::vector<std::string>{"Pakistan Reader", "Dawn"}));
  EXPECT_EQ(s.settings.tags, (std::vector<std::string>{"policy"}));
  EXPECT_EQ(s.settings.keywords, (std::vector<std::string>{"budget", "tax reform"}));

  SubscriberSettings changed;
  changed.digest = "daily";
  ASSERT_TRUE(store_->SetSubscriberSettings("new@example.org", changed).ok());
  EXPECT_EQ(Get("new@example.org").settings.digest, "daily");
  EXPECT_TRUE(Get("new@example.org").settings.sources.empty());
  EXPECT_EQ(store_->SetSubscriberSettings("nobody@example.org", changed).code(),
            Status::Code::kNotFound);
}

TEST_F(SubscriberRecordsTest, PausesAndQueuesConfirmationsWithTheirRecord) {
  ASSERT_TRUE(store_->AddSubscriber(SelfSignUp("r@example.org"), kT0).ok());
  ASSERT_TRUE(store_->SetPausedUntil("r@example.org", kT0 + hours(24)).ok());
  EXPECT_EQ(Get("r@example.org").paused_until, kT0 + hours(24));
  ASSERT_TRUE(store_->SetPausedUntil("r@example.org", std::nullopt).ok());
  EXPECT_FALSE(Get("r@example.org").paused_until.has_value());
  EXPECT_EQ(store_->SetPausedUntil("x@example.org", kT0).code(), Status::Code::kNotFound);

  OutboxMessage m;
  m.message_id = "<confirm.1@x>";
  m.bytes = "Subject: confirm\r\n\r\nbody\r\n";
  auto id = store_->QueueConfirmation("r@example.org", m, kT0 + minutes(1));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(Get("r@example.org").confirmation_sent, kT0 + minutes(1));
  auto row = store_->GetOutbox(*id);
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_TRUE((*row)->transactional);
  EXPECT_EQ((*row)->subscriber, "r@example.org");
  m.message_id = "<confirm.2@x>";
  EXPECT_EQ(store_->QueueConfirmation("nobody@example.org", m, kT0).status().code(),
            Status::Code::kNotFound);
  EXPECT_EQ(store_->ListOutbox(std::nullopt)->size(), 1u);
}

TEST_F(SubscriberRecordsTest, TwoHardBouncesInFourteenDaysMarkASubscriberBouncing) {
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  auto soft = store_->RecordBounce("r@example.org", false, "4.2.2", kT0);
  ASSERT_TRUE(soft.ok()) << soft.status().ToString();
  EXPECT_EQ(soft->soft, 1);
  auto first = store_->RecordBounce("R@example.org", true, "5.1.1", kT0 + hours(1));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->hard, 1);
  EXPECT_FALSE(first->marked_bouncing);
  // The next one 15 days later: the first no longer counts.
  auto late = store_->RecordBounce("r@example.org", true, "5.1.1", kT0 + hours(24 * 15 + 2));
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->hard, 1);
  EXPECT_EQ(Get("r@example.org").status, SubscriberStatus::kActive);
  auto again = store_->RecordBounce("r@example.org", true, "5.1.1", kT0 + hours(24 * 16));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->hard, 2);
  EXPECT_TRUE(again->marked_bouncing);
  EXPECT_EQ(Get("r@example.org").status, SubscriberStatus::kBouncing);
  // An address with no subscriber row is counted, nothing else.
  auto stranger = store_->RecordBounce("x@example.org", true, "5.1.1", kT0);
  ASSERT_TRUE(stranger.ok());
  EXPECT_FALSE(stranger->marked_bouncing);
}

TEST_F(SubscriberRecordsTest, ConfigRowsAreActiveConfigOrigin) {
  ASSERT_TRUE(store_->EnsureSubscriber("cfg@example.org", kT0).ok());
  SubscriberState s = Get("cfg@example.org");
  EXPECT_EQ(s.origin, SubscriberOrigin::kConfig);
  EXPECT_EQ(s.status, SubscriberStatus::kActive);
  EXPECT_EQ(s.created, kT0);
}

TEST_F(SubscriberRecordsTest, ActivationRecordsConsentAndStartsTheArticlesThen) {
  ASSERT_TRUE(store_->AddSubscriber(SelfSignUp("r@example.org"), kT0).ok());
  Record("https://a.example/while-pending", kT0 + minutes(5));
  ConsentRecord consent{kT0 + hours(1), "192.0.2.7", "Mozilla/5.0"};
  ASSERT_TRUE(store_->ActivateSubscriber("r@example.org", consent, kT0 + hours(1)).ok());
  SubscriberState s = Get("r@example.org");
  EXPECT_EQ(s.status, SubscriberStatus::kActive);
  EXPECT_EQ(s.since, kT0 + hours(1));
  EXPECT_EQ(s.confirmed, kT0 + hours(1));
  ASSERT_TRUE(s.consent.has_value());
  EXPECT_EQ(s.consent->address, "192.0.2.7");
  EXPECT_EQ(s.consent->user_agent, "Mozilla/5.0");
  EXPECT_EQ(s.status_changed, kT0 + hours(1));
  EXPECT_EQ(Pending("r@example.org"),
            0u);  // the article from before the confirmation is not theirs
  Record("https://a.example/after", kT0 + hours(2));
  EXPECT_EQ(Pending("r@example.org"), 1u);
  // Confirming again (a second click) keeps their clock.
  ASSERT_TRUE(store_->ActivateSubscriber("r@example.org", consent, kT0 + hours(3)).ok());
  EXPECT_EQ(Get("r@example.org").since, kT0 + hours(1));
  EXPECT_EQ(store_->ActivateSubscriber("x@example.org", consent, kT0).code(),
            Status::Code::kNotFound);
}

TEST_F(SubscriberRecordsTest, UnsubscribingSuppressesAndAConfirmationLiftsIt) {
  ASSERT_TRUE(store_->EnsureSubscriber("cfg@example.org", kT0).ok());
  ASSERT_TRUE(store_->AddSuppression("cfg@example.org", "one-click unsubscribe", kT0).ok());
  EXPECT_EQ(Get("cfg@example.org").status, SubscriberStatus::kUnsubscribed);
  EXPECT_EQ(Get("cfg@example.org").status_changed, kT0);

  ASSERT_TRUE(store_->AddSubscriber(SelfSignUp("r@example.org"), kT0).ok());
  ASSERT_TRUE(store_
                  ->SetSubscriberStatus("r@example.org", SubscriberStatus::kUnsubscribed,
                                        "manage page", kT0 + hours(1))
                  .ok());
  EXPECT_EQ(Get("r@example.org").status, SubscriberStatus::kUnsubscribed);
  EXPECT_TRUE(*store_->IsSuppressed("r@example.org"));
  ASSERT_TRUE(
      store_->ActivateSubscriber("r@example.org", ConsentRecord{kT0, "", "x"}, kT0 + hours(2))
          .ok());
  EXPECT_FALSE(*store_->IsSuppressed("r@example.org"));
  EXPECT_EQ(Get("r@example.org").status, SubscriberStatus::kActive);

  // The admin's block is not turned into a mere leave.
  ASSERT_TRUE(store_
                  ->SetSubscriberStatus("r@example.org", SubscriberStatus::kSuppressed,
                                        "suppressed by the admin", kT0 + hours(3))
                  .ok());
  ASSERT_TRUE(
      store_->AddSuppression("r@example.org", "one-click unsubscribe", kT0 + hours(4)).ok());
  EXPECT_EQ(Get("r@example.org").status, SubscriberStatus::kSuppressed);

  ASSERT_TRUE(
      store_
          ->SetSubscriberStatus("cfg@example.org", SubscriberStatus::kBouncing, "", kT0 + hours(5))
          .ok());
  EXPECT_EQ(Get("cfg@example.org").status, SubscriberStatus::kBouncing);
  EXPECT_EQ(
      store_->SetSubscriberStatus("cfg@example.org", SubscriberStatus::kActive, "", kT0).code(),
      Status::Code::kInvalidArgument);
  EXPECT_EQ(
      store_->SetSubscriberStatus("no@example.org", SubscriberStatus::kBouncing, "", kT0).code(),
      Status::Code::kNotFound);
}

TEST_F(SubscriberRecordsTest, RemovingDeletesTheRecordDeliveriesAndUnsentMailOnly) {
  SubscriberState admin = SelfSignUp("r@example.org");
  admin.origin = SubscriberOrigin::kAdmin;
  admin.status = SubscriberStatus::kActive;
  ASSERT_TRUE(store_->AddSubscriber(admin, kT0).ok());
  EXPECT_EQ(Get("r@example.org").confirmed, kT0);
  std::int64_t a = Record("https://a.example/1", kT0 + minutes(1));
  std::int64_t b = Record("https://a.example/2", kT0 + minutes(2));
  OutboxMessage m1, m2;
  m1.subscriber = m2.subscriber = "r@example.org";
  m1.message_id = "<1@x>";
  m2.message_id = "<2@x>";
  m1.bytes = m2.bytes = "x";
  auto sent = store_->CommitDigest("r@example.org", {a}, m1, kT0 + minutes(3));
  ASSERT_TRUE(sent.ok());
  ASSERT_TRUE(store_->MarkSent(*sent, kT0 + minutes(4)).ok());
  ASSERT_TRUE(store_->CommitDigest("r@example.org", {b}, m2, kT0 + minutes(5)).ok());
  ASSERT_TRUE(store_->AddSuppression("r@example.org", "one-click unsubscribe", kT0).ok());

  auto removed = store_->RemoveSubscriber("R@example.org");
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_TRUE(*removed);
  EXPECT_FALSE(store_->GetSubscriber("r@example.org")->has_value());
  auto outbox = store_->ListOutbox(std::nullopt);
  ASSERT_TRUE(outbox.ok());
  ASSERT_EQ(outbox->size(), 1u);
  EXPECT_EQ(outbox->front().state, OutboxState::kSent);
  EXPECT_TRUE(*store_->IsSuppressed("r@example.org"));
  EXPECT_FALSE(*store_->RemoveSubscriber("r@example.org"));
}

TEST_F(SubscriberRecordsTest, MigratingAVersion3FileKeepsSubscribersAndMarksTheSuppressed) {
  std::string old_path = dir_.File("v3.db");
  {
    auto db = OpenConnectionUnderTest(old_path, true);
    ASSERT_TRUE(db.ok());
    std::vector<Migration> v3(Migrations().begin(), Migrations().begin() + 3);
    ASSERT_TRUE(ApplyMigrations(db->get(), v3, kT0).ok());
    ASSERT_TRUE((*db)
                    ->Exec("INSERT INTO subscribers (email, since) VALUES ('a@example.org', 100), "
                           "('gone@example.org', 200); INSERT INTO suppressions VALUES "
                           "('GONE@example.org', 'one-click unsubscribe', 300);")
                    .ok());
  }
  auto opened = OpenStoreUnderTest(old_path);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto a = (*opened)->GetSubscriber("a@example.org");
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((*a)->origin, SubscriberOrigin::kConfig);
  EXPECT_EQ((*a)->status, SubscriberStatus::kActive);
  EXPECT_EQ((*a)->created.time_since_epoch().count(), 100);
  auto gone = (*opened)->GetSubscriber("gone@example.org");
  ASSERT_TRUE(gone.ok() && gone->has_value());
  EXPECT_EQ((*gone)->status, SubscriberStatus::kUnsubscribed);
  EXPECT_EQ((*gone)->status_changed->time_since_epoch().count(), 300);
}

}  // namespace
}  // namespace gpalert
