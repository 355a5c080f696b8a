// ParseHttpRequest: well-formed requests, requests arriving in pieces, and hostile ones
// (oversized heads, bare LF, huge or conflicting Content-Length, smuggling shapes).
#include "daemon/http/http_request_parser.h"

#include <gtest/gtest.h>

#include <string>

namespace gpalert {
namespace {

using State = HttpParseResult::State;

HttpParseResult Parse(const std::string& bytes, HttpRequest* req = nullptr,
                      HttpLimits limits = {}) {
  HttpRequest ignored;
  return ParseHttpRequest(bytes, limits, req ? req : &ignored);
}

TEST(HttpRequestParserTest, ParsesAGetWithQueryAndHeaders) {
  HttpRequest req;
  std::string bytes =
      "GET /unsubscribe?email=a%40b.org&token=ab HTTP/1.1\r\nHost: x\r\nUser-Agent:  t  \r\n\r\n";
  HttpParseResult r = Parse(bytes, &req);
  ASSERT_TRUE(r.complete()) << r.error;
  EXPECT_EQ(r.consumed, bytes.size());
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.path, "/unsubscribe");
  EXPECT_EQ(req.query, "email=a%40b.org&token=ab");
  EXPECT_EQ(req.Header("user-agent").value_or(""), "t");
  EXPECT_EQ(req.Header("HOST").value_or(""), "x");
  EXPECT_FALSE(req.Header("Cookie"));
  EXPECT_EQ(req.version_minor, 1);
}

TEST(HttpRequestParserTest, ParsesAPostBodyByContentLength) {
  HttpRequest req;
  std::string bytes =
      "POST /unsubscribe HTTP/1.0\r\nContent-Length: 26\r\n\r\nList-Unsubscribe=One-Click";
  HttpParseResult r = Parse(bytes + "EXTRA", &req);
  ASSERT_TRUE(r.complete()) << r.error;
  EXPECT_EQ(req.body, "List-Unsubscribe=One-Click");
  EXPECT_EQ(r.consumed, bytes.size());
  EXPECT_EQ(req.version_minor, 0);
}

TEST(HttpRequestParserTest, WaitsForEveryPrefixOfAValidRequest) {
  std::string bytes = "POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
  for (size_t n = 0; n < bytes.size(); ++n)
    EXPECT_EQ(Parse(bytes.substr(0, n)).state, State::kIncomplete) << "prefix of " << n << " bytes";
  EXPECT_TRUE(Parse(bytes).complete());
}

TEST(HttpRequestParserTest, RefusesAnOversizedHeadBeforeItEnds) {
  HttpLimits limits;
  limits.max_header_bytes = 256;
  std::string bytes = "GET / HTTP/1.1\r\nX-Junk: " + std::string(300, 'a');
  HttpParseResult r = Parse(bytes, nullptr, limits);
  ASSERT_TRUE(r.failed());
  EXPECT_EQ(r.error_status, 431);
}

TEST(HttpRequestParserTest, RefusesAnOverlongRequestLineWith414) {
  HttpLimits limits;
  limits.max_header_bytes = 256;
  HttpParseResult r = Parse("GET /" + std::string(400, 'a'), nullptr, limits);
  ASSERT_TRUE(r.failed());
  EXPECT_EQ(r.error_status, 414);
}

TEST(HttpRequestParserTest, RefusesAHeadThatEndsJustPastTheLimit) {
  HttpLimits limits;
  std::string head = "GET / HTTP/1.1\r\nX: ";
  head += std::string(limits.max_header_bytes - head.size() - 4 + 1, 'a');
  head += "\r\n\r\n";
  ASSERT_EQ(head.size(), limits.max_header_bytes + 1);
  EXPECT_EQ(Parse(head).error_status, 431);
  head.erase(head.size() - 5, 1);  // exactly at the limit: fine
  EXPECT_TRUE(Parse(head).complete());
}

TEST(HttpRequestParserTest, RefusesTooManyHeaderFields) {
  HttpLimits limits;
  limits.max_headers = 5;
  std::string bytes = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 6; ++i) bytes += "X-" + std::to_string(i) + ": v\r\n";
  HttpParseResult r = Parse(bytes + "\r\n", nullptr, limits);
  ASSERT_TRUE(r.failed());
  EXPECT_EQ(r.error_status, 431);
}

