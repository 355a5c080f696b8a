// Logger: leveled, thread-safe log lines to one stream (stderr by default).
// One Logger is made in main() and handed by pointer to whatever logs; there is no
// global logger. Three line formats (LogFormat):
//   text     2026-11-27T19:00:00Z warn source "X": timed out
//   journal  <4>source "X": timed out      (syslog priority prefix; journald stamps time)
//   json     {"time":"2026-11-27T19:00:00Z","level":"warn","message":"source \"X\": ..."}
// Whatever the format, each message is one line with its control characters escaped.
#pragma once

#include <fmt/format.h>

#include <iosfwd>
#include <mutex>
#include <string_view>

namespace gpalert {

enum class LogLevel { kDebug = 0, kInfo, kWarn, kError, kOff };
enum class LogFormat { kText, kJournal, kJson };

// Parses "debug", "info", "warn", "error", "off"; false if unknown.
bool ParseLogLevel(std::string_view name, LogLevel* out);
// Parses "text", "json" (kJournal is chosen by StderrIsJournal, not by name).
bool ParseLogFormat(std::string_view name, LogFormat* out);
// True when stderr is the stream systemd connected to the journal: $JOURNAL_STREAM
// ("DEVICE:INODE") names the file stderr is. Reads the environment; any thread.
bool StderrIsJournal();

class Logger {
 public:
  // `out` must outlive the Logger; nullptr means std::cerr.
  explicit Logger(LogLevel min_level = LogLevel::kInfo, std::ostream* out = nullptr,
                  LogFormat format = LogFormat::kText);
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  void set_level(LogLevel level) { min_level_ = level; }
  void set_format(LogFormat format) { format_ = format; }
  LogLevel level() const { return min_level_; }
  bool enabled(LogLevel level) const { return level >= min_level_; }

  void Log(LogLevel level, std::string_view message);

  template <typename... Args>
  void Debug(fmt::format_string<Args...> f, Args&&... args) {
    Emit(LogLevel::kDebug, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void Info(fmt::format_string<Args...> f, Args&&... args) {
    Emit(LogLevel::kInfo, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void Warn(fmt::format_string<Args...> f, Args&&... args) {
    Emit(LogLevel::kWarn, f, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void Error(fmt::format_string<Args...> f, Args&&... args) {
    Emit(LogLevel::kError, f, std::forward<Args>(args)...);
  }

  // A logger that drops everything (tests, library defaults).
  static Logger& Null();

 private:
  template <typename... Args>
  void Emit(LogLevel level, fmt::format_string<Args...> f, Args&&... args) {
    if (enabled(level)) Log(level, fmt::format(f, std::forward<Args>(args)...));
  }
  LogLevel min_level_;
  std::ostream* out_;
  LogFormat format_;
  std::mutex mu_;
};

}  // namespace gpalert
