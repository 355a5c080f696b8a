#include "common/logger.h"

#include "common/unsafe_text.h"

#include <ctime>
#include <iostream>

namespace gpalert {

bool ParseLogLevel(std::string_view name, LogLevel* out) {
  struct {
    std::string_view n;
    LogLevel l;
  } const kNames[] = {{"debug", LogLevel::kDebug},
                      {"info", LogLevel::kInfo},
                      {"warn", LogLevel::kWarn},
                      {"error", LogLevel::kError},
                      {"off", LogLevel::kOff}};
  for (const auto& e : kNames) {
    if (e.n == name) {
      *out = e.l;
      return true;
    }
  }
  return false;
}

Logger::Logger(LogLevel min_level, std::ostream* out)
    : min_level_(min_level), out_(out ? out : &std::cerr) {}

void Logger::Log(LogLevel level, std::string_view message) {
  if (!enabled(level)) return;
  static constexpr const char* kNames[] = {"debug", "info", "warn", "error", "off"};
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  // What is logged comes from outside (reason phrases, URLs, addresses): one line each,
  // with control characters escaped, so no input can forge a line or drive a terminal.
  std::string line =
      fmt::format("{} {} {}\n", stamp, kNames[static_cast<int>(level)], EscapeForTerminal(message));
  std::lock_guard<std::mutex> lock(mu_);
  *out_ << line << std::flush;
}

Logger& Logger::Null() {
  static Logger null_logger(LogLevel::kOff);  // immutable: level never changes
  return null_logger;
}

}  // namespace gpalert
