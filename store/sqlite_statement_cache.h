// SqliteStatementCache: prepares each SQL text once per connection and lends the prepared
// statement out again on every later use (the per-poll writes run the same few statements
// thousands of times). A Lease resets the statement (bindings cleared, any read released)
// when it goes out of scope, so a cached SELECT never keeps a WAL snapshot open.
// Owns its statements; the SqliteDb must outlive the cache. Same thread rule as SqliteDb.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"
#include "store/sqlite_statement.h"

namespace gpalert {

class SqliteDb;

class SqliteStatementCache {
 public:
  // Borrowed statement, reset when the lease ends. Only one lease per SQL text at a time.
  class Lease {
   public:
    explicit Lease(SqliteStatement* stmt) : stmt_(stmt) {}
    Lease(Lease&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (stmt_ != nullptr) stmt_->Reset();
    }
    SqliteStatement* operator->() const { return stmt_; }
    SqliteStatement& operator*() const { return *stmt_; }

   private:
    SqliteStatement* stmt_;
  };

  explicit SqliteStatementCache(const SqliteDb* db) : db_(db) {}
  SqliteStatementCache(const SqliteStatementCache&) = delete;
  SqliteStatementCache& operator=(const SqliteStatementCache&) = delete;

  // The statement for `sql`, prepared on first use.
  Result<Lease> Get(std::string_view sql);

 private:
  const SqliteDb* db_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

}  // namespace gpalert
