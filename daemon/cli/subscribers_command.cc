// `gpalert subscribers list|show|add|remove|export|import`: the admin's view and edits of
// the subscriber list — the config's [[subscribers]] (read-only here: the config is
// their truth) and the store's self- and admin-origin ones. Safe while the daemon runs
// (SQLite WAL): an added subscriber gets the articles first seen from now on, at the
// daemon's next digest pass.
#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <vector>

#include "alerts/schedule.h"
#include "common/strings.h"
#include "common/time_format.h"
#include "common/unsafe_text.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/cli/subscribers_csv.h"
#include "daemon/config/subscriber_fields.h"
#include "daemon/subscriber_roster.h"
#include "daemon/unsubscribe_secret.h"

namespace gpalert {
namespace {

void PrintLine(const std::string& line) { std::printf("%s\n", EscapeForTerminal(line).c_str()); }

std::string When(const std::optional<Instant>& t) { return t ? FormatRfc3339(*t) : "never"; }

std::string NextDue(const RosterEntry& e, Instant now) {
  if (e.status != SubscriberStatus::kActive) return "-";
  if (!e.state) return "after the first poll (not registered yet)";
  if (e.state->paused_until && *e.state->paused_until > now)
    return "paused until " + FormatRfc3339(*e.state->paused_until);
  if (e.subscriber.digest == DigestSchedule::kImmediate) return "each poll with news";
  DigestDue due = CheckDigestDue(e.subscriber, *e.state, now);
  return due.due ? "now" : FormatRfc3339(due.next);
}

std::string ListLine(const RosterEntry& e, Instant now) {
  return fmt::format("{} | {} | {} | {} | last digest: {} | next due: {}", e.subscriber.email,
                     SubscriberOriginName(e.origin), SubscriberStatusName(e.status),
                     DescribeSchedule(e.subscriber),
                     When(e.state ? e.state->last_digest : std::nullopt), NextDue(e, now));
}

std::string Joined(const std::vector<std::string>& items, const char* none) {
  if (items.empty()) return none;
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void Show(const Config& config, const RosterEntry& e, Instant now) {
  const Subscriber& s = e.subscriber;
  PrintLine(fmt::format("email:          {}", s.email));
  if (!s.name.empty()) PrintLine(fmt::format("name:           {}", s.name));
  PrintLine(fmt::format("origin:         {}{}", SubscriberOriginName(e.origin),
                        e.origin == SubscriberOrigin::kConfig
                            ? fmt::format(" ({}; edit it there)", config.path)
                            : ""));
  PrintLine(fmt::format("state:          {}{}", SubscriberStatusName(e.status),
                        e.state && e.state->status_changed
                            ? " since " + FormatRfc3339(*e.state->status_changed)
                            : ""));
  PrintLine(fmt::format("schedule:       {}", DescribeSchedule(s)));
  PrintLine(fmt::format("sources:        {}", Joined(s.sources, "all")));
  PrintLine(fmt::format("tags:           {}", Joined(s.tags, "any")));
  PrintLine(fmt::format("keywords:       {}", Joined(s.keywords, "none (every article)")));
  if (e.state) {
    PrintLine(fmt::format("created:        {}", FormatRfc3339(e.state->created)));
    PrintLine(fmt::format("articles since: {}", FormatRfc3339(e.state->since)));
    PrintLine(fmt::format("confirmed:      {}", When(e.state->confirmed)));
    if (e.state->consent) {
      const ConsentRecord& c = *e.state->consent;
      PrintLine(fmt::format("consent:        {}{}{}", FormatRfc3339(c.at),
                            c.address.empty() ? "" : " from " + c.address,
                            c.user_agent.empty() ? "" : " (" + c.user_agent + ")"));
    }
    if (e.state->confirmation_sent)
      PrintLine(
          fmt::format("confirmation:   mailed {}", FormatRfc3339(*e.state->confirmation_sent)));
    PrintLine(fmt::format("last digest:    {}", When(e.state->last_digest)));
    if (e.state->paused_until && *e.state->paused_until > now)
      PrintLine(fmt::format("paused until:   {}", FormatRfc3339(*e.state->paused_until)));
  } else {
    PrintLine("registered:     not yet (at the daemon's first poll)");
  }
  PrintLine(fmt::format("next due:       {}", NextDue(e, now)));
}

struct AddOptions {
  std::string email;
  std::string name;
  std::string digest = "immediate";
  std::string at = "07:00";
  std::string weekday = "monday";
  std::string timezone = "UTC";
  std::vector<std::string> sources, tags, keywords;
  bool resubscribe = false;
};

int Fail(const Status& s) {
  std::fprintf(stderr, "gpalert subscribers: %s\n", s.message().c_str());
  return s.ExitCode();
}

int Add(const Config& config, Store* store, const AddOptions& o) {
  SubscriberState row;
  row.email = std::string(TrimAscii(o.email));
  row.origin = SubscriberOrigin::kAdmin;
  row.status = SubscriberStatus::kActive;
  SubscriberSettings& s = row.settings;
  s.name = o.name;
  s.digest = o.digest;
  if (!ParseTimeOfDay(o.at, &s.at_minutes))
    return Fail(Status::InvalidArgument(
        fmt::format("--at \"{}\": use 24-hour HH:MM, e.g. \"07:00\"", o.at)));
  if (!ParseWeekday(o.weekday, &s.weekday))
    return Fail(Status::InvalidArgument(
        fmt::format("--weekday \"{}\": use monday, tuesday, ... sunday", o.weekday)));
  s.timezone = o.timezone;
  s.sources = o.sources;
  s.tags = o.tags;
  s.keywords = o.keywords;
  Status valid = CheckSubscriberSettings(row.email, s, config);
  if (!valid.ok()) return Fail(valid.WithPrefix(row.email + ": "));
  if (InConfig(config, row.email)) {
    return Fail(Status::InvalidArgument(
        fmt::format("{} is a subscriber in {} already (change it there)", row.email, config.path)));
  }
  Instant now = NowSeconds();
  row.consent = ConsentRecord{now, "", "gpalert subscribers add (the admin)"};
  auto existing = store->GetSubscriber(row.email);
  if (!existing.ok()) return Fail(existing.status());
  auto suppressed = store->IsSuppressed(row.email);
  if (!suppressed.ok()) return Fail(suppressed.status());
  if (*existing && !o.resubscribe) {
    return Fail(Status::InvalidArgument(
        fmt::format("{} is in the list already ({}, {}); see `gpalert subscribers show {}`",
                    row.email, SubscriberOriginName((*existing)->origin),
                    SubscriberStatusName((*existing)->status), row.email)));
  }
  if (*suppressed && !o.resubscribe) {
    return Fail(Status::InvalidArgument(fmt::format(
        "{} unsubscribed (or was suppressed): gpalert does not subscribe them again on "
        "someone else's word; they can sign up again themselves, or give --resubscribe if "
        "they asked you to",
        row.email)));
  }
  if (*existing) {
    auto removed = store->RemoveSubscriber(row.email);
    if (!removed.ok()) return Fail(removed.status());
  }
  auto added = store->AddSubscriber(row, now);
  if (!added.ok()) return Fail(added.status());
  if (*suppressed || *existing) {
    Status activated = store->ActivateSubscriber(row.email, *row.consent, now);
    if (!activated.ok()) return Fail(activated);
  }
  PrintLine(fmt::format("added {} ({}); they get the articles first seen from now on", row.email,
                        DescribeSchedule(SubscriberFromSettings(row.email, s))));
  return 0;
}

int Remove(const Config& config, Store* store, const std::string& email, bool suppress) {
  if (InConfig(config, email)) {
    return Fail(Status::InvalidArgument(
        fmt::format("{} is a subscriber in {}: remove its [[subscribers]] entry there{}", email,
                    config.path, suppress ? "" : " (or give --suppress to stop their mail now)")));
  }
  if (suppress) {
    auto row = store->GetSubscriber(email);
    if (!row.ok()) return Fail(row.status());
    Instant now = NowSeconds();
    Status s = *row ? store->SetSubscriberStatus(email, SubscriberStatus::kSuppressed,
                                                 "suppressed by the admin", now)
                    : store->AddSuppression(email, "suppressed by the admin", now);
    if (!s.ok()) return Fail(s);
    PrintLine(
        fmt::format("suppressed {}: no mail goes to them, and they cannot sign up again", email));
    return 0;
  }
  auto removed = store->RemoveSubscriber(email);
  if (!removed.ok()) return Fail(removed.status());
  if (!*removed) return Fail(Status::NotFound(fmt::format("{} is not in the list", email)));
  PrintLine(fmt::format("removed {} (their record and unsent mail are gone)", email));
  return 0;
}

// The suppress-only path and the config entries' --suppress go through here too.
int SuppressConfigSubscriber(Store* store, const std::string& email) {
  Instant now = NowSeconds();
  auto state = store->EnsureSubscriber(email, now);
  if (!state.ok()) return Fail(state.status());
  Status s = store->SetSubscriberStatus(email, SubscriberStatus::kSuppressed,
                                        "suppressed by the admin", now);
  if (!s.ok()) return Fail(s);
  PrintLine(fmt::format("suppressed {}: no mail goes to them until their entry leaves the config",
                        email));
  return 0;
}

}  // namespace

int SubscribersCommand(const Args& args) {
  CLI::App app{
      "See and edit the subscriber list: the config's and those who signed up or "
      "were added.",
      "gpalert subscribers"};
  std::string config_path;
  AddConfigOption(app, &config_path);
  app.require_subcommand(1);
  CLI::App* list = app.add_subcommand(
      "list", "every subscriber: origin, state, schedule, last digest, next due");
  std::string email;
  CLI::App* show = app.add_subcommand("show", "one subscriber's settings and record");
  show->add_option("EMAIL", email, "the address")->required();
  AddOptions add_options;
  CLI::App* add = app.add_subcommand("add",
                                     "add a subscriber (active at once: you vouch for "
                                     "their consent)");
  add->add_option("EMAIL", add_options.email, "the address")->required();
  add->add_option("--name", add_options.name, "display name");
  add->add_option("--digest", add_options.digest, "immediate, daily or weekly")
      ->check(CLI::IsMember({"immediate", "daily", "weekly"}));
  add->add_option("--at", add_options.at, "local time of a daily/weekly digest (HH:MM)");
  add->add_option("--weekday", add_options.weekday, "day of a weekly digest");
  add->add_option("--timezone", add_options.timezone, "IANA time zone, e.g. Asia/Kolkata");
  add->add_option("--sources", add_options.sources, "only these sources (names)");
  add->add_option("--tags", add_options.tags, "only sources with these tags");
  add->add_option("--keywords", add_options.keywords, "only articles with these words");
  add->add_flag("--resubscribe", add_options.resubscribe,
                "the address unsubscribed earlier and asked you to add it again");
  bool suppress = false;
  CLI::App* remove = app.add_subcommand(
      "remove", "delete a subscriber's record and unsent mail (or --suppress: block it)");
  remove->add_option("EMAIL", email, "the address")->required();
  remove->add_flag("--suppress", suppress,
                   "keep the record and block the address (no mail, no new sign-up)");
  std::string output = "-";
  CLI::App* exp = app.add_subcommand("export", "write the list as CSV");
  exp->add_option("--output,-o", output, "file to write (default: standard output)");
  std::string input;
  bool confirmed = false;
  CLI::App* imp =
      app.add_subcommand("import", "add the addresses of a CSV file (pending unless --confirmed)");
  imp->add_option("FILE", input, "CSV with a header row naming at least \"email\"")
      ->required()
      ->check(CLI::ExistingFile);
  CLI::Option* confirmed_flag =
      imp->add_flag("--confirmed", confirmed,
                    "you hold their consent: they are active at once (else pending: no mail)");
  bool send_confirmations = false;
  imp->add_flag("--send-confirmations", send_confirmations,
                "mail each pending address of the file a confirmation link (at most one an "
                "hour per address; needs [signup] enabled)")
      ->excludes(confirmed_flag);
  for (CLI::App* sub : {list, show, add, remove, exp, imp}) sub->fallthrough();
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  auto config = LoadConfigOrReport(config_path);
  if (!config) return 2;
  bool writes = *add || *remove || *imp;
  auto opened = OpenStateStore(*config, /*create=*/writes);
  if (!opened.ok()) {
    if (opened.status().code() == Status::Code::kNotFound && *list) {
      // Nothing registered yet: the config's subscribers, as they will be.
      for (const Subscriber& s : config->subscribers) {
        RosterEntry e;
        e.subscriber = s;
        PrintLine(ListLine(e, NowSeconds()));
      }
      std::printf("%zu subscriber(s)\n", config->subscribers.size());
      return 0;
    }
    return Fail(opened.status());
  }
  Store* store = opened.value().get();
  Instant now = NowSeconds();
  if (*add) return Add(*config, store, add_options);
  if (*remove) {
    if (suppress && InConfig(*config, email)) return SuppressConfigSubscriber(store, email);
    return Remove(*config, store, std::string(TrimAscii(email)), suppress);
  }
  if (*exp) return ExportSubscribers(*config, store, output);
  if (*imp) {
    ImportOptions import;
    import.confirmed = confirmed;
    import.send_confirmations = send_confirmations;
    if (send_confirmations) {
      auto secret = LoadSigningKey(config->daemon.state_dir, store);
      if (!secret.ok()) return Fail(secret.status());
      import.secret = *secret;
    }
    return ImportSubscribers(*config, store, input, import);
  }
  auto roster = ListRoster(*config, store);
  if (!roster.ok()) return Fail(roster.status());
  if (*list) {
    for (const RosterEntry& e : *roster) PrintLine(ListLine(e, now));
    std::printf("%zu subscriber(s)\n", roster->size());
    return 0;
  }
  for (const RosterEntry& e : *roster) {
    if (!EqualsIgnoreCase(e.subscriber.email, TrimAscii(email))) continue;
    Show(*config, e, now);
    return 0;
  }
  return Fail(Status::NotFound(fmt::format("{} is not in the list", email)));
}

}  // namespace gpalert
