// `gpalert outbox list|show|retry|purge`: the admin's view of the mail queue, in the
// manner of Postfix's postqueue/postsuper. list: pending and parked messages (or
// --state); show ID: one message's record and its bytes; retry ID|all: parked or
// pending messages become due now, attempts and give-up clock reset; purge --parked:
// parked messages are deleted (their articles stay delivered). Safe while the daemon
// runs (SQLite WAL): a retried message goes after the daemon's next round (within 30 s
// when idle) or at the next `run --once`.
#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "common/time_format.h"
#include "common/unsafe_text.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"

namespace gpalert {
namespace {

// The message's Subject as written (encoded words and all), unfolded.
std::string SubjectOf(const std::string& bytes) {
  std::size_t end = bytes.find("\r\n\r\n");
  std::string_view head(bytes.data(), end == std::string::npos ? bytes.size() : end);
  std::size_t at = head.find("\r\nSubject:");
  if (head.rfind("Subject:", 0) == 0) at = 0;
  if (at == std::string_view::npos) return "";
  std::size_t start = head.find(':', at) + 1;
  std::string subject;
  for (std::size_t i = start; i < head.size(); ++i) {
    if (head.compare(i, 2, "\r\n") == 0) {
      if (i + 2 < head.size() && (head[i + 2] == ' ' || head[i + 2] == '\t')) {
        i += 1;
        continue;
      }
      break;
    }
    subject += head[i];
  }
  std::size_t first = subject.find_first_not_of(" \t");
  return first == std::string::npos ? "" : subject.substr(first);
}

std::string When(const std::optional<Instant>& t) { return t ? FormatRfc3339(*t) : "-"; }

void PrintRow(const OutboxMessage& m) {
  std::string line =
      fmt::format("{} | {} | {} | {} | attempts: {} | queued: {}", m.id, OutboxStateName(m.state),
                  m.subscriber, SubjectOf(m.bytes), m.attempts, FormatRfc3339(m.created));
  if (m.state == OutboxState::kPending) line += " | next try: " + When(m.next_try);
  if (m.sent) line += " | sent: " + When(m.sent);
  if (m.body_pruned) line += " | body dropped: " + When(m.body_pruned) + " (retention)";
  if (m.last_error) line += " | last error: " + *m.last_error;
  std::printf("%s\n", EscapeForTerminal(line).c_str());
}

}  // namespace

int OutboxCommand(const Args& args) {
  CLI::App app{"Inspect and act on the mail queue (the outbox).", "gpalert outbox"};
  std::string config_path;
  AddConfigOption(app, &config_path);
  app.require_subcommand(1);
  std::string state = "queued";
  CLI::App* list = app.add_subcommand("list", "list messages: pending and parked by default");
  list->add_option("--state", state, "pending, parked, sent, queued (pending and parked) or all")
      ->check(CLI::IsMember({"pending", "parked", "sent", "queued", "all"}));
  std::int64_t id = 0;
  CLI::App* show = app.add_subcommand("show", "print one message's record and its bytes");
  show->add_option("ID", id, "the message's id (first column of `outbox list`)")->required();
  std::string which;
  CLI::App* retry = app.add_subcommand(
      "retry", "make a parked or pending message (or all of them) due now, attempts reset");
  retry->add_option("ID", which, "a message id, or \"all\"")->required();
  bool parked = false;
  CLI::App* purge = app.add_subcommand("purge", "delete messages from the queue");
  purge->add_flag("--parked", parked, "delete every parked message")->required();
  // --config may come after the subcommand too ("outbox list --config F").
  for (CLI::App* sub : {list, show, retry, purge}) sub->fallthrough();
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  auto config = LoadConfigOrReport(config_path);
  if (!config) return 2;
  std::unique_ptr<SqlStore> store = OpenStateOrReport(*config, "outbox");
  if (!store) return 1;
  auto fail = [](const Status& s) {
    std::fprintf(stderr, "gpalert outbox: %s\n", s.message().c_str());
    return s.ExitCode();
  };

  if (*list) {
    std::vector<OutboxMessage> rows;
    for (OutboxState s : {OutboxState::kPending, OutboxState::kParked, OutboxState::kSent}) {
      bool wanted = state == "all" || state == OutboxStateName(s) ||
                    (state == "queued" && s != OutboxState::kSent);
      if (!wanted) continue;
      auto got = store->ListOutbox(s);
      if (!got.ok()) return fail(got.status());
      for (OutboxMessage& m : *got) rows.push_back(std::move(m));
    }
    for (const OutboxMessage& m : rows) PrintRow(m);
    std::printf("%zu message(s)\n", rows.size());
    return 0;
  }
  if (*show) {
    auto got = store->GetOutbox(id);
    if (!got.ok()) return fail(got.status());
    if (!*got) return fail(Status::NotFound(fmt::format("no outbox message {}", id)));
    const OutboxMessage& m = **got;
    PrintRow(m);
    std::printf("Message-ID: %s\n\n", EscapeForTerminal(m.message_id).c_str());
    std::fwrite(m.bytes.data(), 1, m.bytes.size(), stdout);
    return 0;
  }
  if (*retry) {
    std::optional<std::int64_t> target;
    if (which != "all") {
      try {
        std::size_t used = 0;
        target = std::stoll(which, &used);
        if (used != which.size()) throw std::invalid_argument(which);
      } catch (const std::exception&) {
        return fail(Status::InvalidArgument(
            fmt::format("\"{}\" is neither a message id nor \"all\"", which)));
      }
    }
    auto changed = store->RequeueOutbox(target, NowSeconds());
    if (!changed.ok()) return fail(changed.status());
    std::printf(
        "%d message(s) due now; a running daemon sends them after its next round (within "
        "30 s when idle), or run `gpalert run --once`\n",
        *changed);
    return 0;
  }
  if (*purge) {
    auto gone = store->PurgeParkedOutbox();
    if (!gone.ok()) return fail(gone.status());
    std::printf("%d parked message(s) deleted\n", *gone);
    return 0;
  }
  return 2;
}

}  // namespace gpalert
