#include "tests/store/store_under_test.h"

#include <cstdlib>
#include <fstream>
#include <functional>

#include "store/pg_connection.h"
#include "store/sqlite_connection.h"

namespace gpalert {
namespace {

std::string ServerConnInfo() {
  const char* dir = std::getenv("GPALERT_TEST_PG_DIR");
  if (dir == nullptr || *dir == '\0') return "";
  std::ifstream in(std::string(dir) + "/conninfo");
  std::string line;
  std::getline(in, line);
  return line;
}

// One schema per test database path, made on first use.
Result<PgConnectOptions> SchemaFor(const std::string& path) {
  std::string server = ServerConnInfo();
  if (server.empty()) return Status::NotFound("GPALERT_TEST_PG_DIR names no running server");
  char name[40];
  std::snprintf(name, sizeof name, "t_%016zx", std::hash<std::string>()(path));
  PgConnectOptions admin;
  admin.url = server;
  Result<std::unique_ptr<PgConnection>> db = PgConnection::Open(admin);
  if (!db.ok()) return db.status();
  Status s = (*db)->Exec(std::string("CREATE SCHEMA IF NOT EXISTS ") + name);
  if (!s.ok()) return s;
  PgConnectOptions out;
  out.url = server + " options='-c search_path=" + name + "'";
  return out;
}

}  // namespace

bool TestingPostgres() { return !ServerConnInfo().empty(); }

Result<std::unique_ptr<SqlStore>> OpenStoreUnderTest(const std::string& path,
                                                     const SqlStoreOptions& options) {
  if (!TestingPostgres()) return SqlStore::Open(path, options);
  Result<PgConnectOptions> pg = SchemaFor(path);
  if (!pg.ok()) return pg.status();
  return SqlStore::OpenPostgres(*pg, options);
}

Result<std::unique_ptr<SqlConnection>> OpenConnectionUnderTest(const std::string& path,
                                                               bool create) {
  if (!TestingPostgres()) {
    Result<std::unique_ptr<SqliteConnection>> db =
        SqliteConnection::Open(path, create, std::chrono::milliseconds(5000));
    if (!db.ok()) return db.status();
    return std::unique_ptr<SqlConnection>(std::move(db).value());
  }
  Result<PgConnectOptions> pg = SchemaFor(path);
  if (!pg.ok()) return pg.status();
  Result<std::unique_ptr<PgConnection>> db = PgConnection::Open(*pg);
  if (!db.ok()) return db.status();
  return std::unique_ptr<SqlConnection>(std::move(db).value());
}

Status AddFailingInsertTrigger(SqlConnection* db, const std::string& name, const std::string& table,
                               const std::string& when, const std::string& message) {
  if (db->engine() == SqlEngine::kSqlite) {
    return db->Exec("CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " WHEN " + when +
                    " BEGIN SELECT RAISE(ABORT, '" + message + "'); END");
  }
  return db->Exec(
      "CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN IF " + when +
      " THEN RAISE EXCEPTION '" + message + "'; END IF; RETURN NEW; END $f$; CREATE TRIGGER " +
      name + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION " + name + "()");
}

Status DropFailingInsertTrigger(SqlConnection* db, const std::string& name,
                                const std::string& table) {
  if (db->engine() == SqlEngine::kSqlite) return db->Exec("DROP TRIGGER " + name);
  return db->Exec("DROP TRIGGER " + name + " ON " + table + "; DROP FUNCTION " + name + "()");
}

}  // namespace gpalert
