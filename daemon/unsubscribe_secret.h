// UnsubscribeSecret: the HMAC key of the digests' unsubscribe tokens, kept in
// <state_dir>/unsubscribe.key (32 random bytes, mode 0600). Made on first use from
// getrandom(2), written to a temporary file and renamed into place without replacing
// a key another process made meanwhile; after that the file is only read, so tokens
// in digests already sent stay valid across restarts. Command thread, at startup.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "common/status.h"
#include "store/store.h"

namespace gpalert {

inline constexpr const char* kUnsubscribeKeyFile = "unsubscribe.key";
inline constexpr std::size_t kUnsubscribeKeyBytes = 32;
// A key file longer than this is not a key (someone pointed the wrong file here).
inline constexpr std::size_t kMaxUnsubscribeKeyBytes = 1024;

// The key in `<state_dir>/unsubscribe.key`, creating the file when it does not exist
// (`state_dir` must exist). A file that exists but cannot be read, or holds fewer than
// 32 or more than 1024 bytes, is an error naming the file and what to do.
Result<std::string> LoadOrCreateUnsubscribeSecret(const std::string& state_dir);

// The key in `<state_dir>/unsubscribe.key` without making one: nullopt when the file
// does not exist; errors as LoadOrCreateUnsubscribeSecret's.
Result<std::optional<std::string>> ReadUnsubscribeSecret(const std::string& state_dir);

// The key this process signs and checks links with: the state dir's key, or on a
// Shared() store the one every daemon agreed on (the first daemon's, kept in the store).
Result<std::string> LoadSigningKey(const std::string& state_dir, Store* store);
// The same for a command that writes no state (`gpalert preview`): nullopt when the state
// dir has no key yet. On a Shared() store an existing key is agreed on as LoadSigningKey
// does (the store has no read-only way to ask for it).
Result<std::optional<std::string>> ReadSigningKey(const std::string& state_dir, Store* store);

// `bytes` random bytes (getrandom(2), else /dev/urandom) as lower-case hex: form cookies,
// message ids, script nonces. Any thread.
Result<std::string> RandomHex(std::size_t bytes);

}  // namespace gpalert
