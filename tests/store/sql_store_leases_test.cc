// Work sharing between daemons on one store (schema v7, v8): source leases, outbox claims
// and hosts' poll slots on a shared store, the digest lock and the keys daemons agree on. Runs on
// both engines; what only a shared (PostgreSQL) store does is checked there.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "store/sql_store.h"
#include "tests/store/store_test_items.h"
#include "tests/store/store_under_test.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using store_test::Item;
using store_test::kT0;

class SqlStoreLeasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("state.db");
    a_ = Open("d0/1");
    b_ = Open("d1/2");
  }
  std::unique_ptr<SqlStore> Open(const std::string& holder) {
    SqlStoreOptions options;
    options.holder = holder;
    options.claim_for = minutes(15);
    auto store = OpenStoreUnderTest(path_, options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }
  bool Claim(SqlStore* s, const std::string& holder, Instant now,
             std::optional<Instant> polled_before = std::nullopt) {
    auto claimed = s->ClaimSource("Feed", "https://a.example/feed", holder, now, now + seconds(60),
                                  polled_before);
    EXPECT_TRUE(claimed.ok()) << claimed.status().ToString();
    return claimed.ok() && *claimed;
  }
  void Polled(SqlStore* s, Instant at, Instant next_due) {
    SourceState st;
    st.name = "Feed";
    st.url = "https://a.example/feed";
    st.last_poll = at;
    st.next_due = next_due;
    ASSERT_TRUE(s->PutSource(st).ok());
  }

  testing::ScopedTempDir dir_;
  std::string path_;
  std::unique_ptr<SqlStore> a_;
  std::unique_ptr<SqlStore> b_;
};

TEST_F(SqlStoreLeasesTest, OneDaemonHoldsASourceUntilItsPollEndsOrItsLeaseExpires) {
  EXPECT_TRUE(Claim(a_.get(), "d0/1", kT0)) << "a source never polled is anyone's";
  EXPECT_FALSE(Claim(b_.get(), "d1/2", kT0 + seconds(10))) << "d0's live lease";
  auto listed = b_->ListSources();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].leased_by, "d0/1");
  EXPECT_EQ((*listed)[0].lease_until, kT0 + seconds(60));
  EXPECT_EQ(*b_->CountLiveLeases(kT0 + seconds(10)), 1);
  // Renewed while the poll runs: still d0's past the first lease's end.
  ASSERT_TRUE(a_->RenewLeases("d0/1", kT0 + seconds(120)).ok());
  EXPECT_FALSE(Claim(b_.get(), "d1/2", kT0 + seconds(90)));
  // The poll ends: the lease goes with PutSource, and the source is not due for 30 min.
  Polled(a_.get(), kT0 + seconds(95), kT0 + minutes(30));
  EXPECT_EQ(*b_->CountLiveLeases(kT0 + seconds(96)), 0);
  EXPECT_FALSE(Claim(b_.get(), "d1/2", kT0 + seconds(100))) << "not due";
  EXPECT_TRUE(Claim(b_.get(), "d1/2", kT0 + minutes(31))) << "due, free";
  // d1 dies holding it: once the lease has expired, d0 takes it.
  EXPECT_FALSE(Claim(a_.get(), "d0/1", kT0 + minutes(31) + seconds(30)));
  EXPECT_TRUE(Claim(a_.get(), "d0/1", kT0 + minutes(32) + seconds(1)));
}

TEST_F(SqlStoreLeasesTest, AOnceRoundClaimsWhatNobodyPolledSinceItStarted) {
  Polled(a_.get(), kT0 + seconds(5), kT0 + minutes(30));
  EXPECT_FALSE(Claim(b_.get(), "d1/2", kT0 + seconds(6), kT0)) << "polled after the round began";
  EXPECT_TRUE(Claim(b_.get(), "d1/2", kT0 + seconds(6), kT0 + seconds(6)))
      << "a round begun later polls it again, due or not";
}

TEST_F(SqlStoreLeasesTest, OnASharedStoreEachDueMessageIsClaimedByOneDaemon) {
  if (!a_->Shared()) GTEST_SKIP() << "SQLite: one daemon per file, nothing to claim";
  ASSERT_TRUE(a_->EnsureSubscriber("r@example.org", kT0).ok());
  auto id = a_->RecordArticle(Item("A", "https://a.example/1"), kT0);
  ASSERT_TRUE(id.ok());
  OutboxMessage m;
  m.subscriber = "r@example.org";
  m.message_id = "<1@x>";
  m.bytes = "To: r@example.org\r\n\r\nbody\r\n";
  auto queued = a_->CommitDigest("r@example.org", {id->article_id}, m, kT0);
  ASSERT_TRUE(queued.ok());
  auto first = a_->DueOutbox(kT0 + seconds(1), 10);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->size(), 1u);
  EXPECT_TRUE(b_->DueOutbox(kT0 + seconds(2), 10)->empty()) << "d0 claimed it";
  // d0 died mid-send: after the claim time the message is d1's to send (once more).
  EXPECT_EQ(b_->DueOutbox(kT0 + minutes(16), 10)->size(), 1u);
  ASSERT_TRUE(b_->MarkSent(*queued, kT0 + minutes(16)).ok());
  EXPECT_TRUE(a_->DueOutbox(kT0 + minutes(40), 10)->empty());
}

