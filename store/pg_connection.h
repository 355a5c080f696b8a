// PgConnection: the SqlConnection of a PostgreSQL database (libpq), for several daemons
// sharing one store. Owns the PGconn* (finished on destruction) and the server-side
// prepared statements made on it (each SqlStatement deallocates its own). The store's
// "?N" parameters become "$N"; values are sent typed (int8, float8, text, binary bytea)
// and read back as text. Used by one thread at a time (the thread that owns the Store).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/sql_connection.h"

struct pg_conn;
struct pg_result;

namespace gpalert {

struct PgConnectOptions {
  // A libpq connection URI or key=value string: "postgresql://gpalert@db.example.org/gpalert",
  // "postgresql:///gpalert?host=/run/postgresql" (a unix socket directory).
  std::string url;
  // A file whose first line is the password; otherwise libpq's own (PGPASSFILE, ~/.pgpass).
  std::optional<std::string> password_file;
  // How long connecting may take before it fails.
  int connect_timeout_seconds = 10;
};

class PgConnection final : public SqlConnection {
 public:
  // Connects. Errors say which server (never the password) and what to do.
  static Result<std::unique_ptr<PgConnection>> Open(const PgConnectOptions& options);

  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  SqlEngine engine() const override { return SqlEngine::kPostgres; }
  const std::string& name() const override { return name_; }
  Status Exec(std::string_view sql) override;
  Result<SqlStatement> Prepare(std::string_view sql) override;
  std::int64_t Changes() const override { return changes_; }
  Status BeginWrite() override { return Exec("BEGIN"); }

  // For the statements made on this connection (store/pg_connection.cc).
  pg_conn* get() const { return conn_; }
  void set_changes(std::int64_t n) { changes_ = n; }
  // A statement made by NextStatementName is no longer needed: dropped on the server now,
  // or with the next one when a failed transaction refuses commands.
  void Deallocate(std::string name);
  std::string NextStatementName() { return "gpalert_" + std::to_string(++statements_made_); }
  // Incremented when the session was re-established: statements prepare again.
  std::int64_t generation() const { return generation_; }
  // "<name>: <what>: <server message>" for `result` (or the connection's last error);
  // reconnects when the connection was lost, so only this call fails.
  Status Failed(const pg_result* result, std::string_view what);

 private:
  PgConnection(pg_conn* conn, std::string name) : conn_(conn), name_(std::move(name)) {}

  pg_conn* conn_;
  std::string name_;
  std::int64_t changes_ = 0;
  std::int64_t statements_made_ = 0;
  std::int64_t generation_ = 0;
  std::vector<std::string> unused_statements_;
};

// The URL or key=value string with any password removed, for messages.
std::string RedactedConnectionString(const std::string& url);

// The store's SQL with "?N" (and bare "?") parameters numbered as PostgreSQL's "$N";
// quoted text is left alone. `used` receives, per parameter number from 1 to the highest,
// whether the SQL mentions it.
std::string PostgresParameters(std::string_view sql, std::vector<bool>* used);

}  // namespace gpalert
