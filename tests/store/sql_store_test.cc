#include "store/sql_store.h"
#include "tests/store/store_under_test.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "store/migrations.h"
#include "store/sql_connection.h"
#include "tests/store/store_test_items.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

using store_test::Item;
using store_test::kT0;

OutboxMessage Message(const std::string& to, const std::string& message_id) {
  OutboxMessage m;
  m.subscriber = to;
  m.message_id = message_id;
  m.bytes = "From: a@example.org\r\nTo: " + to + "\r\nSubject: hi\r\n\r\nbody\r\n";
  return m;
}

class SqlStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    path_ = dir_.File("state.db");
    Reopen();
  }
  void Reopen() {
    store_.reset();
    Result<std::unique_ptr<SqlStore>> opened = OpenStoreUnderTest(path_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  std::int64_t Record(const NewArticle& a, Instant now = kT0) {
    Result<RecordOutcome> r = store_->RecordArticle(a, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->article_id : 0;
  }
  std::vector<std::int64_t> PendingIds(const std::string& email) {
    Result<std::vector<StoredArticle>> p = store_->PendingArticles(email);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    std::vector<std::int64_t> ids;
    if (p.ok())
      for (const StoredArticle& a : *p) ids.push_back(a.id);
    return ids;
  }

  testing::ScopedTempDir dir_;
  std::string path_;
  std::unique_ptr<SqlStore> store_;
};

TEST_F(SqlStoreTest, CreatesTheSchemaFromAnEmptyFileAndReopensWithoutReapplying) {
  {
    auto db = OpenConnectionUnderTest(path_, false);
    ASSERT_TRUE(db.ok());
    Result<int> v = SchemaVersion(db->get());
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(*v, Migrations().back().version);
  }
  SourceState a;
  a.name = "A";
  a.url = "https://a.example/feed";
  ASSERT_TRUE(store_->PutSource(a).ok());
  Reopen();
  Reopen();
  Result<std::vector<SourceState>> sources = store_->ListSources();
  ASSERT_TRUE(sources.ok());
  ASSERT_EQ(sources->size(), 1u);
  auto db = OpenConnectionUnderTest(path_, false);
  ASSERT_TRUE(db.ok());
  auto count = (*db)->Prepare("SELECT COUNT(*) FROM schema_version");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(*count->Step());
  EXPECT_EQ(count->ColumnInt(0), static_cast<std::int64_t>(Migrations().size()));
}

TEST_F(SqlStoreTest, UsesTheWalJournal) {
  SKIP_ON_POSTGRES("an SQLite file's journal");
  std::ifstream wal(path_ + "-wal");
  EXPECT_TRUE(wal.good()) << "expected " << path_ << "-wal while the store is open";
}

TEST_F(SqlStoreTest, RefusesADatabaseFromANewerGpalert) {
  store_.reset();
  {
    auto db = OpenConnectionUnderTest(path_, false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO schema_version VALUES (999, 'future', 0)").ok());
  }
  Result<std::unique_ptr<SqlStore>> opened = OpenStoreUnderTest(path_);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("newer"), std::string::npos);
  if (!TestingPostgres()) EXPECT_NE(opened.status().message().find(path_), std::string::npos);
}

TEST_F(SqlStoreTest, NamesTheFileWhenItIsNotADatabase) {
  SKIP_ON_POSTGRES("an SQLite file");
  std::string bogus = dir_.File("notes.txt");
  std::ofstream(bogus) << "this is not a database, just some text that is long enough\n";
  Result<std::unique_ptr<SqlStore>> opened = OpenStoreUnderTest(bogus);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find(bogus), std::string::npos);
  EXPECT_NE(opened.status().message().find("move it away"), std::string::npos);
}

TEST_F(SqlStoreTest, NamesTheFileAndSuggestsAFixWhenTheDirectoryIsMissing) {
  SKIP_ON_POSTGRES("an SQLite file");
  std::string missing = dir_.File("no/such/dir/state.db");
  Result<std::unique_ptr<SqlStore>> opened = OpenStoreUnderTest(missing);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find(missing), std::string::npos);
  EXPECT_NE(opened.status().message().find("directory exists"), std::string::npos);
}

