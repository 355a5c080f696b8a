// The engine differences of store/sql_dialect.h that are plain text.
#include "store/sql_dialect.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace gpalert {
namespace {

TEST(SqlDialectTest, PostgresIntArrayIsAnArrayLiteral) {
  EXPECT_EQ(PostgresIntArray({}), "{}");
  EXPECT_EQ(PostgresIntArray({7}), "{7}");
  EXPECT_EQ(PostgresIntArray({1, -2, std::numeric_limits<std::int64_t>::min()}),
            "{1,-2,-9223372036854775808}");
}

TEST(SqlDialectTest, SkipLockedOnlyOnPostgres) {
  EXPECT_EQ(SkipLocked(SqlEngine::kSqlite), "");
  EXPECT_EQ(SkipLocked(SqlEngine::kPostgres), " FOR UPDATE SKIP LOCKED");
}

}  // namespace
}  // namespace gpalert
