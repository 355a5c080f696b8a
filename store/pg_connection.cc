#include "store/pg_connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "common/strings.h"

namespace gpalert {
namespace {

// Type OIDs (pg_type.h): what the values are sent as, and what results need decoding.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
constexpr Oid kFloat8Oid = 701;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

// bytea in text output ("\x4142..."), back to its bytes.
std::string DecodeBytea(const char* text, int length) {
  std::string out;
  if (length < 2 || text[0] != '\\' || text[1] != 'x') return std::string(text, length);
  out.reserve(static_cast<std::size_t>(length - 2) / 2);
  for (int i = 2; i + 1 < length; i += 2) {
    out.push_back(static_cast<char>(HexValue(text[i]) * 16 + HexValue(text[i + 1])));
  }
  return out;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string ResultMessage(const PGresult* r, PGconn* conn) {
  std::string msg = r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(conn);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (state != nullptr) msg += std::string(" (SQLSTATE ") + state + ")";
  return msg;
}

void IgnoreNotice(void*, const char*) {}

class PgStatementBackend final : public SqlStatementBackend {
 public:
  // A parameter the SQL never mentions is sent as text: the server cannot infer its type.
  PgStatementBackend(PgConnection* db, std::string sql, const std::vector<bool>& used)
      : db_(db),
        sql_(std::move(sql)),
        values_(used.size()),
        types_(used.size(), 0),
        formats_(used.size(), 0) {
    for (std::size_t i = 0; i < used.size(); ++i) {
      if (!used[i]) types_[i] = kTextOid;
    }
  }
  ~PgStatementBackend() override {
    result_.reset();
    if (!name_.empty() && generation_ == db_->generation()) db_->Deallocate(std::move(name_));
  }
  PgStatementBackend(const PgStatementBackend&) = delete;
  PgStatementBackend& operator=(const PgStatementBackend&) = delete;

  Status BindInt(int index, std::int64_t value) override {
    return Set(index, std::to_string(value), kInt8Oid, 0);
  }
  Status BindDouble(int index, double value) override {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    return Set(index, buf, kFloat8Oid, 0);
  }
  // PostgreSQL's text holds valid UTF-8 without NUL: other bytes become U+FFFD.
  Status BindText(int index, std::string_view value) override {
    bool clean = value.find('\0') == std::string_view::npos && IsValidUtf8(value);
    if (clean) return Set(index, std::string(value), kTextOid, 0);
    std::string text = SanitizeUtf8(value);
    std::string out;
    for (char c : text) {
      if (c == '\0') {
        out += "\xEF\xBF\xBD";
      } else {
        out.push_back(c);
      }
    }
    return Set(index, std::move(out), kTextOid, 0);
  }
  Status BindBlob(int index, std::string_view bytes) override {
    return Set(index, std::string(bytes), kByteaOid, 1);
  }
  Status BindNull(int index) override {
    Status s = Check(index);
    if (s.ok()) values_[index - 1].reset();
    return s;
  }

  Result<bool> Step() override {
    if (!result_) {
      Status s = Execute();
      if (!s.ok()) return s;
    }
    ++row_;
    return row_ < PQntuples(result_.get());
  }
  void Reset() override {
    result_.reset();
    row_ = -1;
    for (auto& v : values_) v.reset();
  }

  bool ColumnIsNull(int col) const override { return PQgetisnull(result_.get(), row_, col) != 0; }
  std::int64_t ColumnInt(int col) const override {
    const char* v = PQgetvalue(result_.get(), row_, col);
    if (PQftype(result_.get(), col) == kBoolOid) return v[0] == 't' ? 1 : 0;
    return std::strtoll(v, nullptr, 10);
  }
  double ColumnDouble(int col) const override {
    return std::strtod(PQgetvalue(result_.get(), row_, col), nullptr);
  }
  std::string ColumnText(int col) const override {
    if (ColumnIsNull(col)) return std::string();
    const char* v = PQgetvalue(result_.get(), row_, col);
    int length = PQgetlength(result_.get(), row_, col);
    if (PQftype(result_.get(), col) == kByteaOid) return DecodeBytea(v, length);
    return std::string(v, static_cast<std::size_t>(length));
  }

 private:
  Status Check(int index) const {
    if (index >= 1 && index <= static_cast<int>(values_.size())) return Status::Ok();
    return Status::Internal(db_->name() + ": parameter " + std::to_string(index) + " is not in \"" +
                            sql_.substr(0, 60) + "\"");
  }
  Status Set(int index, std::string value, Oid type, int format) {
    Status s = Check(index);
    if (!s.ok()) return s;
    values_[index - 1] = std::move(value);
    types_[index - 1] = type;
    formats_[index - 1] = format;
    return Status::Ok();
  }

  // The first run sends the SQL with its values (one round trip, nothing left on the
  // server); a statement run again is prepared then, with the types of the values bound
  // (the server infers those bound NULL), and runs by name from there on. The whole
  // result is kept.
  Status Execute() {
    std::vector<const char*> values(values_.size());
    std::vector<int> lengths(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) {
      values[i] = values_[i] ? values_[i]->data() : nullptr;
      lengths[i] = values_[i] ? static_cast<int>(values_[i]->size()) : 0;
    }
    const int n = static_cast<int>(values.size());
    ResultPtr r;
    if (runs_++ == 0) {
      r.reset(PQexecParams(db_->get(), sql_.c_str(), n, types_.data(), values.data(),
                           lengths.data(), formats_.data(), 0));
    } else {
      if (name_.empty() || generation_ != db_->generation()) {
        std::string name = db_->NextStatementName();
        ResultPtr p(PQprepare(db_->get(), name.c_str(), sql_.c_str(), n, types_.data()));
        if (p == nullptr || PQresultStatus(p.get()) != PGRES_COMMAND_OK) {
          return db_->Failed(p.get(), "cannot prepare \"" + sql_.substr(0, 60) + "\"");
        }
        name_ = std::move(name);
        generation_ = db_->generation();
      }
      r.reset(PQexecPrepared(db_->get(), name_.c_str(), n, values.data(), lengths.data(),
                             formats_.data(), 0));
    }
    ExecStatusType status = r != nullptr ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      return db_->Failed(r.get(), "cannot run \"" + sql_.substr(0, 60) + "\"");
    }
    const char* changed = PQcmdTuples(r.get());
    db_->set_changes(changed[0] != '\0' ? std::strtoll(changed, nullptr, 10) : 0);
    result_ = std::move(r);
    row_ = -1;
    return Status::Ok();
  }

  PgConnection* db_;
  std::string sql_;
  std::string name_;  // the server-side statement, once prepared
  std::int64_t generation_ = 0;
  std::int64_t runs_ = 0;
  std::vector<std::optional<std::string>> values_;
  std::vector<Oid> types_;
  std::vector<int> formats_;
  ResultPtr result_;
  int row_ = -1;
};

Result<std::string> ReadPasswordFile(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) {
    return Status::IoError("cannot read the PostgreSQL password from " + path +
                           " ([store] password_file): check that it exists and is readable");
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

}  // namespace

std::string RedactedConnectionString(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &err);
  if (options == nullptr) {
    PQfreemem(err);
    return "PostgreSQL (an unreadable connection string)";
  }
  std::string out = "PostgreSQL";
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    std::string key = o->keyword;
    if (o->val == nullptr || key == "password") continue;
    out += " " + key + "=" + o->val;
  }
  PQconninfoFree(options);
  return out;
}

