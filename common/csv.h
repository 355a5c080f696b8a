// CSV (RFC 4180) for `gpalert subscribers export|import`: a reader of a whole text into
// rows (quoted fields with commas, doubled quotes and line breaks; CRLF or LF ends) and
// the writer's quoting. Fields a spreadsheet would run as a formula (=, +, -, @ first)
// are written behind a ' and read back without it (CSV injection). Pure; any thread.
// (libcsv, the Debian-packaged C parser, is a callback API unreleased since 2013; this
// is the 80 lines gpalert needs, with limits and error positions.)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gpalert {

struct CsvRow {
  int line = 0;  // 1-based line of the row's first character
  std::vector<std::string> fields;
};

// Parses `text` (named `name` in errors: "NAME:LINE:COL: what"). Blank lines are skipped.
// A field longer than `max_field` bytes, or more than `max_rows` rows, is an error.
Result<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view name,
                                     std::size_t max_field = 64 * 1024,
                                     std::size_t max_rows = 1000000);

// One record: fields joined by commas, each quoted when it holds a comma, quote, CR or
// LF (or starts or ends with a space), a formula's first character guarded; ends "\r\n".
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace gpalert