TEST_F(SqlStoreLeasesTest, AHostsPollSlotsAreSharedByAllDaemons) {
  const std::string host = "https://a.example";
  auto take = [&](SqlStore* s, const std::string& holder, const std::string& source,
                  Instant now) -> std::optional<int> {
    auto slot = s->TakeHostSlot(host, 2, holder, source, now, now + seconds(60));
    EXPECT_TRUE(slot.ok()) << slot.status().ToString();
    return slot.ok() ? *slot : std::nullopt;
  };
  if (!a_->Shared()) {
    // One daemon per SQLite file: its own fetcher's per_host limit is the whole rule.
    EXPECT_EQ(take(a_.get(), "d0/1", "s1", kT0), 0);
    EXPECT_EQ(take(a_.get(), "d0/1", "s2", kT0), 0);
    EXPECT_EQ(take(a_.get(), "d0/1", "s3", kT0), 0);
    EXPECT_TRUE(a_->ListHostSlots(kT0)->empty());
    return;
  }
  EXPECT_EQ(take(a_.get(), "d0/1", "s1", kT0), 0);
  EXPECT_EQ(take(b_.get(), "d1/2", "s2", kT0), 1);
  EXPECT_EQ(take(b_.get(), "d1/2", "s3", kT0), std::nullopt) << "two slots, both held";
  EXPECT_EQ(take(a_.get(), "d0/1", "s4", kT0), std::nullopt);
  auto other = b_->TakeHostSlot("https://b.example", 2, "d1/2", "s5", kT0, kT0 + seconds(60));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*other, 0) << "another host's slots are its own";
  auto held = a_->ListHostSlots(kT0 + seconds(1));
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(held->size(), 3u);
  EXPECT_EQ((*held)[0].host, host);
  EXPECT_EQ((*held)[0].held_by, "d0/1");
  EXPECT_EQ((*held)[0].source, "s1");
  EXPECT_EQ((*held)[1].held_by, "d1/2");
  EXPECT_EQ((*held)[1].held_until, kT0 + seconds(60));
  // Another daemon's slot cannot be given back by this one.
  ASSERT_TRUE(a_->FreeHostSlot(host, 1, "d0/1").ok());
  EXPECT_EQ(take(a_.get(), "d0/1", "s4", kT0 + seconds(1)), std::nullopt) << "d1's still";
  // Given back, it goes to the daemon that found the host full first (d1 reserved it),
  // not to the holder's next poll.
  ASSERT_TRUE(a_->FreeHostSlot(host, 0, "d0/1").ok());
  EXPECT_EQ(take(a_.get(), "d0/1", "s4", kT0 + seconds(2)), std::nullopt) << "d1 waits for it";
  EXPECT_EQ(take(b_.get(), "d1/2", "s3", kT0 + seconds(2)), 0);
  // Renewed with the leases; a dead daemon's slot is free once its time ran out.
  ASSERT_TRUE(b_->RenewLeases("d1/2", kT0 + seconds(120)).ok());
  EXPECT_EQ(take(a_.get(), "d0/1", "s4", kT0 + seconds(90)), std::nullopt);
  EXPECT_EQ(take(a_.get(), "d0/1", "s4", kT0 + seconds(121)), 0);
  EXPECT_EQ(take(a_.get(), "d0/1", "s6", kT0 + seconds(121)), 1);
  // The holder may take a slot back for its next poll while the wait for it is young;
  // once the waiter has waited kSlotPatience it is the waiter's; a reservation nobody
  // asks again for runs out.
  const std::string one = "https://c.example";
  auto take_one = [&](SqlStore* st, const std::string& holder, Instant now) {
    auto slot = st->TakeHostSlot(one, 1, holder, "c", now, now + seconds(60));
    EXPECT_TRUE(slot.ok()) << slot.status().ToString();
    return slot.ok() && slot->has_value();
  };
  EXPECT_TRUE(take_one(a_.get(), "d0/1", kT0));
  EXPECT_FALSE(take_one(b_.get(), "d1/2", kT0));
  ASSERT_TRUE(a_->FreeHostSlot(one, 0, "d0/1").ok());
  EXPECT_TRUE(take_one(a_.get(), "d0/1", kT0 + seconds(1))) << "d1 has waited 1 s only";
  EXPECT_FALSE(take_one(b_.get(), "d1/2", kT0 + seconds(2))) << "held; d1's wait goes on";
  ASSERT_TRUE(a_->FreeHostSlot(one, 0, "d0/1").ok());
  Instant later = kT0 + SqlStore::kSlotPatience + seconds(1);
  EXPECT_FALSE(take_one(a_.get(), "d0/1", later)) << "d1 has waited long enough";
  EXPECT_TRUE(
      take_one(a_.get(), "d0/1", kT0 + seconds(2) + SqlStore::kSlotReservation + seconds(1)))
      << "d1 stopped asking: its reservation ran out";
  // A daemon configured with more slots per host makes the rows it needs.
  auto third = b_->TakeHostSlot(host, 3, "d1/2", "s7", kT0 + seconds(122), kT0 + seconds(180));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(*third, 2);
}

TEST_F(SqlStoreLeasesTest, DaemonsAgreeOnTheFirstKeyStored) {
  auto first = a_->AgreeOnSecret("unsubscribe", "key-of-d0");
  auto second = b_->AgreeOnSecret("unsubscribe", "key-of-d1");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, "key-of-d0");
  EXPECT_EQ(*second, a_->Shared() ? "key-of-d0" : "key-of-d1")
      << "a shared store keeps the first; SQLite keeps each daemon's own file key";
}

TEST_F(SqlStoreLeasesTest, TheDigestLockIsHeldByOneDaemonAtATime) {
  ASSERT_TRUE(a_->LockDigestPass().ok());
  a_->UnlockDigestPass();
  ASSERT_TRUE(b_->LockDigestPass().ok()) << "free again once released";
  b_->UnlockDigestPass();
}

}  // namespace
}  // namespace gpalert
