#include "daemon/config/config_store.h"

#include <fmt/format.h>
#include <unistd.h>

#include "daemon/config/subscriber_fields.h"

namespace gpalert {

Status ReadStoreTable(ConfigTableReader& r, const std::filesystem::path& config_dir,
                      StoreOptions* s) {
  r.CheckKeys({"url", "password_file", "lease"});
  r.Duration("lease", &s->lease);
  if (r.ok() && r.Find("lease") && s->lease < std::chrono::seconds(5)) {
    r.FailAt(*r.Find("lease"),
             "[store] lease must be at least 5s (a lease is renewed every "
             "third of it while its poll runs)");
  }
  r.OptionalString("url", &s->url);
  if (r.ok() && s->url) {
    const std::string& url = *s->url;
    bool postgres = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
    std::string authority = postgres ? url.substr(url.find("//") + 2) : "";
    authority = authority.substr(0, authority.find_first_of("/?"));
    std::size_t at = authority.rfind('@');
    if (!postgres || HasControlChar(url)) {
      r.FailAt(*r.Find("url"),
               fmt::format("[store] url \"{}\" must be a PostgreSQL URI (postgresql://USER@HOST/"
                           "DATABASE, or postgresql:///DATABASE?host=/run/postgresql for a unix "
                           "socket); remove it to keep the state in <state_dir>/gpalert.db",
                           url));
    } else if (at != std::string::npos && authority.substr(0, at).find(':') != std::string::npos) {
      // Not echoed back: the point is that this URL must not appear anywhere.
      r.FailAt(*r.Find("url"),
               "[store] url holds a password (USER:PASSWORD@), which would show in logs and "
               "`gpalert check`: remove it and name a file holding it with \"password_file\" "
               "(mode 0600), or use PGPASSFILE");
    } else if (url.find("password=") != std::string::npos) {
      r.FailAt(*r.Find("url"),
               "[store] url holds a password (password=...): remove it and name a file "
               "holding it with \"password_file\" (mode 0600), or use PGPASSFILE");
    }
  }
  r.OptionalString("password_file", &s->password_file);
  if (r.ok() && s->password_file) {
    std::filesystem::path p = (config_dir / *s->password_file).lexically_normal();
    if (::access(p.c_str(), R_OK) != 0) {
      r.FailAt(*r.Find("password_file"),
               fmt::format("cannot read [store] password_file \"{}\" (create it with the "
                           "PostgreSQL password on its first line)",
                           p.string()));
    }
    s->password_file = p.string();
  }
  return r.status();
}

}  // namespace gpalert
