// `gpalert preview --config FILE --subscriber EMAIL`: prints the digest this subscriber
// would get next (its pending, matching articles, whatever the schedule says) as RFC 5322
// text on stdout. Sends nothing, marks nothing, registers nothing, makes no key.
#include <cstdio>

#include "common/strings.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/digest_pass.h"
#include "daemon/subscriber_roster.h"
#include "daemon/unsubscribe_secret.h"

namespace gpalert {

int PreviewCommand(const Args& args) {
  CLI::App app{
      "Print the digest a subscriber would get next as RFC 5322 text; sends and "
      "marks nothing.",
      "gpalert preview"};
  std::string config_path, email;
  AddConfigOption(app, &config_path);
  app.add_option("--subscriber,-s", email, "the subscriber's e-mail address")->required();
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  auto config = LoadConfigOrReport(config_path);
  if (!config) return 2;

  auto store = OpenStateStore(*config, /*create=*/false);
  if (!store.ok()) {
    if (store.status().code() == Status::Code::kNotFound && InConfig(*config, email)) {
      std::fprintf(stderr, "gpalert preview: nothing pending for %s (%s)\n", email.c_str(),
                   store.status().message().c_str());
      return 0;
    }
    if (store.status().code() == Status::Code::kNotFound) {
      std::fprintf(stderr, "gpalert preview: %s is not a subscriber in %s (%s)\n", email.c_str(),
                   config->path.c_str(), store.status().message().c_str());
      return 2;
    }
    std::fprintf(stderr, "gpalert preview: %s\n", store.status().message().c_str());
    return 1;
  }
  auto found = FindSubscriber(*config, store.value().get(), email);
  if (!found.ok()) {
    std::fprintf(stderr, "gpalert preview: %s\n", found.status().message().c_str());
    return 1;
  }
  if (!*found) {
    std::fprintf(stderr,
                 "gpalert preview: %s is not a subscriber in %s nor in `gpalert subscribers "
                 "list`\n",
                 email.c_str(), config->path.c_str());
    return 2;
  }
  const Subscriber* subscriber = &**found;
  // Read, never made: a preview writes no state. Without a key yet (`run` makes it) the
  // links are signed with a throwaway one, and said not to work.
  auto secret = ReadSigningKey(config->daemon.state_dir, store.value().get());
  if (!secret.ok()) {
    std::fprintf(stderr, "gpalert preview: %s\n", secret.status().message().c_str());
    return 1;
  }
  const bool throwaway_key = !*secret;
  if (throwaway_key) {
    auto throwaway = RandomHex(kUnsubscribeKeyBytes);
    if (!throwaway.ok()) {
      std::fprintf(stderr, "gpalert preview: %s\n", throwaway.status().message().c_str());
      return 1;
    }
    *secret = *throwaway;
  }
  config->mail.unsubscribe_secret = **secret;
  auto draft = DraftDigest(*config, *subscriber, store.value().get(), NowSeconds(),
                           /*ignore_schedule=*/true);
  if (!draft.ok()) {
    std::fprintf(stderr, "gpalert preview: %s\n", draft.status().message().c_str());
    return 1;
  }
  if (draft->empty()) {
    std::fprintf(stderr, "gpalert preview: nothing pending for %s\n", email.c_str());
    return 0;
  }
  if (throwaway_key) {
    std::fprintf(stderr,
                 "gpalert preview: %s has no link-signing key yet (`gpalert run` makes %s): "
                 "the unsubscribe and manage links below are signed with a throwaway key and "
                 "do not work\n",
                 config->daemon.state_dir.c_str(), kUnsubscribeKeyFile);
  }
  // The parts in order, each a whole RFC 5322 message, a blank line between.
  for (std::size_t k = 0; k < draft->size(); ++k) {
    if (k > 0) std::fputs("\n", stdout);
    const std::string& bytes = (*draft)[k].message.bytes;
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
  }
  return 0;
}

}  // namespace gpalert
