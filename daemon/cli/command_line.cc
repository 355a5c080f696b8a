#include "daemon/cli/command_line.h"

#include <cstdio>
#include <vector>

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

std::optional<Config> LoadConfigOrReport(const std::string& path) {
  auto config = LoadConfig(path);
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().message().c_str());
    return std::nullopt;
  }
  return std::move(config).value();
}

}  // namespace gpalert
