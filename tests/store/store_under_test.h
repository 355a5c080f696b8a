// The engine the store suite runs on. By default each test's store is an SQLite file at
// the path it names; when GPALERT_TEST_PG_DIR names a private server started by
// tests/support/pg_cluster (ctest's "postgres." copies of these tests do), the same path
// names a PostgreSQL schema of its own on that server instead, so every store test runs
// against both engines. Test-thread only.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "store/sql_connection.h"
#include "store/sql_store.h"

namespace gpalert {

bool TestingPostgres();

// The store "at" `path` on the engine under test.
Result<std::unique_ptr<SqlStore>> OpenStoreUnderTest(const std::string& path,
                                                     const SqlStoreOptions& options = {});
// A plain connection to the same database, for tests that look at or change rows
// behind the store's back.
Result<std::unique_ptr<SqlConnection>> OpenConnectionUnderTest(const std::string& path,
                                                               bool create = false);

// A database error in the middle of a transaction, on either engine: inserts into
// `table` whose new row meets `when` (a condition on NEW) fail with `message`.
Status AddFailingInsertTrigger(SqlConnection* db, const std::string& name, const std::string& table,
                               const std::string& when, const std::string& message);
Status DropFailingInsertTrigger(SqlConnection* db, const std::string& name,
                                const std::string& table);

}  // namespace gpalert

// For a test of something only one engine has (an SQLite file's bytes, say).
#define SKIP_ON_POSTGRES(why) \
  if (::gpalert::TestingPostgres()) GTEST_SKIP() << (why)