TEST_F(SqlStoreTest, DoesNotCreateAFileWhenAskedToOpenAnExistingOne) {
  std::string other = dir_.File("other.db");
  Result<std::unique_ptr<SqlStore>> opened =
      OpenStoreUnderTest(other, SqlStoreOptions{.create_if_missing = false});
  EXPECT_FALSE(opened.ok());
  EXPECT_FALSE(std::ifstream(other).good());
}

TEST_F(SqlStoreTest, RoundTripsSourceState) {
  SourceState s;
  s.name = "Pakistan Reader";
  s.url = "https://example.org/feed.xml";
  s.etag = "\"abc\"";
  s.last_modified = "Wed, 21 Oct 2015 07:28:00 GMT";
  s.last_poll = kT0;
  s.last_success = kT0 - hours(1);
  s.next_due = kT0 + minutes(30);
  s.consecutive_failures = 3;
  s.last_http_status = 503;
  s.last_status = "503 Service Unavailable";
  s.last_error = "server busy";
  s.moved_to = "https://example.org/new.xml";
  s.items_seen = 42;
  s.first_poll_done = true;
  ASSERT_TRUE(store_->PutSource(s).ok());
  s.consecutive_failures = 4;  // upsert replaces
  s.last_error.reset();
  ASSERT_TRUE(store_->PutSource(s).ok());
  Result<std::optional<SourceState>> got = store_->GetSource("Pakistan Reader");
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  const SourceState& g = **got;
  EXPECT_EQ(g.url, s.url);
  EXPECT_EQ(g.etag, s.etag);
  EXPECT_EQ(g.last_modified, s.last_modified);
  EXPECT_EQ(g.last_poll, s.last_poll);
  EXPECT_EQ(g.last_success, s.last_success);
  EXPECT_EQ(g.next_due, s.next_due);
  EXPECT_EQ(g.consecutive_failures, 4);
  EXPECT_EQ(g.last_http_status, 503);
  EXPECT_EQ(g.last_status, s.last_status);
  EXPECT_FALSE(g.last_error.has_value());
  EXPECT_EQ(g.moved_to, s.moved_to);
  EXPECT_EQ(g.items_seen, 42);
  EXPECT_TRUE(g.first_poll_done);
  Result<std::optional<SourceState>> none = store_->GetSource("Nobody");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_F(SqlStoreTest, TreatsTheSameGuidInTheSameSourceAsADuplicateEvenWhenTheUrlChanged) {
  Result<RecordOutcome> first = store_->RecordArticle(Item("A", "https://a.example/1", "g1"), kT0);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->is_new);
  Result<RecordOutcome> again =
      store_->RecordArticle(Item("A", "https://a.example/1-edited", "g1"), kT0 + hours(1));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->is_new);
  EXPECT_EQ(again->article_id, first->article_id);
  Result<std::vector<StoredArticle>> recent = store_->RecentArticles("", 10);
  ASSERT_TRUE(recent.ok());
  EXPECT_EQ(recent->size(), 1u);
}

TEST_F(SqlStoreTest, KeepsTheSameGuidInTwoSourcesApartWhenUrlsDiffer) {
  Result<RecordOutcome> a = store_->RecordArticle(Item("A", "https://a.example/1", "1"), kT0);
  Result<RecordOutcome> b = store_->RecordArticle(Item("B", "https://b.example/1", "1"), kT0);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(b->is_new);
  EXPECT_NE(a->article_id, b->article_id);
}

