#include "parsers/page/metadata.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/strings.h"
#include "common/url.h"
#include "parsers/page/dom_text.h"
#include "parsers/page/extract_hints.h"
#include "parsers/text/date_parser.h"
#include "parsers/text/html_entities.h"
#include "parsers/text/visible_date.h"

namespace gpalert {
namespace {

using Json = nlohmann::json;

bool IsSeparator(std::string_view s, size_t i, size_t* len) {
  // One of | - \ / > » – — surrounded by spaces; *len = its byte length.
  static constexpr std::string_view kSeps[] = {"|", "-",        "\\",           "/",
                                               ">", "\xC2\xBB", "\xE2\x80\x93", "\xE2\x80\x94"};
  for (std::string_view sep : kSeps) {
    if (s.compare(i, sep.size(), sep) == 0) {
      *len = sep.size();
      return true;
    }
  }
  return false;
}

bool IsHierarchical(std::string_view sep) {
  return sep == "\\" || sep == "/" || sep == ">" || sep == "\xC2\xBB";
}

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in) ++n;
    in = !space;
  }
  // JavaScript's str.split(/\s+/).length counts an empty string as one word.
  return n == 0 ? 1 : n + (s.empty() ? 0 : 0);
}

// Positions of " sep " separators in s.
struct Sep {
  size_t pos;
  size_t len;
};
std::vector<Sep> FindSeparators(std::string_view s) {
  std::vector<Sep> seps;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    size_t len = 0;
    if (s[i - 1] == ' ' && IsSeparator(s, i, &len) && i + len < s.size() && s[i + len] == ' ')
      seps.push_back({i, len});
  }
  return seps;
}

std::string Trimmed(std::string_view s) { return CollapseWhitespace(s); }

bool IsArticleType(const Json& type) {
  static constexpr std::string_view kTypes[] = {"Article",
                                                "AdvertiserContentArticle",
                                                "NewsArticle",
                                                "AnalysisNewsArticle",
                                                "AskPublicNewsArticle",
                                                "BackgroundNewsArticle",
                                                "OpinionNewsArticle",
                                                "ReportageNewsArticle",
                                                "ReviewNewsArticle",
                                                "Report",
                                                "SatiricalArticle",
                                                "ScholarlyArticle",
                                                "MedicalScholarlyArticle",
                                                "SocialMediaPosting",
                                                "BlogPosting",
                                                "LiveBlogPosting",
                                                "DiscussionForumPosting",
                                                "TechArticle",
                                                "APIReference"};
  auto one = [&](const Json& t) {
    if (!t.is_string()) return false;
    std::string s = t.get<std::string>();
    for (std::string_view k : kTypes)
      if (s.find(k) != std::string::npos) return true;
    return false;
  };
  if (type.is_array()) {
    for (const auto& t : type)
      if (one(t)) return true;
    return false;
  }
  return one(type);
}

bool IsSchemaOrg(const Json& context) {
  auto ok = [](const Json& v) {
    if (!v.is_string()) return false;
    std::string s = v.get<std::string>();
    return s == "http://schema.org" || s == "https://schema.org" || s == "http://schema.org/" ||
           s == "https://schema.org/";
  };
  if (ok(context)) return true;
  if (context.is_object() && context.contains("@vocab")) return ok(context["@vocab"]);
  if (context.is_array()) {
    for (const auto& c : context)
      if (ok(c) || (c.is_object() && c.contains("@vocab") && ok(c["@vocab"]))) return true;
  }
  return false;
}

std::optional<std::string> StringField(const Json& o, const char* key) {
  if (!o.is_object() || !o.contains(key) || !o[key].is_string()) return std::nullopt;
  std::string v = Trimmed(o[key].get<std::string>());
  if (v.empty()) return std::nullopt;
  return v;
}

struct JsonLd {
  std::optional<std::string> title, byline, excerpt, site_name, published;
};

std::optional<Json> FindArticleObject(const Json& parsed) {
  const Json* obj = &parsed;
  Json picked;
  if (parsed.is_array()) {
    for (const auto& it : parsed) {
      if (it.is_object() && it.contains("@type") && IsArticleType(it["@type"])) {
        picked = it;
        obj = &picked;
        break;
      }
    }
    if (obj == &parsed) return std::nullopt;
  }
  if (!obj->is_object()) return std::nullopt;
  if (!obj->contains("@context") || !IsSchemaOrg((*obj)["@context"])) return std::nullopt;
  if (!obj->contains("@type") && obj->contains("@graph") && (*obj)["@graph"].is_array()) {
    for (const auto& it : (*obj)["@graph"])
      if (it.is_object() && it.contains("@type") && IsArticleType(it["@type"])) return it;
    return std::nullopt;
  }
  if (!obj->contains("@type") || !IsArticleType((*obj)["@type"])) return std::nullopt;
  return *obj;
}