TEST(HttpRequestParserTest, RefusesHugeContentLengthWithoutWaitingForTheBody) {
  for (std::string length : {"9000", "18446744073709551616", "99999999999999999999999999"}) {
    HttpParseResult r = Parse("POST / HTTP/1.1\r\nContent-Length: " + length + "\r\n\r\n");
    ASSERT_TRUE(r.failed()) << length;
    EXPECT_EQ(r.error_status, 413) << length;
  }
}

struct Hostile {
  const char* name;
  std::string bytes;
  int status;
};

class HostileRequestTest : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostileRequestTest, IsRefusedWithTheRightStatus) {
  HttpParseResult r = Parse(GetParam().bytes);
  ASSERT_TRUE(r.failed()) << GetParam().name;
  EXPECT_EQ(r.error_status, GetParam().status) << GetParam().name << ": " << r.error;
  EXPECT_FALSE(r.error.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HostileRequestTest,
    ::testing::Values(
        Hostile{"BareLfAfterRequestLine", "GET / HTTP/1.1\nHost: x\n\n", 400},
        Hostile{"BareLfBeforeTheHeadEnds", "GET / HTTP/1.1\n", 400},
        Hostile{"BareCr", "GET / HTTP/1.1\rHost: x\r\n\r\n", 400},
        Hostile{"NulInHeader", std::string("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 26), 400},
        Hostile{"NoVersion", "GET /\r\n\r\n", 400},
        Hostile{"ExtraSpace", "GET  / HTTP/1.1\r\n\r\n", 400},
        Hostile{"AbsoluteTarget", "GET http://evil/ HTTP/1.1\r\n\r\n", 400},
        Hostile{"AsteriskTarget", "OPTIONS * HTTP/1.1\r\n\r\n", 400},
        Hostile{"NonAsciiTarget", "GET /\xc3\xa9 HTTP/1.1\r\n\r\n", 400},
        Hostile{"BadMethod", "G(T / HTTP/1.1\r\n\r\n", 400},
        Hostile{"Http2", "GET / HTTP/2.0\r\n\r\n", 505},
        Hostile{"Http09Shape", "GET / HTTP/1\r\n\r\n", 400},
        Hostile{"SpaceBeforeColon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400},
        Hostile{"NoColon", "GET / HTTP/1.1\r\nHost\r\n\r\n", 400},
        Hostile{"ObsFold", "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", 400},
        Hostile{"ChunkedBody", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501},
        Hostile{"SmugglingBothLengths",
                "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 501},
        Hostile{"ConflictingLengths",
                "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400},
        Hostile{"ConflictingLengthList", "POST / HTTP/1.1\r\nContent-Length: 3, 4\r\n\r\n", 400},
        Hostile{"NegativeLength", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400},
        Hostile{"SignedLength", "POST / HTTP/1.1\r\nContent-Length: +3\r\n\r\n", 400},
        Hostile{"EmptyLength", "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", 400}),
    [](const ::testing::TestParamInfo<Hostile>& info) { return std::string(info.param.name); });

TEST(HttpRequestParserTest, AcceptsRepeatedEqualContentLengths) {
  HttpRequest req;
  HttpParseResult r =
      Parse("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2, 2\r\n\r\nok", &req);
  ASSERT_TRUE(r.complete()) << r.error;
  EXPECT_EQ(req.body, "ok");
}

TEST(HttpRequestParserTest, DecodesFormFields) {
  auto fields = ParseFormFields("email=a%2Bb%40c.org&token=x+y&flag&&=v");
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(FormField(fields, "email").value_or(""), "a+b@c.org");
  EXPECT_EQ(FormField(fields, "token").value_or(""), "x y");
  EXPECT_EQ(FormField(fields, "flag").value_or("missing"), "");
  EXPECT_FALSE(FormField(fields, "other"));
}

}  // namespace
}  // namespace gpalert