TEST_F(SqlStoreTest, LinksTheSameCanonicalUrlFromTwoSourcesToOneArticle) {
  Result<RecordOutcome> a = store_->RecordArticle(Item("A", "https://x.example/story", "a-1"), kT0);
  Result<RecordOutcome> b =
      store_->RecordArticle(Item("B", "https://x.example/story", "b-9"), kT0 + minutes(5));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->is_new);
  EXPECT_FALSE(b->is_new);
  EXPECT_EQ(a->article_id, b->article_id);
  Result<std::optional<StoredArticle>> got = store_->GetArticle(a->article_id);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->sources, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ((*got)->first_seen, kT0);
  // B's own GUID now finds the article too.
  Result<RecordOutcome> b2 =
      store_->RecordArticle(Item("B", "https://x.example/moved", "b-9"), kT0);
  ASSERT_TRUE(b2.ok());
  EXPECT_FALSE(b2->is_new);
  EXPECT_EQ(b2->article_id, a->article_id);
  // Recorded again from A: still one article, still two sources.
  ASSERT_TRUE(store_->RecordArticle(Item("A", "https://x.example/story"), kT0).ok());
  got = store_->GetArticle(a->article_id);
  EXPECT_EQ((*got)->sources.size(), 2u);
  Result<std::vector<StoredArticle>> in_b = store_->RecentArticles("B", 10);
  ASSERT_TRUE(in_b.ok());
  ASSERT_EQ(in_b->size(), 1u);
  EXPECT_EQ(in_b->front().id, a->article_id);
}

TEST_F(SqlStoreTest, ListsSourcesInTheOrderTheArticleWasSeenInThem) {
  std::int64_t id = Record(Item("Zeta", "https://x.example/a"));
  Record(Item("Alpha", "https://x.example/a"));
  Record(Item("Mid", "https://x.example/a"));
  std::int64_t other = Record(Item("Alpha", "https://x.example/b"));
  Result<std::vector<StoredArticle>> recent = store_->RecentArticles("", 10);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ(recent->at(0).id, other);
  EXPECT_EQ(recent->at(0).sources, std::vector<std::string>{"Alpha"});
  EXPECT_EQ(recent->at(1).id, id);
  EXPECT_EQ(recent->at(1).sources, (std::vector<std::string>{"Zeta", "Alpha", "Mid"}));
}

TEST_F(SqlStoreTest, StoresEveryArticleField) {
  NewArticle n = Item("A", "https://a.example/full", "guid-full");
  n.alertable = false;
  std::int64_t id = Record(n);
  Result<std::optional<StoredArticle>> got = store_->GetArticle(id);
  ASSERT_TRUE(got.ok() && got->has_value());
  const StoredArticle& a = **got;
  EXPECT_EQ(a.url, n.url);
  EXPECT_EQ(a.canonical_url, n.canonical_url);
  EXPECT_EQ(a.guid, n.guid);
  EXPECT_EQ(a.title, n.title);
  EXPECT_EQ(a.author, n.author);
  EXPECT_EQ(a.summary, n.summary);
  EXPECT_EQ(a.published, n.published);
  EXPECT_EQ(a.first_seen, kT0);
  EXPECT_FALSE(a.alertable);
  Result<std::optional<StoredArticle>> none = store_->GetArticle(id + 100);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_F(SqlStoreTest, StoresTheBodyOfANewArticleAndLoadsBodiesWithinABudget) {
  NewArticle n = Item("A", "https://a.example/one");
  n.body = ArticleBody{"The lead.", "Para one.\n\nPara two.", "<p>Para one.</p><p>Para two.</p>"};
  std::int64_t one = Record(n);
  NewArticle again = Item("B", "https://a.example/one");  // a duplicate keeps the first body
  again.body = ArticleBody{"Other.", "Other.", "<p>Other.</p>"};
  EXPECT_EQ(Record(again), one);
  NewArticle two = Item("A", "https://a.example/two");
  two.body = ArticleBody{std::nullopt, std::string(500, 't'), std::string(500, 'h')};
  std::int64_t second = Record(two);
  std::int64_t bodyless = Record(Item("A", "https://a.example/three"));

  auto all = store_->ArticleBodies({one, second, bodyless}, 100000);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(one).lead, "The lead.");
  EXPECT_EQ(all->at(one).text, "Para one.\n\nPara two.");
  EXPECT_EQ(all->at(one).html, "<p>Para one.</p><p>Para two.</p>");
  EXPECT_FALSE(all->at(second).lead.has_value());
  EXPECT_EQ(all->at(second).text.size(), 500u);

  // Past the budget, in the order asked, bodies come with their lead only.
  auto some = store_->ArticleBodies({second, one}, 1000);
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(some->at(second).html.size(), 500u);
  EXPECT_TRUE(some->at(one).text.empty());
  EXPECT_EQ(some->at(one).lead, "The lead.");
  auto leads = store_->ArticleBodies({one, second}, 0);
  ASSERT_TRUE(leads.ok());
  EXPECT_TRUE(leads->at(one).text.empty());
  EXPECT_EQ(leads->at(one).lead, "The lead.");
}

