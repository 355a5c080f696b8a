#include "common/csv.h"

#include <fmt/format.h>

namespace gpalert {
namespace {

bool IsFormulaStart(char c) { return c == '=' || c == '+' || c == '-' || c == '@'; }

// A field as written by CsvLine, read back: the guard before a formula's first character
// goes.
std::string Unguard(std::string field) {
  if (field.size() >= 2 && field[0] == '\'' && IsFormulaStart(field[1])) field.erase(0, 1);
  return field;
}

}  // namespace

Result<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view name,
                                     std::size_t max_field, std::size_t max_rows) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  int line = 1, col = 1;
  bool quoted = false;       // inside a quoted field
  bool was_quoted = false;   // the current field was quoted (only a separator may follow)
  bool row_started = false;  // anything seen on this row
  auto fail = [&](std::string what) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", name, line, col, what));
  };
  auto end_field = [&] {
    row.fields.push_back(Unguard(std::move(field)));
    field.clear();
    was_quoted = false;
  };
  auto end_row = [&]() -> Status {
    if (row_started) {
      end_field();
      if (rows.size() >= max_rows) return fail(fmt::format("more than {} rows", max_rows));
      rows.push_back(std::move(row));
    }
    row = CsvRow();
    row_started = false;
    return Status::Ok();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!row_started) {
      row.line = line;
      if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
        if (c == '\r') ++i;
        ++line;
        col = 1;
        continue;  // a blank line
      }
      row_started = true;
    }
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
          ++col;
        } else {
          quoted = false;
        }
      } else {
        field += c;
        if (c == '\n') {
          ++line;
          col = 0;
        }
      }
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      Status s = end_row();
      if (!s.ok()) return s;
      ++line;
      col = 1;
      continue;
    } else if (c == '"') {
      if (!field.empty() || was_quoted) {
        return fail(
            "a quote inside an unquoted field (quote the whole field, and double the "
            "quotes in it)");
      }
      quoted = true;
      was_quoted = true;
    } else if (was_quoted) {
      return fail("text after a quoted field's closing quote (a comma must come next)");
    } else {
      field += c;
    }
    if (field.size() > max_field)
      return fail(fmt::format("a field longer than {} bytes", max_field));
    ++col;
  }
  if (quoted) return fail("a quoted field is not closed (a \" is missing)");
  Status s = end_row();
  if (!s.ok()) return s;
  return rows;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (k > 0) out += ',';
    std::string f = fields[k];
    if (!f.empty() && IsFormulaStart(f[0])) f.insert(0, 1, '\'');
    bool quote = f.find_first_of(",\"\r\n") != std::string::npos ||
                 (!f.empty() && (f.front() == ' ' || f.back() == ' '));
    if (!quote) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
  return out;
}

}  // namespace gpalert
