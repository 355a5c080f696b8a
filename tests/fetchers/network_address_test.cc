#include "fetchers/network_address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

namespace gpalert {
namespace {

TEST(NetworkAddressTest, ClassifiesIpv4AndIpv6Ranges) {
  const std::pair<const char*, AddressKind> cases[] = {
      {"93.184.216.34", AddressKind::kPublic},
      {"8.8.8.8", AddressKind::kPublic},
      {"127.0.0.1", AddressKind::kLoopback},
      {"127.0.0.2", AddressKind::kLoopback},
      {"10.1.2.3", AddressKind::kPrivate},
      {"172.16.0.1", AddressKind::kPrivate},
      {"172.31.255.255", AddressKind::kPrivate},
      {"172.32.0.1", AddressKind::kPublic},
      {"192.168.1.1", AddressKind::kPrivate},
      {"169.254.169.254", AddressKind::kLinkLocal},
      {"100.64.0.1", AddressKind::kShared},
      {"0.0.0.0", AddressKind::kUnspecified},
      {"224.0.0.1", AddressKind::kMulticast},
      {"255.255.255.255", AddressKind::kReserved},
      {"::1", AddressKind::kLoopback},
      {"::", AddressKind::kUnspecified},
      {"fe80::1", AddressKind::kLinkLocal},
      {"fd00::1", AddressKind::kPrivate},
      {"fc12::1", AddressKind::kPrivate},
      {"ff02::1", AddressKind::kMulticast},
      {"2606:2800:220:1::1", AddressKind::kPublic},
      {"::ffff:127.0.0.1", AddressKind::kLoopback},
      {"::ffff:10.0.0.1", AddressKind::kPrivate},
      {"::ffff:8.8.8.8", AddressKind::kPublic},
      {"64:ff9b::a00:1", AddressKind::kPrivate},
      {"[::1]", AddressKind::kLoopback},
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(ClassifyAddressText(text), want) << text;
  EXPECT_EQ(ClassifyAddressText("example.org"), std::nullopt);
  EXPECT_EQ(ClassifyAddressText("127.1"), std::nullopt);  // not a numeric form curl connects to
}

TEST(NetworkAddressTest, ClassifiesSocketAddressesAsCurlHandsThemOver) {
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.2", &v4.sin_addr);
  EXPECT_EQ(ClassifyAddress(reinterpret_cast<sockaddr*>(&v4)), AddressKind::kLoopback);
  sockaddr_in6 v6{};
  v6.sin6_family = AF_INET6;
  inet_pton(AF_INET6, "fe80::2", &v6.sin6_addr);
  EXPECT_EQ(ClassifyAddress(reinterpret_cast<sockaddr*>(&v6)), AddressKind::kLinkLocal);
  sockaddr unix_like{};
  unix_like.sa_family = AF_UNIX;
  EXPECT_EQ(ClassifyAddress(&unix_like), AddressKind::kReserved);
}

TEST(NetworkAddressTest, RecognisesInternalHostsWithoutTheNetwork) {
  EXPECT_TRUE(HostIsInternal("localhost"));
  EXPECT_TRUE(HostIsInternal("LOCALHOST."));
  EXPECT_TRUE(HostIsInternal("feeds.localhost"));
  EXPECT_TRUE(HostIsInternal("127.0.0.1"));
  EXPECT_TRUE(HostIsInternal("[::1]"));
  EXPECT_TRUE(HostIsInternal("192.168.0.10"));
  EXPECT_FALSE(HostIsInternal("93.184.216.34"));
  EXPECT_FALSE(HostIsInternal(""));
}

}  // namespace
}  // namespace gpalert