JsonLd ReadJsonLd(const HtmlDocument& doc, const std::string& document_title) {
  JsonLd out;
  for (const std::string& raw : doc.json_ld()) {
    std::string_view text = TrimAscii(raw);
    if (text.starts_with("<![CDATA[")) text.remove_prefix(9);
    if (text.ends_with("]]>")) text.remove_suffix(3);
    Json parsed = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) continue;
    std::optional<Json> article = FindArticleObject(parsed);
    if (!article) continue;
    const Json& a = *article;
    auto name = StringField(a, "name");
    auto headline = StringField(a, "headline");
    if (name && headline && *name != *headline) {
      bool name_matches = TextSimilarity(*name, document_title) > 0.75;
      bool headline_matches = TextSimilarity(*headline, document_title) > 0.75;
      out.title = headline_matches && !name_matches ? headline : name;
    } else {
      out.title = name ? name : headline;
    }
    if (a.contains("author")) {
      const Json& au = a["author"];
      if (auto n = StringField(au, "name")) {
        out.byline = n;
      } else if (au.is_array()) {
        std::string names;
        for (const auto& one : au) {
          if (auto n1 = StringField(one, "name")) {
            if (!names.empty()) names += ", ";
            names += *n1;
          }
        }
        if (!names.empty()) out.byline = names;
      }
    }
    out.excerpt = StringField(a, "description");
    if (a.contains("publisher")) out.site_name = StringField(a["publisher"], "name");
    out.published = StringField(a, "datePublished");
    return out;
  }
  return out;
}

// name/property -> content of the page's <meta> tags (later tags win).
std::map<std::string, std::string> ReadMetaTags(const HtmlDocument& doc) {
  std::map<std::string, std::string> values;
  static constexpr std::string_view kPrefixes[] = {"article", "dc", "dcterm", "og", "twitter"};
  static constexpr std::string_view kProps[] = {"author",         "creator", "description",
                                                "published_time", "title",   "site_name"};
  for (NodeId id : doc.ElementsByTag(doc.html(), "meta")) {
    const HtmlNode& n = doc.node(id);
    std::string content = Trimmed(n.Attr("content"));
    if (content.empty()) continue;
    bool matched = false;
    // property="og:title article:author ..." (space separated, first match)
    std::string prop = AsciiLower(n.Attr("property"));
    for (std::string_view word : Split(prop, ' ')) {
      std::string w;
      for (char c : word)
        if (c != ' ' && c != '\t') w += c;
      // "prefix:property" anywhere in the word ("og:article:author" holds "article:author").
      std::vector<std::string_view> segs = Split(w, ':');
      for (size_t i = 0; i + 1 < segs.size() && !matched; ++i) {
        bool ok_pre = false, ok_post = false;
        for (auto p : kPrefixes) ok_pre = ok_pre || segs[i] == p;
        for (auto p : kProps) ok_post = ok_post || segs[i + 1] == p;
        if (ok_pre && ok_post) {
          values[std::string(segs[i]) + ":" + std::string(segs[i + 1])] = content;
          matched = true;
        }
      }
      if (matched) break;
    }
    if (matched) continue;
    std::string name = AsciiLower(TrimAscii(n.Attr("name")));
    if (name.empty()) continue;
    std::string key;
    for (char c : name) key += c == '.' ? ':' : c;
    // (dc|dcterm|og|twitter|parsely|weibo:article|weibo:webpage)[-.:]?(author|creator|pub-date|description|title|site_name)
    static constexpr std::string_view kNames[] = {"author",      "creator", "pub-date",
                                                  "description", "title",   "site_name"};
    static constexpr std::string_view kNamePrefixes[] = {"dc:",
                                                         "dcterm:",
                                                         "og:",
                                                         "twitter:",
                                                         "parsely-",
                                                         "parsely:",
                                                         "weibo:article:",
                                                         "weibo:webpage:",
                                                         "dc-",
                                                         "dcterm-",
                                                         "og-",
                                                         "twitter-",
                                                         "weibo:article-",
                                                         "weibo:webpage-",
                                                         ""};
    for (auto pre : kNamePrefixes) {
      if (!std::string_view(key).starts_with(pre)) continue;
      std::string_view rest = std::string_view(key).substr(pre.size());
      bool ok = false;
      for (auto nm : kNames) ok = ok || rest == nm;
      if (ok) {
        values[key] = content;
        break;
      }
    }
  }
  return values;
}

std::optional<std::string> First(const std::map<std::string, std::string>& v,
                                 std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = v.find(k);
    if (it != v.end() && !it->second.empty()) return DecodeHtmlEntities(it->second);
  }
  return std::nullopt;
}

std::optional<Instant> ParseMetaDate(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  if (auto t = ParseDate(*s)) return t;
  return FindVisibleDate(*s);
}

}  // namespace

