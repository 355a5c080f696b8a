#include "alerts/digest.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "alerts/digest_body.h"
#include "alerts/full_text.h"
#include "alerts/mail/mime_mailbox.h"
#include "alerts/mail/mime_writer.h"
#include "alerts/schedule.h"
#include "alerts/signed_token.h"
#include "alerts/unsubscribe_token.h"
#include "common/sha256.h"
#include "common/strings.h"
#include "common/unsafe_text.h"
#include "common/url.h"

namespace gpalert {
namespace {

constexpr size_t kMaxTitle = 300;
constexpr size_t kMaxSubject = 200;
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Plain one-line text: valid UTF-8, control characters and runs of space collapsed, cut
// at `limit` bytes on a character boundary with an ellipsis.
std::string CleanText(std::string_view raw, size_t limit) {
  std::string text = SanitizeHeaderText(DropBidiAndInvisibleControls(raw));
  if (text.size() <= limit) return text;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  size_t space = text.rfind(' ', cut);
  if (space != std::string::npos && space > limit / 2) cut = space;
  return text.substr(0, cut) + "\xE2\x80\xA6";
}

// "2 Dec 2021" in the subscriber's zone (UTC when the zone is unknown).
std::string LocalDate(Instant t, const std::string& zone_name) {
  const date::time_zone* zone;
  try {
    zone = date::locate_zone(zone_name);
  } catch (const std::exception&) {
    zone = date::locate_zone("UTC");
  }
  date::year_month_day ymd{date::floor<date::days>(zone->to_local(t))};
  return fmt::format("{} {} {}", static_cast<unsigned>(ymd.day()),
                     kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()));
}

std::string DomainOf(std::string_view address) {
  auto at = address.rfind('@');
  std::string domain = at == std::string_view::npos ? "" : AsciiLower(address.substr(at + 1));
  if (domain.empty() || domain[0] == '[') return "localhost";
  return domain;
}

// The lead shown for content = "lead" is cut at this many bytes (a standfirst is a
// paragraph; a page that calls its whole first section the lead gets a long summary).
constexpr size_t kMaxLead = 4000;

// What each entry shows besides title and meta line, by the subscriber's content mode.
struct EntryContent {
  DigestContentMode mode = DigestContentMode::kSummary;
  const std::map<std::int64_t, ArticleBody>* bodies = nullptr;
  size_t summary_chars = 600;
  size_t full_text_left = 0;  // bytes of full text this digest may still take
  bool full_text_spent = false;
};

const ArticleBody* BodyOf(const EntryContent& c, std::int64_t id) {
  if (!c.bodies) return nullptr;
  auto it = c.bodies->find(id);
  return it == c.bodies->end() ? nullptr : &it->second;
}

// Fills the summary, lead or full text of `e`. Full texts take from the digest's budget
// in the order the digest shows them; once one does not fit, the rest show summaries.
void FillContent(const StoredArticle& a, EntryContent* c, DigestEntry* e) {
  if (a.summary) e->summary = CleanText(*a.summary, c->summary_chars);
  const ArticleBody* body = BodyOf(*c, a.id);
  if (!body) return;
  if (c->mode == DigestContentMode::kLead && body->lead) {
    std::string lead = CleanText(*body->lead, kMaxLead);
    if (!lead.empty()) e->summary = std::move(lead);
  }
  if (c->mode != DigestContentMode::kFull) return;
  // No text: the store left it out, over the digest's budget (Store::ArticleBodies).
  if (!c->full_text_spent && !body->text.empty()) {
    std::vector<std::string> paragraphs;
    size_t size = 0;
    for (const std::string& p : TextParagraphs(body->text)) {
      std::string clean;
      for (std::string_view line : Split(p, '\n')) {
        std::string text = CleanText(line, std::string::npos);
        if (!text.empty()) clean += (clean.empty() ? "" : "\n") + text;
      }
      size += clean.size() + 1;
      if (!clean.empty()) paragraphs.push_back(std::move(clean));
    }
    std::string html = body->html.empty() ? "" : MailSafeArticleHtml(body->html, a.url);
    size += html.size();
    if (size <= c->full_text_left) {
      c->full_text_left -= size;
      e->paragraphs = std::move(paragraphs);
      e->html = std::move(html);
      return;
    }
  }
  c->full_text_spent = true;
  e->continue_reading = !e->url.empty();
}

using SourceList = std::vector<std::pair<std::string, std::vector<const StoredArticle*>>>;

// Articles under their first source, sources in configured order, then by name.
SourceList BySource(const std::vector<StoredArticle>& articles,
                    const std::vector<std::string>& source_order) {
  std::map<std::string, std::vector<const StoredArticle*>> by_source;
  for (const auto& a : articles) {
    by_source[a.sources.empty() ? "Other" : a.sources.front()].push_back(&a);
  }
  SourceList ordered;
  for (const auto& name : source_order) {
    auto it = by_source.find(name);
    if (it == by_source.end()) continue;
    ordered.emplace_back(name, std::move(it->second));
    by_source.erase(it);
  }
  for (auto& [name, list] : by_source) ordered.emplace_back(name, std::move(list));
  return ordered;
}

// Groups in BySource's order, headed by the sources' public names. "also in" lists the
// other sources' public names, each once, without the group's own.
std::vector<DigestGroup> GroupArticles(const std::vector<StoredArticle>& articles,
                                       const std::vector<std::string>& source_order,
                                       const std::map<std::string, std::string>& public_names,
                                       const std::string& zone, EntryContent content) {
  auto public_name = [&](const std::string& name) {
    auto it = public_names.find(name);
    return CleanText(it == public_names.end() ? name : it->second, 200);
  };
  std::vector<DigestGroup> groups;
  for (const auto& [source, list] : BySource(articles, source_order)) {
    DigestGroup& g = groups.emplace_back();
    g.source = public_name(source);
    for (const StoredArticle* a : list) {
      DigestEntry& e = g.entries.emplace_back();
      e.title = CleanText(a->title, kMaxTitle);
      if (e.title.empty()) e.title = "(untitled)";
      if (IsHttpUrl(a->url)) e.url = std::string(TrimAscii(a->url));
      if (a->published) e.date = LocalDate(*a->published, zone);
      if (a->author) e.author = CleanText(*a->author, 200);
      e.updated = a->version > 0;
      FillContent(*a, &content, &e);
      for (size_t i = 1; i < a->sources.size(); ++i) {
        std::string other = public_name(a->sources[i]);
        if (other != g.source &&
            std::find(e.also_in.begin(), e.also_in.end(), other) == e.also_in.end())
          e.also_in.push_back(std::move(other));
      }
    }
  }
  return groups;
}

}  // namespace

