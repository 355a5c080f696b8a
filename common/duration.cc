#include "common/duration.h"

#include <fmt/format.h>
#include <cctype>

namespace gpalert {

Result<std::chrono::seconds> ParseDuration(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument(fmt::format(
        "bad duration \"{}\": {} (use e.g. \"90s\", \"30m\", \"1h\", \"1d\", \"1h30m\")", text,
        why));
  };
  if (text.empty()) return bad("empty");
  std::int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return bad("expected a number");
    std::int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      n = n * 10 + (text[i] - '0');
      if (n > 100'000'000) return bad("too large");
      ++i;
    }
    if (i == text.size()) return bad("missing unit");
    std::int64_t mult = 0;
    switch (text[i]) {
      case 's':
        mult = 1;
        break;
      case 'm':
        mult = 60;
        break;
      case 'h':
        mult = 3600;
        break;
      case 'd':
        mult = 86400;
        break;
      case 'w':
        mult = 7 * 86400;
        break;
      default:
        return bad(fmt::format("unknown unit '{}'", text[i]));
    }
    ++i;
    total += n * mult;
  }
  return std::chrono::seconds(total);
}

Result<std::uint64_t> ParseByteSize(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument(
        fmt::format("bad size \"{}\": {} (use e.g. \"10MB\", \"512KiB\", \"1000000\")", text, why));
  };
  size_t i = 0;
  std::uint64_t n = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    n = n * 10 + (text[i] - '0');
    if (n > (1ull << 50)) return bad("too large");
    ++i;
  }
  if (i == 0) return bad("expected a number");
  std::string unit;
  for (; i < text.size(); ++i)
    unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  std::uint64_t mult = 0;
  if (unit.empty() || unit == "b")
    mult = 1;
  else if (unit == "kb" || unit == "k")
    mult = 1000;
  else if (unit == "mb" || unit == "m")
    mult = 1000 * 1000;
  else if (unit == "gb" || unit == "g")
    mult = 1000ull * 1000 * 1000;
  else if (unit == "kib")
    mult = 1024;
  else if (unit == "mib")
    mult = 1024 * 1024;
  else if (unit == "gib")
    mult = 1024ull * 1024 * 1024;
  else
    return bad(fmt::format("unknown unit \"{}\"", unit));
  return n * mult;
}

std::string FormatDuration(std::chrono::seconds d) {
  auto s = d.count();
  if (s % 86400 == 0 && s >= 86400) return fmt::format("{} d", s / 86400);
  if (s % 3600 == 0 && s >= 3600) return fmt::format("{} h", s / 3600);
  if (s % 60 == 0 && s >= 60) return fmt::format("{} min", s / 60);
  return fmt::format("{} s", s);
}

}  // namespace gpalert
