// RestartOnlyChanges: a reload names every setting it cannot apply, and only those.
#include "daemon/config/restart_keys.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(RestartKeysTest, NothingToSayWhenOnlyReloadableSettingsChange) {
  Config running;
  Config fresh = running;
  fresh.daemon.poll_interval = std::chrono::hours(2);
  fresh.dedup.threshold = 0.8;
  fresh.sources.emplace_back();
  EXPECT_TRUE(RestartOnlyChanges(running, fresh).empty());
}

TEST(RestartKeysTest, NamesEachSettingThatWaitsForARestartAsTheConfigSpellsIt) {
  Config running;
  Config fresh = running;
  fresh.daemon.concurrency = running.daemon.concurrency + 1;
  fresh.daemon.user_agent = "other/1.0";
  fresh.store.url = "postgresql:///gpalert";
  EXPECT_EQ(
      RestartOnlyChanges(running, fresh),
      (std::vector<std::string>{"[daemon] user_agent", "[daemon] concurrency", "[store] url"}));
  fresh = running;
  fresh.daemon.http_listen = "127.0.0.1:8086";
  fresh.daemon.state_dir = "/elsewhere";
  EXPECT_EQ(RestartOnlyChanges(running, fresh),
            (std::vector<std::string>{"[daemon] state_dir", "[daemon] http_listen"}));
}

}  // namespace
}  // namespace gpalert
