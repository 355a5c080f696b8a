#include "fetchers/curl_multi.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <string>
#include <vector>

#include "tests/fetchers/fault_server.h"

namespace gpalert {
namespace {

CurlEasy EasyFor(const std::string& url) {
  Result<CurlEasy> easy = CurlEasy::Create();
  EXPECT_TRUE(easy.ok());
  curl_easy_setopt(easy->get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy->get(), CURLOPT_NOSIGNAL, 1L);
  return std::move(easy).value();
}

TEST(CurlMultiTest, RunsEachDoneOnceAfterTheTransferEnds) {
  RefusingPort refusing;
  boost::asio::io_context io;
  CurlMulti multi(io);
  std::vector<CURLcode> codes;
  for (int i = 0; i < 20; ++i) {
    multi.Add(EasyFor("http://127.0.0.1:" + std::to_string(refusing.port()) + "/"),
              [&codes](CURLcode code, CurlEasy& easy) {
                long status = -1;
                EXPECT_EQ(curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &status), CURLE_OK);
                codes.push_back(code);
              });
  }
  EXPECT_EQ(multi.in_flight(), 20u);
  EXPECT_TRUE(codes.empty());  // never from inside Add
  io.run_for(std::chrono::seconds(60));
  ASSERT_EQ(codes.size(), 20u);
  for (CURLcode code : codes) EXPECT_EQ(code, CURLE_COULDNT_CONNECT);
  EXPECT_EQ(multi.in_flight(), 0u);
}

TEST(CurlMultiTest, ShutdownAbortsTransfersAndLaterAdds) {
  boost::asio::io_context io;
  CurlMulti multi(io);
  std::vector<CURLcode> codes;
  // A listening socket nobody answers: the transfer waits until shut down.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  listen(fd, 4);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  multi.Add(EasyFor("http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/"),
            [&codes](CURLcode code, CurlEasy&) { codes.push_back(code); });
  io.run_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(codes.empty());
  multi.Shutdown();
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0], CURLE_ABORTED_BY_CALLBACK);
  multi.Add(EasyFor("http://127.0.0.1:1/"),
            [&codes](CURLcode code, CurlEasy&) { codes.push_back(code); });
  io.restart();
  io.run_for(std::chrono::seconds(60));
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes[1], CURLE_ABORTED_BY_CALLBACK);
  close(fd);
}

}  // namespace
}  // namespace gpalert