TEST_F(SqlStoreTest, RejectsAnArticleWithoutCanonicalUrl) {
  NewArticle n = Item("A", "");
  Result<RecordOutcome> r = store_->RecordArticle(n, kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
}

TEST_F(SqlStoreTest, StoresSqlInjectionLookingValuesVerbatim) {
  const std::string evil = "Robert'); DROP TABLE articles;-- \" ?1 %s \\ \xE2\x80\x94";
  NewArticle n = Item(evil, "https://a.example/?q=' OR 1=1 --", evil);
  n.title = evil;
  n.summary = std::string("nul\0byte", 8);
  std::int64_t id = Record(n);
  Result<std::optional<StoredArticle>> got = store_->GetArticle(id);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->title, evil);
  EXPECT_EQ((*got)->guid, evil);
  // PostgreSQL's text takes no NUL: it becomes U+FFFD there.
  EXPECT_EQ((*got)->summary, TestingPostgres() ? std::string("nul\xEF\xBF\xBD"
                                                             "byte")
                                               : std::string("nul\0byte", 8));
  EXPECT_EQ((*got)->sources, std::vector<std::string>{evil});
  ASSERT_TRUE(store_->AddSuppression(evil + "@x", evil, kT0).ok());
  EXPECT_TRUE(*store_->IsSuppressed(evil + "@x"));
  EXPECT_FALSE(*store_->IsSuppressed("' OR '1'='1"));
  Result<RecordOutcome> dup = store_->RecordArticle(n, kT0);
  ASSERT_TRUE(dup.ok());
  EXPECT_FALSE(dup->is_new);
}

TEST_F(SqlStoreTest, PendingArticlesAreAlertableUndeliveredAndNotOlderThanTheSubscriber) {
  std::int64_t before = Record(Item("A", "https://a.example/old"), kT0 - hours(2));
  ASSERT_TRUE(store_->EnsureSubscriber("reader@example.org", kT0).ok());
  std::int64_t second = Record(Item("A", "https://a.example/2"), kT0 + minutes(2));
  std::int64_t first = Record(Item("A", "https://a.example/1"), kT0 + minutes(1));
  NewArticle backfilled = Item("A", "https://a.example/backfill");
  backfilled.alertable = false;
  Record(backfilled, kT0 + minutes(3));
  (void)before;
  EXPECT_EQ(PendingIds("reader@example.org"), (std::vector<std::int64_t>{first, second}));
  EXPECT_EQ(PendingIds("READER@example.org"), (std::vector<std::int64_t>{first, second}));
  EXPECT_TRUE(PendingIds("stranger@example.org").empty());
}

TEST_F(SqlStoreTest, KeepsTheFirstSinceWhenASubscriberIsSeenAgain) {
  Result<SubscriberState> s1 = store_->EnsureSubscriber("r@example.org", kT0);
  Result<SubscriberState> s2 = store_->EnsureSubscriber("r@example.org", kT0 + hours(5));
  ASSERT_TRUE(s1.ok() && s2.ok());
  EXPECT_EQ(s2->since, kT0);
  EXPECT_FALSE(s2->last_digest.has_value());
  Result<std::optional<SubscriberState>> none = store_->GetSubscriber("new@example.org");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(store_->SetLastDigest("new@example.org", kT0).code(), Status::Code::kNotFound);
  ASSERT_TRUE(store_->SetLastDigest("r@example.org", kT0 + hours(1)).ok());
  Result<std::vector<SubscriberState>> all = store_->ListSubscribers();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().last_digest, kT0 + hours(1));
}

