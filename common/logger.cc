#include "common/logger.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "common/unsafe_text.h"

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

bool ParseLogFormat(std::string_view name, LogFormat* out) {
  if (name == "text") {
    *out = LogFormat::kText;
  } else if (name == "json") {
    *out = LogFormat::kJson;
  } else {
    return false;
  }
  return true;
}

bool StderrIsJournal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return false;
  struct stat st {};
  if (fstat(2, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == dev &&
         static_cast<unsigned long long>(st.st_ino) == ino;
}

namespace {

// A JSON string literal; the text is already free of control characters.
std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

}  // namespace

Logger::Logger(LogLevel min_level, std::ostream* out, LogFormat format)
    : min_level_(min_level), out_(out ? out : &std::cerr), format_(format) {}

void Logger::Log(LogLevel level, std::string_view message) {
  if (!enabled(level)) return;
  static constexpr const char* kNames[] = {"debug", "info", "warn", "error", "off"};
  // syslog priorities: debug 7, info 6, warning 4, err 3.
  static constexpr int kPriorities[] = {7, 6, 4, 3, 3};
  int index = static_cast<int>(level);
  // What is logged comes from outside (reason phrases, URLs, addresses): one line each,
  // with control characters escaped, so no input can forge a line or drive a terminal.
  std::string text = EscapeForTerminal(message);
  std::string line;
  if (format_ == LogFormat::kJournal) {
    line = fmt::format("<{}>{}\n", kPriorities[index], text);
  } else {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    line = format_ == LogFormat::kJson
               ? fmt::format("{{\"time\":\"{}\",\"level\":\"{}\",\"message\":{}}}\n", stamp,
                             kNames[index], JsonString(text))
               : fmt::format("{} {} {}\n", stamp, kNames[index], text);
  }
  std::lock_guard<std::mutex> lock(mu_);
  *out_ << line << std::flush;
}

Logger& Logger::Null() {
  static Logger null_logger(LogLevel::kOff);  // immutable: level never changes
  return null_logger;
}

}  // namespace gpalert
