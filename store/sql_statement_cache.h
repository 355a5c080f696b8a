// SqlStatementCache: prepares each SQL text once per connection and lends the prepared
// statement out again on every later use (the per-poll writes run the same few statements
// thousands of times). A Lease resets the statement (bindings cleared, any read released)
// when it goes out of scope, so a cached SELECT never keeps a WAL snapshot open.
// Owns its statements; the SqlConnection must outlive the cache. Same thread rule as it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"
#include "store/sql_statement.h"

namespace gpalert {

class SqlConnection;

class SqlStatementCache {
 public:
  // Borrowed statement, reset when the lease ends. Only one lease per SQL text at a time.
  class Lease {
   public:
    explicit Lease(SqlStatement* stmt) : stmt_(stmt) {}
    Lease(Lease&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (stmt_ != nullptr) stmt_->Reset();
    }
    SqlStatement* operator->() const { return stmt_; }
    SqlStatement& operator*() const { return *stmt_; }

   private:
    SqlStatement* stmt_;
  };

  explicit SqlStatementCache(SqlConnection* db) : db_(db) {}
  SqlStatementCache(const SqlStatementCache&) = delete;
  SqlStatementCache& operator=(const SqlStatementCache&) = delete;

  // The statement for `sql`, prepared on first use.
  Result<Lease> Get(std::string_view sql);

 private:
  SqlConnection* db_;
  std::unordered_map<std::string, std::unique_ptr<SqlStatement>> statements_;
};

}  // namespace gpalert
