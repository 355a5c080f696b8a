// The subcommands of the gpalert binary. Each takes the arguments after its own name
// and returns the process exit code (0 ok, 1 runtime failure, 2 bad usage or input).
#pragma once

#include <string>
#include <vector>

namespace gpalert {

using Args = std::vector<std::string>;

int RunCheckCommand(const Args& args);    // daemon/check_command.cc
int RunRunCommand(const Args& args);      // daemon/run_command.cc
int RunFeedCommand(const Args& args);     // daemon/feed_command.cc
int RunExtractCommand(const Args& args);  // daemon/extract_command.cc
int RunPreviewCommand(const Args& args);  // daemon/preview_command.cc
int RunSourcesCommand(const Args& args);  // daemon/sources_command.cc

}  // namespace gpalert
