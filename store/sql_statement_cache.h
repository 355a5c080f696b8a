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
  // Looked up by the caller's view, no copy of the SQL text per use, and hashed on its
  // length, head and tail only (statements differ there; a clash costs one comparison):
  // a poll asks for a statement several times an item.
  struct SqlTextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const {
      std::hash<std::string_view> h;
      if (s.size() <= 48) return h(s);
      return h(s.substr(0, 16)) ^ (h(s.substr(s.size() - 32)) * 31) ^ s.size();
    }
  };
  SqlConnection* db_;
  std::unordered_map<std::string, std::unique_ptr<SqlStatement>, SqlTextHash, std::equal_to<>>
      statements_;
};

}  // namespace gpalert
