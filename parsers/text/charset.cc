#include "parsers/text/charset.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <fmt/format.h>
#include <cerrno>
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

// Python codec aliases (which feeds and feedparser use) that glibc's iconv does not
// know, with a name it does know for the same charset.
struct IconvAlias {
  std::string_view label;
  const char* iconv_name;
};
constexpr IconvAlias kIconvAliases[] = {
    {"037", "cp037"},
    {"1125", "cp1125"},
    {"1140", "cp1140"},
    {"1250", "cp1250"},
    {"1251", "cp1251"},
    {"1252", "cp1252"},
    {"1253", "cp1253"},
    {"1254", "cp1254"},
    {"1255", "cp1255"},
    {"1256", "cp1256"},
    {"1257", "cp1257"},
    {"1258", "cp1258"},
    {"273", "cp273"},
    {"424", "cp424"},
    {"646", "ascii"},
    {"775", "cp775"},
    {"932", "cp932"},
    {"936", "gbk"},
    {"949", "cp949"},
    {"950", "cp950"},
    {"ansi_x3.4_1968", "ascii"},
    {"ansi_x3.4_1986", "ascii"},
    {"ansi_x3_4_1968", "ascii"},
    {"big5_tw", "big5"},
    {"chinese", "gb2312"},
    {"cp1051", "hp-roman8"},
    {"cp65001", "utf-8"},
    {"cp866u", "cp1125"},
    {"cp_is", "cp861"},
    {"csbig5", "big5"},
    {"csibm858", "cp858"},
    {"csibm861", "cp861"},
    {"csiso58gb231280", "gb2312"},
    {"eucgb2312_cn", "gb2312"},
    {"eucjisx0213", "euc-jisx0213"},
    {"gb18030_2000", "gb18030"},
    {"gb2312_1980", "gb2312"},
    {"gb2312_80", "gb2312"},
    {"hkscs", "big5hkscs"},
    {"ibm039", "cp037"},
    {"ibm1051", "hp-roman8"},
    {"ibm1125", "cp1125"},
    {"iso_646.irv_1991", "ascii"},
    {"iso_8859_10_1992", "iso8859-10"},
    {"iso_8859_11_2001", "iso8859-11"},
    {"iso_8859_14_1998", "iso8859-14"},
    {"iso_8859_16_2001", "iso8859-16"},
    {"iso_8859_2_1987", "iso8859-2"},
    {"iso_8859_3_1988", "iso8859-3"},
    {"iso_8859_4_1988", "iso8859-4"},
    {"iso_8859_5_1988", "iso8859-5"},
    {"iso_8859_6_1987", "iso8859-6"},
    {"iso_8859_7_1987", "iso8859-7"},
    {"iso_8859_8_1988", "iso8859-8"},
    {"iso_8859_9_1989", "iso8859-9"},
    {"iso_ir_58", "gb2312"},
    {"korean", "euc-kr"},
    {"ks_c_5601", "euc-kr"},
    {"ks_c_5601_1987", "euc-kr"},
    {"ks_x_1001", "euc-kr"},
    {"ksc5601", "euc-kr"},
    {"ksx1001", "euc-kr"},
    {"l9", "iso8859-15"},
    {"ms1361", "johab"},
    {"ms949", "cp949"},
    {"ms950", "cp950"},
    {"mskanji", "cp932"},
    {"s_jis", "shift_jis"},
    {"s_jisx0213", "shift_jisx0213"},
    {"shiftjis", "shift_jis"},
    {"sjisx0213", "shift_jisx0213"},
    {"thai", "iso8859-11"},
    {"tis_620_0", "tis-620"},
    {"tis_620_2529_0", "tis-620"},
    {"tis_620_2529_1", "tis-620"},
    {"u7", "utf-7"},
    {"u8", "utf-8"},
    {"u_jis", "euc-jp"},
    {"unicode_1_1_utf_7", "utf-7"},
    {"utf", "utf-8"},
    {"utf8_ucs2", "utf-8"},
    {"utf8_ucs4", "utf-8"},
    {"x_mac_japanese", "shift_jis"},
    {"x_mac_korean", "euc-kr"},
    {"x_mac_simp_chinese", "gb2312"},
    {"x_mac_trad_chinese", "big5"},
};

// Opens an iconv decoder for `charset`, trying iconv's own names, then '_' spelled
// '-', then the alias table. Returns (iconv_t)-1 when nothing matches.
iconv_t OpenDecoder(const std::string& charset) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd != reinterpret_cast<iconv_t>(-1)) return cd;
  std::string dashed = charset;
  for (char& c : dashed)
    if (c == '_') c = '-';
  cd = iconv_open("UTF-8", dashed.c_str());
  if (cd != reinterpret_cast<iconv_t>(-1)) return cd;
  std::string underscored = charset;
  for (char& c : underscored)
    if (c == '-') c = '_';
  for (const auto& a : kIconvAliases)
    if (a.label == underscored || a.label == charset) return iconv_open("UTF-8", a.iconv_name);
  return reinterpret_cast<iconv_t>(-1);
}

}  // namespace

std::string NormalizeCharsetName(std::string_view label) {
  std::string n = AsciiLower(TrimAscii(label));
  if (n.size() >= 2 && (n.front() == '"' || n.front() == '\'')) n = n.substr(1, n.size() - 2);
  struct Alias {
    const char* from;
    const char* to;
  };
  static constexpr Alias kAliases[] = {
      {"utf8", "utf-8"},
      {"unicode-1-1-utf-8", "utf-8"},
      {"latin1", "iso-8859-1"},
      {"latin-1", "iso-8859-1"},
      {"iso8859-1", "iso-8859-1"},
      {"iso_8859-1", "iso-8859-1"},
      {"l1", "iso-8859-1"},
      {"cp1252", "windows-1252"},
      {"x-cp1252", "windows-1252"},
      {"cp1251", "windows-1251"},
      {"ascii", "us-ascii"},
      {"us_ascii", "us-ascii"},
      {"x-sjis", "shift_jis"},
      {"sjis", "shift_jis"},
      {"shift-jis", "shift_jis"},
      {"euc_kr", "euc-kr"},
      {"ks_c_5601-1987", "euc-kr"},
      {"euc_jp", "euc-jp"},
      {"gbk", "gbk"},
      {"x-gbk", "gbk"},
      {"utf16", "utf-16"},
      {"utf-16", "utf-16"},
      {"ucs-2", "utf-16"},
      {"koi8r", "koi8-r"},
      {"tis-620", "tis-620"},
      {"big5", "big5"},
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
  struct Bom {
    std::string_view bytes;
    const char* name;
  };
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
        return Status::InvalidArgument(
            fmt::format("byte 0x{:02X} at offset {} is not valid us-ascii",
                        static_cast<unsigned char>(bytes[i]), i));
      return SanitizeUtf8(bytes);
    }
    return std::string(bytes);
  }
  if (cs == "utf-8") {
    if (IsValidUtf8(bytes)) return std::string(bytes);
    if (strict) return Status::InvalidArgument("bytes are not valid " + cs);
    return SanitizeUtf8(bytes);
  }
  iconv_t raw = OpenDecoder(cs);
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
        return Status::InvalidArgument(fmt::format("byte 0x{:02X} at offset {} is not valid {}",
                                                   static_cast<unsigned char>(*in),
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