TEST_F(SqlStoreTest, CommitDigestDeliversQueuesAndStampsInOneStep) {
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0 + minutes(1));
  std::int64_t b = Record(Item("B", "https://b.example/1"), kT0 + minutes(1));
  Result<std::int64_t> out = store_->CommitDigest(
      "r@example.org", {a, b}, Message("r@example.org", "<d1@x>"), kT0 + hours(1));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(PendingIds("r@example.org").empty());
  Result<std::optional<SubscriberState>> sub = store_->GetSubscriber("r@example.org");
  EXPECT_EQ((*sub)->last_digest, kT0 + hours(1));
  Result<std::vector<OutboxMessage>> due = store_->DueOutbox(kT0 + hours(1), 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().id, *out);
  EXPECT_EQ(due->front().message_id, "<d1@x>");
  EXPECT_EQ(due->front().bytes, Message("r@example.org", "<d1@x>").bytes);
  EXPECT_EQ(due->front().state, OutboxState::kPending);
  EXPECT_EQ(due->front().created, kT0 + hours(1));
  // A new article after the digest is pending again; the delivered ones are not.
  std::int64_t c = Record(Item("A", "https://a.example/2"), kT0 + hours(2));
  EXPECT_EQ(PendingIds("r@example.org"), std::vector<std::int64_t>{c});
}

TEST_F(SqlStoreTest, ReleasingAnOversizedDigestMakesItsArticlesPendingAndCapsTheSubscriber) {
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0 + minutes(1));
  std::int64_t b = Record(Item("B", "https://b.example/1"), kT0 + minutes(1));
  Result<std::int64_t> out = store_->CommitDigest(
      "r@example.org", {a, b}, Message("r@example.org", "<d1@x>"), kT0 + hours(1));
  ASSERT_TRUE(out.ok());
  Result<int> released = store_->ReleaseOversizedDigest(*out, 5000);
  ASSERT_TRUE(released.ok()) << released.status().ToString();
  EXPECT_EQ(*released, 2);
  EXPECT_EQ(PendingIds("r@example.org"), (std::vector<std::int64_t>{a, b}));
  EXPECT_TRUE(store_->ListOutbox(std::nullopt)->empty());
  EXPECT_EQ((*store_->GetSubscriber("r@example.org"))->max_message_bytes, 5000);
  // A later, larger cap does not raise it; an unknown id is NotFound.
  Result<std::int64_t> again = store_->CommitDigest(
      "r@example.org", {a, b}, Message("r@example.org", "<d2@x>"), kT0 + hours(2));
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(store_->ReleaseOversizedDigest(*again, 9000).ok());
  EXPECT_EQ((*store_->GetSubscriber("r@example.org"))->max_message_bytes, 5000);
  EXPECT_EQ(store_->ReleaseOversizedDigest(*again, 100).status().code(), Status::Code::kNotFound);
}

TEST_F(SqlStoreTest, AnOversizedDigestOfOneArticleIsNotReleased) {
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0 + minutes(1));
  Result<std::int64_t> out =
      store_->CommitDigest("r@example.org", {a}, Message("r@example.org", "<d1@x>"), kT0);
  ASSERT_TRUE(out.ok());
  Result<int> released = store_->ReleaseOversizedDigest(*out, 5000);
  ASSERT_TRUE(released.ok());
  EXPECT_EQ(*released, 0);
  EXPECT_EQ(store_->ListOutbox(OutboxState::kPending)->size(), 1u);
  EXPECT_TRUE(PendingIds("r@example.org").empty());
}

