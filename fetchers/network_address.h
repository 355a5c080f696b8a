// Classification of IP addresses into public and internal ranges (loopback, RFC 1918 /
// ULA private, link-local, CGNAT, multicast, reserved, unspecified; IPv4 and IPv6,
// including IPv4-mapped and NAT64 forms). The fetcher refuses to connect to anything
// not public unless a request allows it. Pure functions; any thread.
#pragma once

#include <sys/socket.h>

#include <optional>
#include <string_view>

namespace gpalert {

enum class AddressKind {
  kPublic,
  kUnspecified,  // 0.0.0.0/8, ::
  kLoopback,     // 127.0.0.0/8, ::1
  kPrivate,      // 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10
  kLinkLocal,    // 169.254/16, fe80::/10
  kShared,       // 100.64/10 (carrier-grade NAT)
  kMulticast,    // 224/4, ff00::/8
  kReserved,     // 240/4, 255.255.255.255, 192.0.0/24, 198.18/15
};

// Kind of an AF_INET / AF_INET6 socket address; kReserved for other families.
AddressKind ClassifyAddress(const sockaddr* address);
// Kind of a numeric address ("127.0.0.2", "::1", "[fe80::1]"); nullopt when not numeric.
std::optional<AddressKind> ClassifyAddressText(std::string_view text);
// "loopback", "private", "link-local", ... for messages.
std::string_view AddressKindName(AddressKind kind);

// True when `host` (a URL's host: a name, an IP literal, or "[v6]") names loopback or
// internal space: "localhost", "*.localhost", an internal IP literal, or a name that
// resolves (blocking getaddrinfo) to any internal address. For deciding once, at config
// load, whether a configured source may be fetched from private space.
bool HostIsInternal(std::string_view host);

}  // namespace gpalert
