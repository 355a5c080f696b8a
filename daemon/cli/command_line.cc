#include "daemon/cli/command_line.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#include "daemon/unsubscribe_secret.h"

namespace gpalert {

std::optional<int> ParseCommandLine(CLI::App& app, const Args& args) {
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 wants them reversed
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return std::nullopt;
}

std::string DefaultConfigPath() {
  const char* env = std::getenv("GPALERT_CONFIG");
  return env != nullptr && *env != '\0' ? env : kSystemConfigPath;
}

void AddConfigOption(CLI::App& app, std::string* path) {
  *path = DefaultConfigPath();
  app.add_option("--config,-c", *path,
                 "the main TOML config file (default: $GPALERT_CONFIG, else " +
                     std::string(kSystemConfigPath) + ")");
}

std::string MailDestination(const MailOptions& mail) {
  return mail.smtp ? "SMTP " + *mail.smtp : "Maildir " + mail.maildir;
}

std::unique_ptr<SqlStore> OpenStateOrReport(const Config& config, const char* command) {
  auto store = OpenStateStore(config, /*create=*/false);
  if (!store.ok()) {
    std::fprintf(stderr, "gpalert %s: %s\n", command, store.status().message().c_str());
    return nullptr;
  }
  return std::move(store).value();
}

std::unique_ptr<SqlStore> OpenStateWithKeyOrReport(Config* config, const char* command) {
  auto store = OpenStateStore(*config, /*create=*/true);
  if (!store.ok()) {
    std::fprintf(stderr, "gpalert %s: %s\n", command, store.status().message().c_str());
    return nullptr;
  }
  auto secret = LoadSigningKey(config->daemon.state_dir, store.value().get());
  if (!secret.ok()) {
    std::fprintf(stderr, "gpalert %s: %s\n", command, secret.status().message().c_str());
    return nullptr;
  }
  config->mail.unsubscribe_secret = *secret;
  return std::move(store).value();
}

std::optional<Config> LoadConfigOrReport(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::fprintf(stderr,
                 "gpalert: no config file at %s (give --config FILE, or set GPALERT_CONFIG; "
                 "the package installs %s)\n",
                 path.c_str(), kSystemConfigPath);
    return std::nullopt;
  }
  auto config = LoadConfig(path);
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().message().c_str());
    return std::nullopt;
  }
  return std::move(config).value();
}

}  // namespace gpalert
