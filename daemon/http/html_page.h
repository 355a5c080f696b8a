// HtmlPage: the small HTML pages the HTTP endpoint serves (unsubscribe, sign-up,
// confirmation, manage), styled like the digest (a white card on grey under a dark blue
// band), with a Content-Security-Policy that allows only the page's own style sheet and
// script (by hash), posting forms back to this origin, no framing. Pure; any thread.
#pragma once

#include <string_view>

#include "daemon/http/http_response.h"

namespace gpalert {

// `title` is escaped; `body_html` goes in as it is (the caller escapes what it holds).
// `script` (plain JavaScript, may be empty) runs in the page.
HttpResponse HtmlPage(int status, std::string_view title, std::string_view body_html,
                      std::string_view script = {});

// A page of a heading (`title`) and `html`.
HttpResponse MessagePage(int status, std::string_view title, std::string_view html);

}  // namespace gpalert