TEST_F(SqlStoreTest, CommitDigestChangesNothingWhenAnyPartFails) {
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0 + minutes(1));
  std::int64_t b = Record(Item("A", "https://a.example/2"), kT0 + minutes(1));
  ASSERT_TRUE(
      store_->CommitDigest("r@example.org", {a}, Message("r@example.org", "<d1@x>"), kT0).ok());
  // b is new but a was delivered already: the whole digest is refused.
  Result<std::int64_t> twice = store_->CommitDigest(
      "r@example.org", {b, a}, Message("r@example.org", "<d2@x>"), kT0 + hours(1));
  EXPECT_FALSE(twice.ok());
  EXPECT_EQ(PendingIds("r@example.org"), std::vector<std::int64_t>{b});
  // Same Message-ID twice is refused too.
  EXPECT_FALSE(
      store_->CommitDigest("r@example.org", {b}, Message("r@example.org", "<d1@x>"), kT0).ok());
  // A missing article id is refused (foreign key).
  EXPECT_FALSE(
      store_->CommitDigest("r@example.org", {b, 9999}, Message("r@example.org", "<d3@x>"), kT0)
          .ok());
  // Unknown subscriber.
  EXPECT_FALSE(
      store_->CommitDigest("who@example.org", {b}, Message("who@example.org", "<d4@x>"), kT0).ok());
  EXPECT_EQ(PendingIds("r@example.org"), std::vector<std::int64_t>{b});
  Result<std::vector<OutboxMessage>> all = store_->ListOutbox(std::nullopt);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
  EXPECT_EQ((*store_->GetSubscriber("r@example.org"))->last_digest, kT0);
}

TEST_F(SqlStoreTest, SkippedArticlesLeaveThePendingListWithoutAMessage) {
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0);
  std::int64_t b = Record(Item("A", "https://a.example/2"), kT0);
  std::int64_t c = Record(Item("A", "https://a.example/3"), kT0);
  ASSERT_TRUE(store_->SkipArticles("r@example.org", {a, c}, kT0).ok());
  ASSERT_TRUE(store_->SkipArticles("r@example.org", {a}, kT0).ok()) << "settling twice is fine";
  EXPECT_EQ(PendingIds("r@example.org"), std::vector<std::int64_t>{b});
  EXPECT_TRUE(store_->ListOutbox(std::nullopt)->empty());
  EXPECT_FALSE((*store_->GetSubscriber("r@example.org"))->last_digest.has_value());
  // Another subscriber still gets them; an unknown one is refused (foreign key).
  ASSERT_TRUE(store_->EnsureSubscriber("s@example.org", kT0).ok());
  EXPECT_EQ(PendingIds("s@example.org").size(), 3u);
  EXPECT_FALSE(store_->SkipArticles("who@example.org", {a}, kT0).ok());
  // A skipped article in a later digest is refused like a delivered one.
  EXPECT_FALSE(
      store_->CommitDigest("r@example.org", {b, c}, Message("r@example.org", "<d@x>"), kT0).ok());
  EXPECT_TRUE(
      store_->CommitDigest("r@example.org", {b}, Message("r@example.org", "<d@x>"), kT0).ok());
}

TEST_F(SqlStoreTest, MovesOutboxRowsThroughRetrySentAndParked) {
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  ASSERT_TRUE(store_->EnsureSubscriber("s@example.org", kT0).ok());
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0);
  std::int64_t m1 =
      *store_->CommitDigest("r@example.org", {a}, Message("r@example.org", "<1@x>"), kT0);
  std::int64_t m2 =
      *store_->CommitDigest("s@example.org", {a}, Message("s@example.org", "<2@x>"), kT0);

  ASSERT_TRUE(store_->MarkRetry(m1, kT0 + minutes(1), "451 4.3.0 try later").ok());
  Result<std::vector<OutboxMessage>> due = store_->DueOutbox(kT0, 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u) << "m1 waits for its next try";
  EXPECT_EQ(due->front().id, m2);
  due = store_->DueOutbox(kT0 + minutes(1), 10);
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ(due->front().id, m1);
  EXPECT_EQ(due->front().attempts, 1);
  EXPECT_EQ(due->front().last_error, "451 4.3.0 try later");
  EXPECT_EQ(store_->DueOutbox(kT0 + minutes(1), 1)->size(), 1u);

  ASSERT_TRUE(store_->MarkSent(m1, kT0 + minutes(2)).ok());
  ASSERT_TRUE(store_->MarkParked(m2, "550 5.1.1 no such user").ok());
  EXPECT_TRUE(store_->DueOutbox(kT0 + hours(9), 10)->empty());

  Result<std::vector<OutboxMessage>> sent = store_->ListOutbox(OutboxState::kSent);
  ASSERT_EQ(sent->size(), 1u);
  EXPECT_EQ(sent->front().attempts, 2);
  EXPECT_EQ(sent->front().sent, kT0 + minutes(2));
  Result<std::vector<OutboxMessage>> parked = store_->ListOutbox(OutboxState::kParked);
  ASSERT_EQ(parked->size(), 1u);
  EXPECT_EQ(parked->front().id, m2);
  EXPECT_EQ(parked->front().last_error, "550 5.1.1 no such user");
  EXPECT_TRUE(store_->ListOutbox(OutboxState::kPending)->empty());

  EXPECT_EQ(store_->MarkSent(12345, kT0).code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->MarkRetry(12345, kT0, "x").code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->MarkParked(12345, "x").code(), Status::Code::kNotFound);
}

