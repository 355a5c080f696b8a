#include "daemon/cli/subscribers_csv.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "common/csv.h"
#include "common/strings.h"
#include "common/time_format.h"
#include "daemon/config/subscriber_fields.h"
#include "daemon/signup_start.h"
#include "daemon/subscriber_roster.h"

namespace gpalert {
namespace {

constexpr const char* kColumns[] = {
    "email",      "name",       "origin",          "state",
    "digest",     "at",         "weekday",         "timezone",
    "sources",    "tags",       "keywords",        "created",
    "confirmed",  "consent_at", "consent_address", "consent_user_agent",
    "last_digest"};

// Import files are small (a list of people); more than this is not one.
constexpr std::uintmax_t kMaxImportBytes = 64u << 20;

std::string ListField(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

std::vector<std::string> SplitList(std::string_view field) {
  std::vector<std::string> out;
  for (std::string_view part : Split(field, ';')) {
    std::string_view item = TrimAscii(part);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

std::string TimeField(const std::optional<Instant>& t) { return t ? FormatRfc3339(*t) : ""; }

std::vector<std::string> ExportRow(const RosterEntry& e) {
  const Subscriber& s = e.subscriber;
  const SubscriberState* st = e.state ? &*e.state : nullptr;
  const ConsentRecord* c = st && st->consent ? &*st->consent : nullptr;
  return {s.email,
          s.name,
          SubscriberOriginName(e.origin),
          SubscriberStatusName(e.status),
          DigestScheduleName(s.digest),
          FormatTimeOfDay(s.at_minutes),
          WeekdayName(s.weekday),
          s.timezone,
          ListField(s.sources),
          ListField(s.tags),
          ListField(s.keywords),
          st ? FormatRfc3339(st->created) : "",
          TimeField(st ? st->confirmed : std::nullopt),
          c ? FormatRfc3339(c->at) : "",
          c ? c->address : "",
          c ? c->user_agent : "",
          TimeField(st ? st->last_digest : std::nullopt)};
}

// One import row as settings; InvalidArgument "FILE:LINE: why" for a bad one.
Result<SubscriberState> ImportRow(const Config& config, const std::string& path, const CsvRow& row,
                                  const std::map<std::string, std::size_t>& at) {
  auto field = [&](const char* name) -> std::string {
    auto it = at.find(name);
    if (it == at.end() || it->second >= row.fields.size()) return "";
    return std::string(TrimAscii(row.fields[it->second]));
  };
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument(fmt::format("{}:{}: {}", path, row.line, why));
  };
  SubscriberState sub;
  sub.email = field("email");
  sub.origin = SubscriberOrigin::kAdmin;
  SubscriberSettings& s = sub.settings;
  s.name = field("name");
  if (!field("digest").empty()) s.digest = field("digest");
  if (!field("at").empty() && !ParseTimeOfDay(field("at"), &s.at_minutes))
    return bad(fmt::format("at \"{}\": use 24-hour HH:MM, e.g. 07:00", field("at")));
  if (!field("weekday").empty() && !ParseWeekday(field("weekday"), &s.weekday))
    return bad(fmt::format("weekday \"{}\": use monday, tuesday, ... sunday", field("weekday")));
  if (!field("timezone").empty()) s.timezone = field("timezone");
  s.sources = SplitList(field("sources"));
  s.tags = SplitList(field("tags"));
  s.keywords = SplitList(field("keywords"));
  if (sub.email.empty()) return bad("no email");
  for (const std::string& k : s.keywords) {
    if (k.find(',') == std::string::npos) continue;
    return bad(fmt::format(
        "{}: keywords \"{}\" has a comma, which a keyword cannot hold: separate keywords with "
        "\";\" in this column (\"{}\"), or for one phrase leave the comma out (\"{}\" matches the "
        "same articles)",
        sub.email, k, JoinCommaParts(k, "; "), CommasAsSpaces(k)));
  }
  Status valid = CheckSubscriberSettings(sub.email, s, config);
  if (!valid.ok()) return bad(sub.email + ": " + valid.message());
  return sub;
}

Result<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument(path + ": cannot open it");
  std::ostringstream out;
  out << in.rdbuf();
  if (static_cast<std::uintmax_t>(out.tellp()) > kMaxImportBytes) {
    return Status::InvalidArgument(fmt::format(
        "{}: larger than {} bytes; is it really a subscriber list?", path, kMaxImportBytes));
  }
  return out.str();
}

struct ConfirmationCounts {
  int queued = 0;
  int recent = 0;       // a confirmation went out less than an hour ago
  int not_pending = 0;  // the address's row is active, bouncing, ... (it was in the list)
};

// A confirmation mail for each row of `subs` that is pending in the store, carrying the
// stored row's settings (an address already in the list keeps its own).
Result<ConfirmationCounts> QueueImportConfirmations(const Config& config, Store* store,
                                                    const std::string& secret,
                                                    const std::vector<const SubscriberState*>& subs,
                                                    Instant now) {
  ConfirmationCounts counts;
  Logger quiet(LogLevel::kWarn, nullptr, LogFormat::kText);
  for (const SubscriberState* sub : subs) {
    auto row = store->GetSubscriber(sub->email);
    if (!row.ok()) return row.status();
    if (!*row || (*row)->status != SubscriberStatus::kPending) {
      ++counts.not_pending;
      continue;
    }
    bool queued = false;
    Status s =
        StartSignUp(config, secret, store, &quiet, (*row)->email, (*row)->settings, now, &queued);
    if (!s.ok()) return s;
    queued ? ++counts.queued : ++counts.recent;
  }
  return counts;
}

}  // namespace

std::string SubscribersCsvHeader() {
  return CsvLine(std::vector<std::string>(std::begin(kColumns), std::end(kColumns)));
}

int ExportSubscribers(const Config& config, Store* store, const std::string& out_path) {
  auto roster = ListRoster(config, store);
  if (!roster.ok()) {
    std::fprintf(stderr, "gpalert subscribers export: %s\n", roster.status().message().c_str());
    return 1;
  }
  std::string text = SubscribersCsvHeader();
  for (const RosterEntry& e : *roster) text += CsvLine(ExportRow(e));
  if (out_path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "gpalert subscribers export: cannot write %s\n", out_path.c_str());
    return 1;
  }
  std::printf("%zu subscriber(s) written to %s\n", roster->size(), out_path.c_str());
  return 0;
}

int ImportSubscribers(const Config& config, Store* store, const std::string& path,
                      const ImportOptions& options) {
  const bool confirmed = options.confirmed;
  auto fail = [](const Status& s) {
    std::fprintf(stderr, "gpalert subscribers import: %s\n", s.message().c_str());
    return s.ExitCode();
  };
  if (options.send_confirmations && (!config.signup.enabled || !config.mail.public_url)) {
    return fail(Status::InvalidArgument(fmt::format(
        "--send-confirmations needs [signup] enabled = true in {} (the daemon serves the page "
        "the confirmation links open; it needs [daemon] http_listen and [mail] public_url); "
        "nothing imported",
        config.path)));
  }
  auto text = ReadSmallFile(path);
  if (!text.ok()) return fail(text.status());
  auto rows = ParseCsv(*text, path);
  if (!rows.ok()) return fail(rows.status());
  if (rows->empty()) return fail(Status::InvalidArgument(path + ": empty (no header row)"));
  std::map<std::string, std::size_t> at;
  for (std::size_t k = 0; k < rows->front().fields.size(); ++k)
    at.emplace(AsciiLower(TrimAscii(rows->front().fields[k])), k);
  if (!at.count("email")) {
    return fail(Status::InvalidArgument(fmt::format(
        "{}:1: the header row names no \"email\" column (the first row names the columns; "
        "`gpalert subscribers export` writes one)",
        path)));
  }
  std::vector<SubscriberState> subs;
  std::vector<std::string> errors;
  std::map<std::string, int> seen;  // lower-cased address → its line
  for (std::size_t k = 1; k < rows->size(); ++k) {
    auto sub = ImportRow(config, path, (*rows)[k], at);
    if (!sub.ok()) {
      errors.push_back(sub.status().message());
      continue;
    }
    auto [it, first] = seen.emplace(AsciiLower(sub->email), (*rows)[k].line);
    if (!first) {
      errors.push_back(fmt::format("{}:{}: {} is listed twice (first on line {})", path,
                                   (*rows)[k].line, sub->email, it->second));
      continue;
    }
    subs.push_back(std::move(sub).value());
  }
  if (!errors.empty()) {
    for (const std::string& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
    std::fprintf(stderr, "gpalert subscribers import: nothing imported (%zu bad row(s))\n",
                 errors.size());
    return 2;
  }
  Instant now = NowSeconds();
  int added = 0, in_list = 0, left = 0;
  std::vector<const SubscriberState*> to_confirm;  // pending rows of the file, in its order
  for (SubscriberState& sub : subs) {
    auto suppressed = store->IsSuppressed(sub.email);
    if (!suppressed.ok()) return fail(suppressed.status());
    if (*suppressed) {
      ++left;  // they said no: an import does not overrule them
      continue;
    }
    if (InConfig(config, sub.email)) {
      ++in_list;
      continue;
    }
    sub.status = confirmed ? SubscriberStatus::kActive : SubscriberStatus::kPending;
    if (confirmed) {
      sub.consent = ConsentRecord{now, "", "gpalert subscribers import --confirmed " + path};
    }
    auto ok = store->AddSubscriber(sub, now);
    if (!ok.ok()) return fail(ok.status());
    *ok ? ++added : ++in_list;
    if (!confirmed) to_confirm.push_back(&sub);
  }
  std::printf("%d added (%s), %d already in the list, %d skipped (unsubscribed earlier)\n", added,
              confirmed ? "active" : "pending: they get nothing until they confirm", in_list, left);
  if (!options.send_confirmations) return 0;
  auto sent = QueueImportConfirmations(config, store, options.secret, to_confirm, now);
  if (!sent.ok()) return fail(sent.status());
  std::printf(
      "%d confirmation mail(s) queued (the daemon sends them with its next round, or `gpalert "
      "run --once`), %d not sent (a confirmation went to them less than an hour ago), %d not "
      "pending\n",
      sent->queued, sent->recent, sent->not_pending);
  return 0;
}

}  // namespace gpalert
