// Feeds bytes received on a connection to ParseHttpRequest (and the form decoder); checks results
// and prefixes agree.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>
#include <string_view>

#include "daemon/http/http_request_parser.h"

#include "fuzz_check.h"

namespace {

bool IsAllowedStatus(int status) {
  return status == 400 || status == 413 || status == 414 || status == 431 || status == 501 ||
         status == 505;
}

gpalert::HttpParseResult Parse(std::string_view bytes, const gpalert::HttpLimits& limits,
                               gpalert::HttpRequest* out) {
  gpalert::HttpParseResult r = gpalert::ParseHttpRequest(bytes, limits, out);
  if (r.failed()) FUZZ_CHECK(IsAllowedStatus(r.error_status) && !r.error.empty());
  if (r.complete()) FUZZ_CHECK(r.consumed > 0 && r.consumed <= bytes.size());
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);  // the limits come from the end of the input
  gpalert::HttpLimits limits;
  if (in.ConsumeBool()) {
    limits.max_header_bytes = in.ConsumeIntegralInRange<size_t>(1, 512);
    limits.max_headers = in.ConsumeIntegralInRange<size_t>(0, 8);
    limits.max_body_bytes = in.ConsumeIntegralInRange<size_t>(0, 64);
  }
  std::string bytes = in.ConsumeRemainingBytesAsString();

  gpalert::HttpRequest request;
  gpalert::HttpParseResult result = Parse(bytes, limits, &request);
  if (!result.complete()) return 0;
  FUZZ_CHECK(request.body.size() <= limits.max_body_bytes);
  FUZZ_CHECK(request.headers.size() <= limits.max_headers);
  FUZZ_CHECK(!request.target.empty() && request.target[0] == '/');
  FUZZ_CHECK(request.version_minor == 0 || request.version_minor == 1);

  // The request is decided by its own bytes: parsed alone it is the same request, and
  // every shorter prefix is a valid prefix (the endpoint parses what has arrived so far).
  std::string_view own = std::string_view(bytes).substr(0, result.consumed);
  gpalert::HttpRequest again;
  gpalert::HttpParseResult alone = Parse(own, limits, &again);
  FUZZ_CHECK(alone.complete() && alone.consumed == result.consumed);
  FUZZ_CHECK(again.method == request.method && again.target == request.target &&
             again.body == request.body);
  for (size_t cut : {own.size() - 1, own.size() / 2, size_t{1}}) {
    gpalert::HttpRequest unused;
    FUZZ_CHECK(Parse(own.substr(0, cut), limits, &unused).state ==
               gpalert::HttpParseResult::State::kIncomplete);
  }

  (void)request.Header("Content-Type");
  auto fields = gpalert::ParseFormFields(request.body);
  (void)gpalert::FormField(fields, "email");
  (void)gpalert::FormField(gpalert::ParseFormFields(request.query), "token");
  return 0;
}