std::vector<std::int64_t> DigestOrder(const std::vector<StoredArticle>& articles,
                                      const std::vector<std::string>& source_order) {
  std::vector<std::int64_t> ids;
  for (const auto& [source, list] : BySource(articles, source_order)) {
    for (const StoredArticle* a : list) ids.push_back(a->id);
  }
  return ids;
}

std::string DigestKeyFor(const std::vector<StoredArticle>& articles) {
  std::vector<std::pair<std::int64_t, int>> ids;
  for (const auto& a : articles) ids.emplace_back(a.id, a.version);
  std::sort(ids.begin(), ids.end());
  std::string key = "articles:";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) key += ',';
    key += std::to_string(ids[i].first);
    // An article alerted again after an update is another message: its version is part
    // of the key (none for the first alert, so keys from before versions stay the same).
    if (ids[i].second > 0) key += ".v" + std::to_string(ids[i].second);
  }
  return key;
}

std::string FormatDigestSubject(std::string_view pattern, int count,
                                const std::vector<std::string>& sources, std::string_view date) {
  std::string names;
  for (const auto& s : sources) names += (names.empty() ? "" : ", ") + s;
  if (sources.size() > 3 || names.size() > 60) {
    size_t shown = std::min<size_t>(2, sources.size() - 1);
    if (shown == 2 && sources[0].size() + sources[1].size() > 58) shown = 1;
    names.clear();
    for (size_t i = 0; i < shown; ++i) names += (names.empty() ? "" : ", ") + sources[i];
    names += fmt::format(" and {} more", sources.size() - shown);
  }
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern.substr(i, 7) == "{count}") {
      out += std::to_string(count);
      i += 7;
    } else if (pattern.substr(i, 9) == "{sources}") {
      out += names;
      i += 9;
    } else if (pattern.substr(i, 6) == "{date}") {
      out += date;
      i += 6;
    } else {
      out += pattern[i++];
    }
  }
  return CleanText(out, kMaxSubject);
}

