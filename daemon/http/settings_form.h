// The subscriber settings form that the sign-up and manage pages share: its HTML
// fields (series and topics as checkboxes, how often, time, weekday, time zone,
// keywords), filled with current values, and reading a posted form back into
// SubscriberSettings. Pure functions; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/time_format.h"
#include "daemon/config/config.h"
#include "store/subscriber_record.h"

namespace gpalert {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// The fields, `current` checked and filled in; every control disabled when `read_only`.
std::string SettingsFormHtml(const Config& config, const SubscriberSettings& current,
                             bool read_only);

// Reads digest, at, weekday, timezone, source, tag and keywords (comma-separated) from
// `fields` into *out (name kept). Returns "" or what is wrong, for the reader.
std::string ReadSettingsForm(const FormFields& fields, SubscriberSettings* out);

// The trimmed first value of `name` ("" when absent).
std::string FormValue(const FormFields& fields, std::string_view name);

// Decimal seconds since the epoch (a link's expiry); nullopt for anything else.
std::optional<Instant> ParseUnixSeconds(std::string_view s);

}  // namespace gpalert
