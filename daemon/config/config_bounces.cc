#include "daemon/config/config_bounces.h"

#include <fmt/format.h>

#include "alerts/mail/maildir_mailer.h"
#include "alerts/mail/verp_address.h"

namespace gpalert {

namespace fs = std::filesystem;

void ReadBounceKeys(ConfigTableReader& r, const fs::path& config_dir, MailOptions* m,
                    std::vector<std::string>* warnings) {
  r.OptionalString("bounce_address", &m->bounce_address);
  if (r.ok() && m->bounce_address) {
    Status s = CheckBounceAddress(*m->bounce_address);
    if (!s.ok()) {
      r.FailAt(*r.Find("bounce_address"),
               fmt::format("bad \"bounce_address\" \"{}\": {}", *m->bounce_address, s.message()));
    }
  }
  r.OptionalString("inbox_maildir", &m->inbox_maildir);
  if (r.ok() && m->inbox_maildir) {
    fs::path dir = (config_dir / *m->inbox_maildir).lexically_normal();
    if (!IsMaildir(dir.string())) {
      r.FailAt(*r.Find("inbox_maildir"),
               fmt::format("\"inbox_maildir\" \"{}\" is not a Maildir (it needs new/ and cur/ "
                           "folders): point it at the Maildir your MTA delivers the list's mail "
                           "to, or create one with mkdir -p {}/{{new,cur,tmp}}",
                           dir.string(), dir.string()));
    }
    m->inbox_maildir = dir.string();
  }
  r.Duration("inbox_interval", &m->inbox_interval);
  if (r.ok() && r.Find("inbox_interval") && m->inbox_interval < std::chrono::seconds(1)) {
    r.FailAt(*r.Find("inbox_interval"), "\"inbox_interval\" must be at least 1s");
  }
  int batch = static_cast<int>(m->inbox_batch);
  r.Int("inbox_batch", &batch, 1, 100000);
  m->inbox_batch = static_cast<std::size_t>(batch);
  if (r.ok() && !m->inbox_maildir && (r.Find("inbox_interval") || r.Find("inbox_batch"))) {
    warnings->push_back(
        fmt::format("{}: warning: \"inbox_interval\" and \"inbox_batch\" do nothing without "
                    "\"inbox_maildir\"",
                    r.LocationOf(r.Find("inbox_interval") ? "inbox_interval" : "inbox_batch")));
  }
}

}  // namespace gpalert