Result<DigestMessage> RenderDigest(const DigestRequest& request, const MailOptions& mail) {
  if (!request.subscriber || !request.articles || request.articles->empty()) {
    return Status::InvalidArgument("digest has no articles: nothing to send");
  }
  const Subscriber& sub = *request.subscriber;
  auto from = ParseMailbox(mail.from);
  if (!from.ok()) return Status::InvalidArgument("mail.from: " + from.status().message());
  Status to_ok = CheckAddrSpec(sub.email);
  if (!to_ok.ok()) return to_ok;

  DigestContent content;
  EntryContent entry_content;
  entry_content.mode = sub.content;
  entry_content.bodies = request.bodies;
  entry_content.summary_chars = std::max<size_t>(1, mail.summary_chars);
  entry_content.full_text_left = mail.max_full_text_bytes;
  content.groups = GroupArticles(*request.articles, request.source_order, request.public_names,
                                 sub.timezone, entry_content);
  std::vector<std::string> names;
  for (const auto& g : content.groups) names.push_back(g.source);
  int count = static_cast<int>(request.articles->size());
  content.subject =
      FormatDigestSubject(mail.subject, count, names, LocalDate(request.now, sub.timezone));
  if (request.parts > 1)
    content.subject += fmt::format(" (part {} of {})", request.part, request.parts);
  content.recipient = sub.email;
  content.schedule = DescribeSchedule(sub);
  content.unsubscribe_mailto =
      fmt::format("mailto:{}?subject={}", from->address, PercentEncode("unsubscribe " + sub.email));
  std::string token = UnsubscribeToken(mail.unsubscribe_secret, sub.email);
  if (mail.unsubscribe_url && IsHttpUrl(*mail.unsubscribe_url)) {
    const std::string& base = *mail.unsubscribe_url;
    content.unsubscribe_url =
        fmt::format("{}{}email={}&token={}", base, base.find('?') == std::string::npos ? "?" : "&",
                    PercentEncode(sub.email), token);
  }

  if (mail.public_url && IsHttpUrl(*mail.public_url) && !mail.unsubscribe_secret.empty()) {
    Instant expires = request.now + kManageLinkLifetime;
    content.manage_url =
        fmt::format("{}/manage?email={}&expires={}&token={}", *mail.public_url,
                    PercentEncode(sub.email), expires.time_since_epoch().count(),
                    SignToken(mail.unsubscribe_secret, TokenPurpose::kManage, sub.email, expires));
  }

  std::string domain = DomainOf(from->address);
  std::string id_hash =
      Sha256Hex(AsciiLower(sub.email) + "\n" + request.digest_key + "\n" + domain);
  DigestMessage message;
  message.message_id = fmt::format("<{}.gpalert@{}>", id_hash.substr(0, 32), domain);
  message.subject = content.subject;
  message.article_count = count;
  std::string boundary = "=_gpalert_" + id_hash.substr(32, 24);

  std::string list_unsubscribe = "<" + content.unsubscribe_mailto + ">";
  if (content.unsubscribe_url)
    list_unsubscribe = "<" + *content.unsubscribe_url + ">, " + list_unsubscribe;

  std::string& out = message.bytes;
  out += FoldHeader("From", FormatAddress(*from, 4));
  out += FoldHeader("To", FormatAddress(Mailbox{sub.name, sub.email}, 2));
  out += FoldHeader("Subject", EncodeHeaderText(content.subject, 7));
  out += FoldHeader("Date", FormatRfc5322Date(request.now));
  out += FoldHeader("Message-ID", message.message_id);
  out += FoldHeader("List-Id", fmt::format("GP alerts <gpalert.{}>", domain));
  out += FoldHeader("List-Unsubscribe", list_unsubscribe);
  if (content.unsubscribe_url && StartsWithIgnoreCase(*content.unsubscribe_url, "https://")) {
    out += FoldHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  }
  out += FoldHeader("Auto-Submitted", "auto-generated");
  out += FoldHeader("Precedence", "bulk");
  out += FoldHeader("MIME-Version", "1.0");
  out +=
      FoldHeader("Content-Type", fmt::format("multipart/alternative; boundary=\"{}\"", boundary));
  out += "\r\n";
  out += MultipartBody({{"text/plain; charset=utf-8", RenderDigestText(content)},
                        {"text/html; charset=utf-8", RenderDigestHtml(content)}},
                       boundary);
  return message;
}

}  // namespace gpalert
