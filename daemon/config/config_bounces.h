// The config's bounce keys in [mail]: bounce_address (the VERP envelope sender,
// alerts/mail/verp_address.h), inbox_maildir (the Maildir the daemon reads for bounces
// and requests; relative to the config's folder; must hold new/ and cur/), inbox_interval
// and inbox_batch. Read by the config loader with located errors. Loading thread only.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "alerts/mail/mail_options.h"
#include "daemon/config/config_table_reader.h"

namespace gpalert {

void ReadBounceKeys(ConfigTableReader& r, const std::filesystem::path& config_dir, MailOptions* m,
                    std::vector<std::string>* warnings);

}  // namespace gpalert
