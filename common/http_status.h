// HttpReasonPhrase: the standard reason phrase of an HTTP status code, for the fetcher's
// reports and the endpoint's status lines. Pure; any thread.
#pragma once

#include <string_view>

namespace gpalert {

// "OK", "Not Found", ... (RFC 9110 and the common extensions), or "" when unknown.
std::string_view HttpReasonPhrase(long status);

}  // namespace gpalert
