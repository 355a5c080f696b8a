// Feeds text to ParseMailbox/CheckAddrSpec and writes the mailbox with FormatAddress; checks a
// 7-bit, CR/LF-free header.
#include <string>
#include <string_view>

#include "alerts/mail/mime_mailbox.h"
#include "alerts/mail/mime_writer.h"
#include "common/strings.h"

#include "fuzz_check.h"

namespace {

bool IsPrintableAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// A header field: CRLF-terminated lines of at most 998 octets, no bare CR or LF, 7-bit.
void CheckHeaderField(std::string_view field) {
  FUZZ_CHECK(field.ends_with("\r\n"));
  for (std::string_view line : gpalert::Split(field.substr(0, field.size() - 2), '\n')) {
    if (line.ends_with("\r")) line.remove_suffix(1);
    FUZZ_CHECK(line.size() <= 998);
    FUZZ_CHECK(IsPrintableAscii(line));
  }
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\r') FUZZ_CHECK(i + 1 < field.size() && field[i + 1] == '\n');
    if (field[i] == '\n') FUZZ_CHECK(i > 0 && field[i - 1] == '\r');
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // An addr-spec that passes the check is ASCII without controls (it goes into SMTP commands).
  if (gpalert::CheckAddrSpec(text).ok()) FUZZ_CHECK(IsPrintableAscii(text));

  gpalert::Result<gpalert::Mailbox> mailbox = gpalert::ParseMailbox(text);
  if (!mailbox.ok()) return 0;
  FUZZ_CHECK(gpalert::CheckAddrSpec(mailbox->address).ok());
  FUZZ_CHECK(IsPrintableAscii(mailbox->address));
  FUZZ_CHECK(gpalert::IsValidUtf8(mailbox->name));
  for (unsigned char c : mailbox->name) FUZZ_CHECK(c >= 0x20 && c != 0x7f);

  std::string formatted = gpalert::FormatAddress(*mailbox, 4);
  FUZZ_CHECK(IsPrintableAscii(formatted));
  CheckHeaderField(gpalert::FoldHeader("From", formatted));
  return 0;
}