TEST_F(SqlStoreTest, TheAdminRequeuesParkedRowsAndPurgesTheRest) {
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0);
  std::int64_t b = Record(Item("B", "https://a.example/2"), kT0);
  std::int64_t c = Record(Item("C", "https://a.example/3"), kT0);
  std::int64_t m1 =
      *store_->CommitDigest("r@example.org", {a}, Message("r@example.org", "<1@x>"), kT0);
  std::int64_t m2 =
      *store_->CommitDigest("r@example.org", {b}, Message("r@example.org", "<2@x>"), kT0);
  std::int64_t m3 =
      *store_->CommitDigest("r@example.org", {c}, Message("r@example.org", "<3@x>"), kT0);
  ASSERT_TRUE(store_->MarkParked(m1, "550 no such user").ok());
  ASSERT_TRUE(store_->MarkParked(m2, "gave up").ok());
  ASSERT_TRUE(store_->MarkSent(m3, kT0).ok());

  Result<std::optional<OutboxMessage>> got = store_->GetOutbox(m1);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->message_id, "<1@x>");
  EXPECT_FALSE(store_->GetOutbox(999)->has_value());

  const Instant later = kT0 + hours(80);  // past the give-up time of the first queuing
  ASSERT_EQ(*store_->RequeueOutbox(m1, later), 1);
  OutboxMessage m = **store_->GetOutbox(m1);
  EXPECT_EQ(m.state, OutboxState::kPending);
  EXPECT_EQ(m.attempts, 0);
  EXPECT_FALSE(m.last_error.has_value());
  EXPECT_EQ(m.created, later);
  EXPECT_EQ(m.next_try, later);
  ASSERT_EQ(store_->DueOutbox(later, 10)->size(), 1u);
  EXPECT_EQ(store_->RequeueOutbox(m3, later).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(store_->RequeueOutbox(999, later).status().code(), Status::Code::kNotFound);

  EXPECT_EQ(*store_->PurgeParkedOutbox(), 1);  // m2; m1 is pending again, m3 sent
  EXPECT_FALSE(store_->GetOutbox(m2)->has_value());
  EXPECT_EQ(store_->ListOutbox(std::nullopt)->size(), 2u);
  // Its article stays delivered: it is not drafted again.
  EXPECT_TRUE(PendingIds("r@example.org").empty());
  ASSERT_TRUE(store_->MarkParked(m1, "again").ok());
  EXPECT_EQ(*store_->RequeueOutbox(std::nullopt, later), 1);
}

TEST_F(SqlStoreTest, KeepsBinaryMessageBytesIntact) {
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  OutboxMessage m = Message("r@example.org", "<bin@x>");
  m.bytes = std::string("a\0b\xff\r\n.\r\n", 9);
  ASSERT_TRUE(store_->CommitDigest("r@example.org", {}, m, kT0).ok());
  EXPECT_EQ(store_->DueOutbox(kT0, 1)->front().bytes, m.bytes);
}

