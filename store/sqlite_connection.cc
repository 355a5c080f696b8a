#include "store/sqlite_connection.h"

#include <sqlite3.h>

#include <string>
#include <string_view>

namespace gpalert {
namespace {

// SQLite's RETURNING gathers its rows in a temporary table before the first comes back:
// it doubled the cost of a one-row INSERT (200,000 of them in one transaction, 0.70 s
// plain, 1.53 s with RETURNING id). So a one-row "INSERT ... RETURNING id" without an ON
// CONFLICT clause (whose update would not set the last rowid) is prepared without the
// clause, and its one row is the connection's last insert rowid.
constexpr std::string_view kReturningId = " RETURNING id";

bool EmulatesReturningId(std::string_view sql) {
  return sql.starts_with("INSERT ") && sql.ends_with(kReturningId) &&
         sql.find("ON CONFLICT") == std::string_view::npos;
}

class SqliteStatementBackend final : public SqlStatementBackend {
 public:
  SqliteStatementBackend(const SqliteConnection* db, sqlite3_stmt* stmt, bool returning_id)
      : db_(db), stmt_(stmt), returning_id_(returning_id) {}
  ~SqliteStatementBackend() override { sqlite3_finalize(stmt_); }
  SqliteStatementBackend(const SqliteStatementBackend&) = delete;
  SqliteStatementBackend& operator=(const SqliteStatementBackend&) = delete;

  Status BindInt(int index, std::int64_t value) override {
    return Check(sqlite3_bind_int64(stmt_, index, value), index);
  }
  Status BindDouble(int index, double value) override {
    return Check(sqlite3_bind_double(stmt_, index, value), index);
  }
  Status BindText(int index, std::string_view value) override {
    return Check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8),
                 index);
  }
  Status BindBlob(int index, std::string_view bytes) override {
    // A zero-length blob must still be a blob, not NULL: pass a non-null pointer.
    static const char kEmpty = 0;
    const void* data = bytes.empty() ? &kEmpty : bytes.data();
    return Check(sqlite3_bind_blob64(stmt_, index, data, bytes.size(), SQLITE_TRANSIENT), index);
  }
  Status BindNull(int index) override { return Check(sqlite3_bind_null(stmt_, index), index); }

  Result<bool> Step() override {
    if (returning_id_) return StepReturningId();
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return RunError();
  }
  void Reset() override {
    id_state_ = IdState::kNotRun;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  bool ColumnIsNull(int col) const override {
    if (id_state_ == IdState::kRow) return col != 0;
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
  }
  std::int64_t ColumnInt(int col) const override {
    if (id_state_ == IdState::kRow) return col == 0 ? id_ : 0;
    return sqlite3_column_int64(stmt_, col);
  }
  double ColumnDouble(int col) const override {
    if (id_state_ == IdState::kRow) return static_cast<double>(ColumnInt(col));
    return sqlite3_column_double(stmt_, col);
  }
  std::string ColumnText(int col) const override {
    if (id_state_ == IdState::kRow) return col == 0 ? std::to_string(id_) : std::string();
    // Ask for the blob pointer so that embedded NULs and non-UTF-8 bytes come back verbatim.
    const void* data = sqlite3_column_blob(stmt_, col);
    int size = sqlite3_column_bytes(stmt_, col);
    if (data == nullptr || size <= 0) return std::string();
    return std::string(static_cast<const char*>(data), static_cast<size_t>(size));
  }

 private:
  Status Check(int rc, int index) const {
    if (rc == SQLITE_OK) return Status::Ok();
    return db_->Error("cannot bind parameter " + std::to_string(index));
  }

  // The statement's SQL, its first 60 bytes, in quotes: for messages.
  std::string Quoted() const { return "\"" + std::string(sqlite3_sql(stmt_)).substr(0, 60) + "\""; }
  Status RunError() const { return db_->Error("cannot run " + Quoted()); }

  // The emulated RETURNING id: the INSERT runs at the first step, whose row is the id.
  Result<bool> StepReturningId() {
    if (id_state_ != IdState::kNotRun) {
      id_state_ = IdState::kDone;
      return false;
    }
    id_state_ = IdState::kDone;
    if (sqlite3_step(stmt_) != SQLITE_DONE) return RunError();
    sqlite3* db = sqlite3_db_handle(stmt_);
    int changes = sqlite3_changes(db);
    if (changes == 0) return false;  // nothing inserted (an INSERT ... SELECT of no rows)
    if (changes != 1)
      return Status::Internal(Quoted() + " inserted " + std::to_string(changes) +
                              " rows: RETURNING id is emulated for one-row INSERTs only");
    id_ = sqlite3_last_insert_rowid(db);
    id_state_ = IdState::kRow;
    return true;
  }

  enum class IdState { kNotRun, kRow, kDone };

  const SqliteConnection* db_;
  sqlite3_stmt* stmt_;
  const bool returning_id_;
  IdState id_state_ = IdState::kNotRun;
  std::int64_t id_ = 0;
};

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(
    const std::string& path, bool create, std::chrono::milliseconds busy_timeout) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<SqliteConnection> db(new SqliteConnection(raw, path));
  if (rc != SQLITE_OK) {
    std::string reason = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    std::string hint = create ? "check that its directory exists and is writable by this user"
                              : "check the path (the daemon creates it on its first run)";
    return Status::IoError("cannot open state database " + path + ": " + reason + "; " + hint);
  }
  sqlite3_extended_result_codes(raw, 1);
  Status s = db->Configure(busy_timeout);
  if (!s.ok()) {
    return Status::IoError("cannot use state database " + path + " (" + s.message() +
                           "); if this file is not gpalert's, move it away or set another "
                           "state_dir");
  }
  return db;
}

SqliteConnection::~SqliteConnection() {
  // close_v2 defers the close until every statement is finalized, so a stray statement
  // can never leave a dangling connection.
  sqlite3_close_v2(db_);
}

// Opening-time pragmas. The first one reads the file header, so a file that is not a
// database fails here with a message that says so.
Status SqliteConnection::Configure(std::chrono::milliseconds busy_timeout) {
  sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
  Result<SqlStatement> wal = Prepare("PRAGMA journal_mode=WAL");
  if (!wal.ok()) return wal.status();
  Result<bool> row = wal->Step();
  if (!row.ok()) return row.status();
  std::string mode = *row ? wal->ColumnText(0) : "";
  if (mode != "wal") {
    return Status::IoError(path_ + ": cannot use the WAL journal (SQLite kept '" + mode +
                           "'); put state_dir on a local file system");
  }
  // A 16 MB page cache (SQLite's default is 2 MB): the identity lookups of a poll's new
  // articles read the fingerprint and band indexes at random, and with the small cache
  // most of those reads went back to the kernel.
  return Exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384;");
}

Status SqliteConnection::Exec(std::string_view sql) {
  std::string copy(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Status::IoError(path_ + ": " + msg);
}

Result<SqlStatement> SqliteConnection::Prepare(std::string_view sql) {
  const bool returning_id = EmulatesReturningId(sql);
  if (returning_id) sql.remove_suffix(kReturningId.size());
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error("cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"");
  }
  return SqlStatement(std::make_unique<SqliteStatementBackend>(this, stmt, returning_id));
}

Status SqliteConnection::Error(std::string_view what) const {
  return Status::IoError(path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_));
}

std::int64_t SqliteConnection::Changes() const { return sqlite3_changes(db_); }

Status SqliteConnection::BeginWrite() { return Exec("BEGIN IMMEDIATE"); }

}  // namespace gpalert
