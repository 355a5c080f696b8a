#include "store/sql_dialect.h"

namespace gpalert {

std::string IndexedBy(SqlEngine engine, std::string_view index) {
  if (engine == SqlEngine::kPostgres) return "";
  return " INDEXED BY " + std::string(index);
}

std::string SkipLocked(SqlEngine engine) {
  return engine == SqlEngine::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
}

std::string PostgresIntArray(const std::vector<std::int64_t>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(values[i]);
  }
  out += '}';
  return out;
}

std::string ByteLength(SqlEngine engine, std::string_view text_expr) {
  std::string e(text_expr);
  if (engine == SqlEngine::kPostgres) return "octet_length(" + e + ")";
  return "length(CAST(" + e + " AS BLOB))";
}

std::string HeaderBlock(SqlEngine engine, std::string_view blob_expr) {
  std::string e(blob_expr);
  if (engine == SqlEngine::kPostgres) {
    std::string at = "position('\\x0d0a0d0a'::bytea in " + e + ")";
    return "CASE WHEN " + at + " > 0 THEN substring(" + e + " from 1 for " + at +
           " + 1) ELSE '\\x'::bytea END";
  }
  std::string at = "instr(" + e + ", X'0D0A0D0A')";
  return "CASE WHEN " + at + " > 0 THEN substr(" + e + ", 1, " + at + " + 1) ELSE X'' END";
}

}  // namespace gpalert