TEST_F(SqlStoreTest, SuppressesAddressesCaseInsensitivelyAndKeepsTheFirstReason) {
  EXPECT_FALSE(*store_->IsSuppressed("r@example.org"));
  ASSERT_TRUE(store_->AddSuppression("R@Example.org", "one-click unsubscribe", kT0).ok());
  ASSERT_TRUE(store_->AddSuppression("r@example.org", "again", kT0 + hours(1)).ok());
  EXPECT_TRUE(*store_->IsSuppressed("r@example.org"));
  EXPECT_FALSE(*store_->IsSuppressed("s@example.org"));
  Reopen();
  EXPECT_TRUE(*store_->IsSuppressed("R@EXAMPLE.ORG"));
}

TEST_F(SqlStoreTest, TwoConnectionsOnOneFileWorkSideBySide) {
  // The daemon's writer records and commits digests while the mail thread, on its own
  // connection, marks messages sent: neither may fail with "database is locked".
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  Result<std::unique_ptr<SqlStore>> mail = OpenStoreUnderTest(path_);
  ASSERT_TRUE(mail.ok());
  constexpr int kDigests = 150;
  std::atomic<bool> writer_done{false};
  Status writer_status;
  std::thread writer([&] {
    for (int i = 0; i < kDigests && writer_status.ok(); ++i) {
      Result<RecordOutcome> a =
          store_->RecordArticle(Item("A", "https://a.example/" + std::to_string(i)), kT0);
      if (!a.ok()) {
        writer_status = a.status();
        break;
      }
      Result<std::int64_t> id =
          store_->CommitDigest("r@example.org", {a->article_id},
                               Message("r@example.org", "<" + std::to_string(i) + "@x>"), kT0);
      if (!id.ok()) writer_status = id.status();
    }
    writer_done = true;
  });
  int sent = 0;
  Status mail_status;
  while (mail_status.ok() && sent < kDigests) {
    bool done = writer_done.load();
    Result<std::vector<OutboxMessage>> due = (*mail)->DueOutbox(kT0, 10);
    if (!due.ok()) {
      mail_status = due.status();
      break;
    }
    for (const OutboxMessage& m : *due) {
      mail_status = (*mail)->MarkSent(m.id, kT0);
      if (!mail_status.ok()) break;
      ++sent;
    }
    if (due->empty() && done) break;
  }
  writer.join();
  EXPECT_TRUE(writer_status.ok()) << writer_status.ToString();
  EXPECT_TRUE(mail_status.ok()) << mail_status.ToString();
  EXPECT_EQ(sent, kDigests);
  EXPECT_EQ(store_->ListOutbox(OutboxState::kSent)->size(), static_cast<size_t>(kDigests));
}

TEST_F(SqlStoreTest, KeepsCommittedStateWhenTheProcessIsKilledMidTransaction) {
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0);
  std::int64_t b = Record(Item("A", "https://a.example/2"), kT0);
  store_.reset();  // the child opens its own connection; none crosses fork()
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // Child: commit one digest, then die by SIGKILL inside the next transaction.
    Result<std::unique_ptr<SqlStore>> child = OpenStoreUnderTest(path_);
    if (!child.ok()) _exit(3);
    if (!(*child)->CommitDigest("r@example.org", {a}, Message("r@example.org", "<1@x>"), kT0).ok())
      _exit(4);
    auto raw = OpenConnectionUnderTest(path_, false);
    if (!raw.ok() || !(*raw)->BeginWrite().ok()) _exit(5);
    if (!(*raw)
             ->Exec("INSERT INTO outbox (message_id, subscriber, bytes, state, created) "
                    "VALUES ('<lost@x>', 'r@example.org', 'A', 'pending', 0)")
             .ok())
      _exit(6);
    raise(SIGKILL);
    _exit(7);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  ASSERT_EQ(WTERMSIG(status), SIGKILL);
  Reopen();
  EXPECT_EQ(PendingIds("r@example.org"), std::vector<std::int64_t>{b});
  Result<std::vector<OutboxMessage>> all = store_->ListOutbox(std::nullopt);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().message_id, "<1@x>");
  EXPECT_EQ(store_->RecentArticles("A", 10)->size(), 2u);
  // The killed writer's lock is gone: writing works at once.
  EXPECT_TRUE(
      store_->CommitDigest("r@example.org", {b}, Message("r@example.org", "<2@x>"), kT0).ok());
}

}  // namespace
}  // namespace gpalert