std::string CleanDocumentTitle(const HtmlDocument& doc) {
  std::string orig;
  for (NodeId t : doc.ElementsByTag(doc.html(), "title")) {
    orig = Trimmed(InnerText(doc, t));
    break;
  }
  std::string cur = orig;
  bool hierarchical = false;
  std::vector<Sep> seps = FindSeparators(orig);
  if (!seps.empty()) {
    for (const Sep& s : seps)
      hierarchical = hierarchical || IsHierarchical(orig.substr(s.pos, s.len));
    // Drop the part after the last separator; when too short, the part before the first.
    cur = Trimmed(orig.substr(0, seps.back().pos));
    if (WordCount(cur) < 3) cur = Trimmed(orig.substr(seps.front().pos + seps.front().len));
  } else if (orig.find(": ") != std::string::npos) {
    bool match = false;
    for (NodeId h : doc.ElementsByTag(doc.html(), "")) {
      const HtmlNode& n = doc.node(h);
      if ((n.Is("h1") || n.Is("h2")) && Trimmed(InnerText(doc, h)) == orig) match = true;
    }
    if (!match) {
      cur = Trimmed(orig.substr(orig.rfind(':') + 1));
      if (WordCount(cur) < 3) {
        cur = Trimmed(orig.substr(orig.find(':') + 1));
      } else if (WordCount(orig.substr(0, orig.find(':'))) > 5) {
        cur = orig;
      }
    }
  } else if (CodePoints(orig) > 150 || CodePoints(orig) < 15) {
    std::vector<NodeId> h1 = doc.ElementsByTag(doc.html(), "h1");
    if (h1.size() == 1) cur = Trimmed(InnerText(doc, h1[0]));
  }
  size_t words = WordCount(cur);
  if (words <= 4) {
    std::string without;
    for (size_t i = 0; i < orig.size();) {
      size_t len = 0;
      if (IsSeparator(orig, i, &len)) {
        i += len;
        continue;
      }
      without += orig[i++];
    }
    if (!hierarchical || words != WordCount(without) - 1) cur = orig;
  }
  // A heading that is exactly one end of the <title> is the headline without the site.
  if (!seps.empty()) {
    for (NodeId h : doc.ElementsByTag(doc.html(), "")) {
      const HtmlNode& n = doc.node(h);
      if (!n.Is("h1") && !n.Is("h2")) continue;
      std::string heading = Trimmed(InnerText(doc, h));
      if (heading.size() < 4 || heading == orig || heading == cur) continue;
      // Only when the heading is longer than each remaining part (site, section names).
      std::vector<std::string> parts;
      size_t from = 0;
      for (const Sep& s : seps) {
        parts.push_back(Trimmed(orig.substr(from, s.pos - from)));
        from = s.pos + s.len;
      }
      parts.push_back(Trimmed(orig.substr(from)));
      auto longest = [&](size_t b, size_t e) {
        size_t n = 0;
        for (size_t i = b; i < e; ++i) n = std::max(n, parts[i].size());
        return n;
      };
      for (size_t k = 0; k < seps.size(); ++k) {
        std::string before = Trimmed(orig.substr(0, seps[k].pos));
        std::string after = Trimmed(orig.substr(seps[k].pos + seps[k].len));
        if ((before == heading && before.size() > longest(k + 1, parts.size())) ||
            (after == heading && after.size() > longest(0, k + 1)))
          return heading;
      }
    }
  }
  return cur;
}

PageMetadata ReadPageMetadata(const HtmlDocument& doc) {
  PageMetadata m;
  std::string document_title = CleanDocumentTitle(doc);
  JsonLd ld = ReadJsonLd(doc, document_title);
  std::map<std::string, std::string> v = ReadMetaTags(doc);
  m.title = ld.title ? ld.title
                     : First(v, {"dc:title", "dcterm:title", "og:title", "weibo:article:title",
                                 "weibo:webpage:title", "title", "twitter:title", "parsely-title"});
  if (!m.title && !document_title.empty()) m.title = document_title;
  std::optional<std::string> article_author = First(v, {"article:author"});
  if (article_author && IsHttpUrl(*article_author)) article_author.reset();
  m.byline = ld.byline ? ld.byline
                       : First(v, {"dc:creator", "dcterm:creator", "author", "parsely-author"});
  if (!m.byline) m.byline = article_author;
  m.excerpt = ld.excerpt ? ld.excerpt
                         : First(v, {"dc:description", "dcterm:description", "og:description",
                                     "weibo:article:description", "weibo:webpage:description",
                                     "description", "twitter:description"});
  m.site_name = ld.site_name ? ld.site_name : First(v, {"og:site_name"});
  m.published = ParseMetaDate(ld.published);
  if (!m.published)
    m.published = ParseMetaDate(First(v, {"article:published_time", "parsely-pub-date"}));
  if (!m.published) m.published = ParseMetaDate(First(v, {"dc:date", "dcterm:date", "date"}));
  std::string_view lang = doc.node(doc.html()).Attr("lang");
  if (!TrimAscii(lang).empty()) m.lang = std::string(TrimAscii(lang));
  for (NodeId l : doc.ElementsByTag(doc.head(), "link")) {
    if (EqualsIgnoreCase(doc.node(l).Attr("rel"), "canonical") &&
        !doc.node(l).Attr("href").empty()) {
      m.canonical_url = std::string(doc.node(l).Attr("href"));
      break;
    }
  }
  return m;
}

}  // namespace gpalert
