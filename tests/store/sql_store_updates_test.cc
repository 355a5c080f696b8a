// Updates in place: an article a source shows again (same GUID or URL) with changed text
// is weighed against its stored fingerprint; light edits are recorded only, changes beyond
// the threshold replace the fingerprint and, with alert_updates, make it pending again.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/sql_store.h"
#include "tests/store/store_test_items.h"
#include "tests/store/store_under_test.h"
#include "tests/support/prose.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

using std::chrono::hours;
using store_test::Item;
using store_test::kT0;
using testing::Prose;

constexpr const char* kReader = "r@example.org";

class SqlStoreUpdatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenStoreUnderTest(dir_.File("state.db"));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->EnsureSubscriber(kReader, kT0 - hours(1)).ok());
  }

  NewArticle Note(const std::string& text, bool alert_updates = false,
                  const std::string& source = "A") {
    NewArticle a = Item(source, "https://a.example/note", "note-1");
    a.text = text;
    a.alert_updates = alert_updates;
    return a;
  }
  RecordOutcome Record(const NewArticle& a, Instant at = kT0) {
    auto r = store_->RecordArticle(a, at);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RecordOutcome{};
  }
  std::vector<StoredArticle> Pending() {
    auto p = store_->PendingArticles(kReader);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : std::vector<StoredArticle>{};
  }
  void Deliver(std::int64_t id, const std::string& message_id, Instant at) {
    OutboxMessage m;
    m.subscriber = kReader;
    m.message_id = message_id;
    m.bytes = "x";
    ASSERT_TRUE(store_->CommitDigest(kReader, {id}, m, at).ok());
  }
  std::vector<ArticleUpdate> Updates() {
    auto u = store_->ListUpdates(0, 100);
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return u.ok() ? *u : std::vector<ArticleUpdate>{};
  }

  testing::ScopedTempDir dir_;
  std::unique_ptr<SqlStore> store_;
};

TEST_F(SqlStoreUpdatesTest, TheSameTextAgainIsNoUpdate) {
  std::string text = Prose(200, 1);
  std::int64_t id = Record(Note(text, true)).article_id;
  Deliver(id, "<d1@x>", kT0);
  RecordOutcome again = Record(Note(text, true), kT0 + hours(1));
  EXPECT_EQ(again.rule, MatchRule::kGuid);
  EXPECT_FALSE(again.updated);
  EXPECT_TRUE(Updates().empty());
  EXPECT_TRUE(Pending().empty());
}

TEST_F(SqlStoreUpdatesTest, ALightEditIsRecordedButNotAlertedAgain) {
  std::string text = Prose(200, 2);
  std::int64_t id = Record(Note(text, true)).article_id;
  Deliver(id, "<d1@x>", kT0);
  RecordOutcome edited =
      Record(Note(text + " A correction was appended to this note.", true), kT0 + hours(1));
  EXPECT_EQ(edited.article_id, id);
  EXPECT_FALSE(edited.updated);
  std::vector<ArticleUpdate> updates = Updates();
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_FALSE(updates[0].beyond);
  EXPECT_FALSE(updates[0].realerted);
  EXPECT_GE(updates[0].similarity, 0.5);
  EXPECT_EQ(updates[0].source, "A");
  EXPECT_TRUE(Pending().empty());
  // Shown again unchanged: not weighed (nor recorded) a second time.
  Record(Note(text + " A correction was appended to this note.", true), kT0 + hours(2));
  EXPECT_EQ(Updates().size(), 1u);
}

TEST_F(SqlStoreUpdatesTest, AChangeBeyondTheThresholdIsAlertedOnceMoreWhenTheSourceAsks) {
  std::int64_t id = Record(Note(Prose(200, 3), true)).article_id;
  Deliver(id, "<d1@x>", kT0);
  ASSERT_TRUE(Pending().empty());
  RecordOutcome rewritten = Record(Note(Prose(200, 4), true), kT0 + hours(1));
  EXPECT_EQ(rewritten.article_id, id);
  EXPECT_TRUE(rewritten.updated);
  EXPECT_TRUE(rewritten.realerted);
  std::vector<StoredArticle> pending = Pending();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].id, id);
  EXPECT_EQ(pending[0].version, 1);
  Deliver(id, "<d2@x>", kT0 + hours(2));
  EXPECT_TRUE(Pending().empty()) << "alerted once more, not every poll";
  // A delivered version cannot be committed twice.
  OutboxMessage m;
  m.subscriber = kReader;
  m.message_id = "<d3@x>";
  m.bytes = "x";
  EXPECT_FALSE(store_->CommitDigest(kReader, {id}, m, kT0 + hours(3)).ok());
  // The stored fingerprint is the new text's: a light edit of it is no further update.
  RecordOutcome light =
      Record(Note(Prose(200, 4) + " One more sentence at the end.", true), kT0 + hours(4));
  EXPECT_FALSE(light.updated);
  EXPECT_TRUE(Pending().empty());
  std::vector<ArticleUpdate> updates = Updates();  // newest first
  ASSERT_EQ(updates.size(), 2u);
  EXPECT_FALSE(updates[0].beyond);
  EXPECT_TRUE(updates[1].beyond);
  EXPECT_TRUE(updates[1].realerted);
  EXPECT_LT(updates[1].similarity, 0.5);
}

