#include "fetchers/network_address.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "common/strings.h"

namespace gpalert {
namespace {

AddressKind ClassifyV4(std::uint32_t a) {  // host byte order
  auto in = [a](std::uint32_t net, int bits) {
    std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
    return (a & mask) == net;
  };
  if (in(0x00000000, 8)) return AddressKind::kUnspecified;
  if (in(0x7f000000, 8)) return AddressKind::kLoopback;
  if (in(0x0a000000, 8) || in(0xac100000, 12) || in(0xc0a80000, 16)) return AddressKind::kPrivate;
  if (in(0xa9fe0000, 16)) return AddressKind::kLinkLocal;
  if (in(0x64400000, 10)) return AddressKind::kShared;
  if (in(0xe0000000, 4)) return AddressKind::kMulticast;
  if (in(0xf0000000, 4) || in(0xc0000000, 24) || in(0xc6120000, 15)) return AddressKind::kReserved;
  return AddressKind::kPublic;
}

std::uint32_t V4At(const std::uint8_t* b) {
  return std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 | b[3];
}

AddressKind ClassifyV6(const std::uint8_t* b) {
  static const std::uint8_t kZero[16] = {};
  if (std::memcmp(b, kZero, 16) == 0) return AddressKind::kUnspecified;
  if (std::memcmp(b, kZero, 15) == 0 && b[15] == 1) return AddressKind::kLoopback;
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible) carry an IPv4 address.
  static const std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(b, kMapped, 12) == 0 || std::memcmp(b, kZero, 12) == 0)
    return ClassifyV4(V4At(b + 12));
  // 64:ff9b::/96 (NAT64) reaches the embedded IPv4 address through a translator.
  static const std::uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, kNat64, 12) == 0) return ClassifyV4(V4At(b + 12));
  if (b[0] == 0xff) return AddressKind::kMulticast;
  if ((b[0] & 0xfe) == 0xfc) return AddressKind::kPrivate;                    // fc00::/7
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressKind::kLinkLocal;  // fe80::/10
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressKind::kPrivate;    // fec0::/10
  return AddressKind::kPublic;
}

}  // namespace

AddressKind ClassifyAddress(const sockaddr* address) {
  if (address == nullptr) return AddressKind::kReserved;
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return ClassifyV4(ntohl(v4->sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
    return ClassifyV6(v6->sin6_addr.s6_addr);
  }
  return AddressKind::kReserved;
}

std::optional<AddressKind> ClassifyAddressText(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  std::string s(text);
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) return ClassifyV4(ntohl(v4.s_addr));
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) return ClassifyV6(v6.s6_addr);
  return std::nullopt;
}

std::string_view AddressKindName(AddressKind kind) {
  switch (kind) {
    case AddressKind::kPublic:
      return "public";
    case AddressKind::kUnspecified:
      return "unspecified";
    case AddressKind::kLoopback:
      return "loopback";
    case AddressKind::kPrivate:
      return "private";
    case AddressKind::kLinkLocal:
      return "link-local";
    case AddressKind::kShared:
      return "shared (CGNAT)";
    case AddressKind::kMulticast:
      return "multicast";
    case AddressKind::kReserved:
      return "reserved";
  }
  return "reserved";
}

bool HostIsInternal(std::string_view host) {
  if (host.empty()) return false;
  std::string name = AsciiLower(host);
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (name == "localhost" || (name.size() > 10 && name.ends_with(".localhost"))) return true;
  if (auto kind = ClassifyAddressText(name)) return *kind != AddressKind::kPublic;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  if (getaddrinfo(name.c_str(), nullptr, &hints, &list) != 0) return false;
  bool internal = false;
  for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next)
    if (ClassifyAddress(ai->ai_addr) != AddressKind::kPublic) internal = true;
  freeaddrinfo(list);
  return internal;
}

}  // namespace gpalert
