// The subcommands of the gpalert binary. Each takes the arguments after its own name
// and returns the process exit code (0 ok, 1 runtime failure, 2 bad usage or input).
#pragma once

#include <string>
#include <vector>

namespace gpalert {

using Args = std::vector<std::string>;

int CheckCommand(const Args& args);        // daemon/cli/check_command.cc
int RunCommand(const Args& args);          // daemon/cli/run_command.cc
int FeedCommand(const Args& args);         // daemon/cli/feed_command.cc
int ExtractCommand(const Args& args);      // daemon/cli/extract_command.cc
int PreviewCommand(const Args& args);      // daemon/cli/preview_command.cc
int SourcesCommand(const Args& args);      // daemon/cli/sources_command.cc
int OutboxCommand(const Args& args);       // daemon/cli/outbox_command.cc
int PruneCommand(const Args& args);        // daemon/cli/prune_command.cc
int MailTestCommand(const Args& args);     // daemon/cli/mail_test_command.cc
int SubscribersCommand(const Args& args);  // daemon/cli/subscribers_command.cc
int InboxCommand(const Args& args);        // daemon/cli/inbox_command.cc
int SimilarCommand(const Args& args);      // daemon/cli/similar_command.cc
int MigrateCommand(const Args& args);      // daemon/cli/migrate_command.cc

}  // namespace gpalert
