// `gpalert mail-test --to ADDRESS`: sends one short message through the configured
// transport (SMTP, or the Maildir), not through the outbox, and prints what the server
// answered. Exit 0 when it was accepted, 1 when not (the reply says why), 2 for bad input.
#include <fmt/format.h>

#include <cstdio>
#include <random>

#include "alerts/mail/mailer_factory.h"
#include "alerts/mail/test_message.h"
#include "common/unsafe_text.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/state_store.h"

namespace gpalert {

int MailTestCommand(const Args& args) {
  CLI::App app{
      "Send one test message through the configured mail transport and print the "
      "server's reply.",
      "gpalert mail-test"};
  std::string config_path, to_text;
  AddConfigOption(app, &config_path);
  app.add_option("--to", to_text, "the address to send it to")->required();
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  auto config = LoadConfigOrReport(config_path);
  if (!config) return 2;
  auto to = ParseMailbox(to_text);
  if (!to.ok()) {
    std::fprintf(stderr, "gpalert mail-test: --to: %s\n", to.status().message().c_str());
    return 2;
  }
  auto from = ParseMailbox(config->mail.from);
  if (!from.ok()) {
    std::fprintf(stderr, "gpalert mail-test: [mail] from: %s\n", from.status().message().c_str());
    return 2;
  }
  if (config->mail.bounce_address) {
    // The VERP envelope sender is signed with the state's key, as in `run`, which makes
    // the state directory as `run` does when it is not there yet.
    if (!OpenStateWithKeyOrReport(&*config, "mail-test")) return 1;
  }
  auto mailer = MakeMailer(config->mail);
  if (!mailer.ok()) {
    std::fprintf(stderr, "gpalert mail-test: %s\n", mailer.status().message().c_str());
    return mailer.status().ExitCode();
  }
  std::random_device random;
  std::string nonce = fmt::format("{:08x}{:08x}", random(), random());
  std::string via = MailDestination(config->mail);
  TestMessage test = RenderTestMessage(*from, *to, NowSeconds(), nonce, via);
  OutboxMessage message;
  message.subscriber = to->address;
  message.message_id = test.message_id;
  message.bytes = std::move(test.bytes);
  SendOutcome outcome = (*mailer)->Send(message);
  std::string reply = EscapeForTerminal(outcome.reply);
  if (outcome.kind == SendOutcome::Kind::kSent) {
    std::printf("sent %s to %s via %s: %s\n", message.message_id.c_str(), to->address.c_str(),
                via.c_str(), reply.c_str());
    return 0;
  }
  std::fprintf(stderr, "gpalert mail-test: not sent (%s) via %s: %s\n",
               SendOutcomeKindName(outcome.kind), via.c_str(), reply.c_str());
  return 1;
}

}  // namespace gpalert
