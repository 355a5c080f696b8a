// SqlDialect: the few pieces of SQL that SQLite and PostgreSQL spell differently, for the
// store's statements (store/sql_connection.h says what both take as written). Pure
// functions of the engine; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql_connection.h"

namespace gpalert {

// PostgreSQL advisory lock keys (any two numbers other programs on the database do not
// use): the migration lock (session, store/migrations.cc) and the identity lock
// (transaction, SqlStore::BeginBandBatch).
constexpr std::int64_t kMigrationLockKey = 0x67706c7274;  // "gplrt"
constexpr std::int64_t kIdentityLockKey = 0x67706c7275;
// Session lock around one daemon's digest pass (SqlStore::LockDigestPass).
constexpr std::int64_t kDigestLockKey = 0x67706c7276;

// " FOR UPDATE SKIP LOCKED" for PostgreSQL (a row another transaction claims is passed
// over, not waited for), "" for SQLite (one writer at a time: nothing to skip).
std::string SkipLocked(SqlEngine engine);

// A PostgreSQL array literal of `values` ("{1,2,3}"), bound as text and cast in the SQL
// (`?1::bigint[]`): many values in one statement, one round trip.
std::string PostgresIntArray(const std::vector<std::int64_t>& values);

// " INDEXED BY <index>" for SQLite (a planner hint PostgreSQL's planner needs no more
// than its statistics), "" for PostgreSQL.
std::string IndexedBy(SqlEngine engine, std::string_view index);

// The length in bytes of a text expression.
std::string ByteLength(SqlEngine engine, std::string_view text_expr);

// Of a blob expression: the bytes up to and with the first CRLF of its first CRLF CRLF
// (an RFC 5322 message's header block), or no bytes when it has none.
std::string HeaderBlock(SqlEngine engine, std::string_view blob_expr);

}  // namespace gpalert
