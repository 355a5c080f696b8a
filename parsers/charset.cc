#include "parsers/charset.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <cerrno>
#include <fmt/format.h>
#include <memory>

#include "common/strings.h"

namespace gpalert {
namespace {

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvHandle = std::unique_ptr<void, IconvCloser>;

struct UchardetDeleter {
  void operator()(uchardet_t u) const { uchardet_delete(u); }
};

}  // namespace

std::string NormalizeCharsetName(std::string_view label) {
  std::string n = AsciiLower(TrimAscii(label));
  if (n.size() >= 2 && (n.front() == '"' || n.front() == '\'')) n = n.substr(1, n.size() - 2);
  struct Alias { const char* from; const char* to; };
  static constexpr Alias kAliases[] = {
      {"utf8", "utf-8"}, {"unicode-1-1-utf-8", "utf-8"}, {"latin1", "iso-8859-1"},
      {"latin-1", "iso-8859-1"}, {"iso8859-1", "iso-8859-1"}, {"iso_8859-1", "iso-8859-1"},
      {"l1", "iso-8859-1"}, {"cp1252", "windows-1252"}, {"x-cp1252", "windows-1252"},
      {"cp1251", "windows-1251"}, {"ascii", "us-ascii"}, {"us_ascii", "us-ascii"},
      {"x-sjis", "shift_jis"}, {"sjis", "shift_jis"}, {"shift-jis", "shift_jis"},
      {"euc_kr", "euc-kr"}, {"ks_c_5601-1987", "euc-kr"}, {"euc_jp", "euc-jp"},
      {"gbk", "gbk"}, {"x-gbk", "gbk"}, {"utf16", "utf-16"}, {"utf-16", "utf-16"},
      {"ucs-2", "utf-16"}, {"koi8r", "koi8-r"}, {"tis-620", "tis-620"}, {"big5", "big5"},
  };
  for (const auto& a : kAliases)
    if (n == a.from) return a.to;
  return n;
}

std::string MediaTypeFromContentType(std::string_view content_type) {
  auto semi = content_type.find(';');
  return AsciiLower(TrimAscii(content_type.substr(0, semi)));
}

std::optional<std::string> CharsetFromContentType(std::string_view content_type) {
  size_t pos = 0;
  while ((pos = content_type.find(';', pos)) != std::string_view::npos) {
    ++pos;
    std::string_view param = TrimAscii(content_type.substr(pos));
    auto end = param.find(';');
    std::string_view one = param.substr(0, end);
    auto eq = one.find('=');
    if (eq == std::string_view::npos) continue;
    if (EqualsIgnoreCase(TrimAscii(one.substr(0, eq)), "charset")) {
      std::string value = NormalizeCharsetName(one.substr(eq + 1));
      if (!value.empty()) return value;
    }
  }
  return std::nullopt;
}

std::optional<std::string> CharsetFromBom(std::string_view b, size_t* bom_len) {
  auto starts = [&](std::string_view p) { return b.substr(0, p.size()) == p; };
  struct Bom { std::string_view bytes; const char* name; };
  static const Bom kBoms[] = {
      {std::string_view("\x00\x00\xFE\xFF", 4), "utf-32be"},
      {std::string_view("\xFF\xFE\x00\x00", 4), "utf-32le"},
      {std::string_view("\xEF\xBB\xBF", 3), "utf-8"},
      {std::string_view("\xFE\xFF", 2), "utf-16be"},
      {std::string_view("\xFF\xFE", 2), "utf-16le"},
  };
  for (const auto& bom : kBoms) {
    if (starts(bom.bytes)) {
      if (bom_len) *bom_len = bom.bytes.size();
      return std::string(bom.name);
    }
  }
  if (bom_len) *bom_len = 0;
  return std::nullopt;
}

std::optional<std::string> DetectCharset(std::string_view bytes) {
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, UchardetDeleter> u(uchardet_new());
  if (!u) return std::nullopt;
  std::string_view sample = bytes.substr(0, 256 * 1024);
  if (uchardet_handle_data(u.get(), sample.data(), sample.size()) != 0) return std::nullopt;
  uchardet_data_end(u.get());
  const char* name = uchardet_get_charset(u.get());
  if (name == nullptr || *name == '\0') return std::nullopt;
  return NormalizeCharsetName(name);
}

Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view charset, bool strict) {
  std::string cs = NormalizeCharsetName(charset);
  if (cs == "us-ascii") {
    for (size_t i = 0; i < bytes.size(); ++i) {
      if (static_cast<unsigned char>(bytes[i]) < 0x80) continue;
      if (strict)
        return Status::InvalidArgument(fmt::format(
            "byte 0x{:02X} at offset {} is not valid us-ascii", static_cast<unsigned char>(bytes[i]), i));
      return SanitizeUtf8(bytes);
    }
    return std::string(bytes);
  }
  if (cs == "utf-8") {
    if (IsValidUtf8(bytes)) return std::string(bytes);
    if (strict) return Status::InvalidArgument("bytes are not valid " + cs);
    return SanitizeUtf8(bytes);
  }
  iconv_t raw = iconv_open("UTF-8", cs.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1))
    return Status::InvalidArgument(fmt::format("unknown charset \"{}\"", charset));
  IconvHandle cd(raw);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  char buf[8192];
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  while (in_left > 0) {
    char* o = buf;
    size_t o_left = sizeof buf;
    size_t r = iconv(static_cast<iconv_t>(cd.get()), &in, &in_left, &o, &o_left);
    out.append(buf, o - buf);
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ or EINVAL (truncated sequence at the end): undecodable byte.
      if (strict)
        return Status::InvalidArgument(fmt::format(
            "byte 0x{:02X} at offset {} is not valid {}", static_cast<unsigned char>(*in),
            bytes.size() - in_left, cs));
      out += "\xEF\xBF\xBD";
      ++in;
      --in_left;
      iconv(static_cast<iconv_t>(cd.get()), nullptr, nullptr, nullptr, nullptr);
    }
  }
  // Flush any shift state.
  char* o = buf;
  size_t o_left = sizeof buf;
  iconv(static_cast<iconv_t>(cd.get()), nullptr, nullptr, &o, &o_left);
  out.append(buf, o - buf);
  if (!IsValidUtf8(out)) out = SanitizeUtf8(out);
  return out;
}

}  // namespace gpalert