std::string PostgresParameters(std::string_view sql, std::vector<bool>* used) {
  std::string out;
  out.reserve(sql.size() + 8);
  int highest = 0;
  std::vector<bool> mentioned;
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (quoted || c != '?') {
      out.push_back(c);
      continue;
    }
    std::size_t j = i + 1;
    int n = 0;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
    if (j == i + 1) n = highest + 1;  // a bare "?" is the next number, as in SQLite
    if (n > highest) highest = n;
    if (mentioned.size() < static_cast<std::size_t>(n)) mentioned.resize(n);
    mentioned[n - 1] = true;
    out += "$" + std::to_string(n);
    i = j - 1;
  }
  if (used != nullptr) *used = std::move(mentioned);
  return out;
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const PgConnectOptions& options) {
  std::string name = RedactedConnectionString(options.url);
  std::optional<std::string> password;
  if (options.password_file) {
    Result<std::string> read = ReadPasswordFile(*options.password_file);
    if (!read.ok()) return read.status();
    password = *read;
  }
  std::string timeout = std::to_string(options.connect_timeout_seconds);
  std::vector<const char*> keys = {"dbname", "connect_timeout", "fallback_application_name"};
  std::vector<const char*> values = {options.url.c_str(), timeout.c_str(), "gpalert"};
  if (password) {
    keys.push_back("password");
    values.push_back(password->c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1);
  if (conn == nullptr) return Status::IoError("cannot connect to " + name + ": out of memory");
  std::unique_ptr<PgConnection> db(new PgConnection(conn, name));
  if (PQstatus(conn) != CONNECTION_OK) {
    return Status::IoError("cannot connect to " + name + ": " + ResultMessage(nullptr, conn) +
                           "; check that the server runs and [store] url (and the password)");
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  Status s = db->Exec("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
  if (!s.ok()) return s;
  return db;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgConnection::Deallocate(std::string name) {
  unused_statements_.push_back(std::move(name));
  // Not inside a failed transaction (which refuses every command until its rollback).
  if (PQtransactionStatus(conn_) == PQTRANS_INERROR) return;
  std::string sql;
  for (const std::string& n : unused_statements_) sql += "DEALLOCATE " + n + ";";
  unused_statements_.clear();
  ResultPtr r(PQexec(conn_, sql.c_str()));
}

Status PgConnection::Exec(std::string_view sql) {
  ResultPtr r(PQexec(conn_, std::string(sql).c_str()));
  ExecStatusType status = r != nullptr ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Status::Ok();
  return Failed(r.get(), "cannot run \"" + std::string(sql.substr(0, 60)) + "\"");
}

Result<SqlStatement> PgConnection::Prepare(std::string_view sql) {
  std::vector<bool> used;
  std::string converted = PostgresParameters(sql, &used);
  return SqlStatement(std::make_unique<PgStatementBackend>(this, std::move(converted), used));
}

Status PgConnection::Failed(const PGresult* result, std::string_view what) {
  Status s =
      Status::IoError(name_ + ": " + std::string(what) + ": " + ResultMessage(result, conn_));
  if (PQstatus(conn_) == CONNECTION_BAD) {
    // The server went away (restart, network): this call fails, the next one runs on a
    // new session (its statements are prepared again: the generation moved on).
    PQreset(conn_);
    ++generation_;
    if (PQstatus(conn_) == CONNECTION_OK) {
      PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
      (void)Exec("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
    }
  }
  return s;
}

}  // namespace gpalert