TEST_F(SqlStoreUpdatesTest, WithoutAlertUpdatesAChangeIsRecordedOnly) {
  std::int64_t id = Record(Note(Prose(200, 5))).article_id;
  Deliver(id, "<d1@x>", kT0);
  RecordOutcome rewritten = Record(Note(Prose(200, 6)), kT0 + hours(1));
  EXPECT_TRUE(rewritten.updated);
  EXPECT_FALSE(rewritten.realerted);
  EXPECT_TRUE(Pending().empty());
  ASSERT_EQ(Updates().size(), 1u);
  EXPECT_TRUE(Updates()[0].beyond);
  EXPECT_FALSE(Updates()[0].realerted);
}

TEST_F(SqlStoreUpdatesTest, ATextTooShortBeforeBecomesTheReferenceWithoutAnUpdate) {
  std::int64_t id = Record(Note("Read more.", true)).article_id;
  Deliver(id, "<d1@x>", kT0);
  RecordOutcome longer = Record(Note(Prose(200, 7), true), kT0 + hours(1));
  EXPECT_FALSE(longer.updated);
  EXPECT_TRUE(Updates().empty());
  // Now it has a fingerprint: a rewrite is weighed against it.
  EXPECT_TRUE(Record(Note(Prose(200, 8), true), kT0 + hours(2)).updated);
}

TEST_F(SqlStoreUpdatesTest, AnotherSourceUnderTheSameUrlIsNotAnUpdate) {
  std::int64_t id = Record(Note(Prose(200, 9), true)).article_id;
  NewArticle other = Note(Prose(200, 10), true, "B");
  other.guid = std::nullopt;
  RecordOutcome seen = Record(other, kT0 + hours(1));
  EXPECT_EQ(seen.rule, MatchRule::kUrl);
  EXPECT_EQ(seen.article_id, id);
  EXPECT_FALSE(seen.updated);
  EXPECT_TRUE(Updates().empty());
}

// The rows of the text an article had before an update, still waiting in memory when it
// was replaced, are not written by the next flush: they would outlive the article (Prune
// deletes its rows by its current keys) and crowd its bands' lookups.
TEST(SqlStoreUpdatesFlushTest, AFlushWritesOnlyTheCurrentTextsBandRows) {
  testing::ScopedTempDir dir;
  SqlStoreOptions options;
  options.band_flush_articles = 2;
  auto opened = OpenStoreUnderTest(dir.File("state.db"), options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  std::unique_ptr<SqlStore> store = std::move(opened).value();
  NewArticle note = Item("A", "https://a.example/note", "note-1");
  note.text = Prose(200, 1);
  auto first = store->RecordArticle(note, kT0);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  note.text = Prose(200, 2);  // another text: beyond the threshold
  ASSERT_TRUE(store->RecordArticle(note, kT0 + hours(1)).ok());
  NewArticle other = Item("B", "https://b.example/other", "other-1");
  other.text = Prose(200, 3);
  ASSERT_TRUE(store->RecordArticle(other, kT0 + hours(2)).ok());
  NewArticle third = Item("B", "https://b.example/third", "third-1");
  third.text = Prose(200, 4);
  ASSERT_TRUE(store->RecordArticle(third, kT0 + hours(3)).ok());  // flushes what waits
  auto db = OpenConnectionUnderTest(dir.File("state.db"), false);
  ASSERT_TRUE(db.ok());
  auto q = (*db)->Prepare("SELECT COUNT(*) FROM fingerprint_bands WHERE article_id = ?1");
  ASSERT_TRUE(q.ok());
  q->BindInt(1, first->article_id);
  ASSERT_TRUE(*q->Step());
  EXPECT_EQ(q->ColumnInt(0), 32) << "one text's 32 bands";
}

}  // namespace
}  // namespace gpalert
