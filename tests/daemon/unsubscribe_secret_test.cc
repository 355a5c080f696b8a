// LoadOrCreateUnsubscribeSecret: made once (32 random bytes, mode 0600, no temp file
// left), read back unchanged, and refused with the file's name when short or unreadable.
#include "daemon/unsubscribe_secret.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "alerts/unsubscribe_token.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

namespace fs = std::filesystem;

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(UnsubscribeSecretTest, CreatesA32ByteKeyReadableOnlyByTheOwner) {
  testing::ScopedTempDir dir;
  auto key = LoadOrCreateUnsubscribeSecret(dir.path());
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key->size(), 32u);
  struct stat st;
  ASSERT_EQ(stat(dir.File("unsubscribe.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 32);
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1) << "a temporary file was left behind";
}

TEST(UnsubscribeSecretTest, ReturnsTheSameKeyOnEveryLaterStart) {
  testing::ScopedTempDir dir;
  auto first = LoadOrCreateUnsubscribeSecret(dir.path());
  auto second = LoadOrCreateUnsubscribeSecret(dir.path());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first.value(), second.value());
  EXPECT_EQ(UnsubscribeToken(first.value(), "a@b.org"),
            UnsubscribeToken(second.value(), "a@b.org"));
}

TEST(UnsubscribeSecretTest, ReadingMakesNoKeyAndReadsTheOneMade) {
  testing::ScopedTempDir dir;
  auto none = ReadUnsubscribeSecret(dir.path());
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_FALSE(*none);
  auto nothing_signed = ReadSigningKey(dir.path(), nullptr);
  ASSERT_TRUE(nothing_signed.ok());
  EXPECT_FALSE(*nothing_signed);
  EXPECT_FALSE(fs::exists(dir.File("unsubscribe.key")));
  auto made = LoadOrCreateUnsubscribeSecret(dir.path());
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(ReadUnsubscribeSecret(dir.path()).value(), std::optional<std::string>(*made));
  EXPECT_EQ(ReadSigningKey(dir.path(), nullptr).value(), std::optional<std::string>(*made));
  WriteFile(dir.File("unsubscribe.key"), "short");
  auto bad = ReadUnsubscribeSecret(dir.path());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unsubscribe.key: holds 5 bytes"), std::string::npos)
      << bad.status().message();
}

TEST(UnsubscribeSecretTest, TwoStateDirectoriesGetDifferentKeys) {
  testing::ScopedTempDir a, b;
  auto ka = LoadOrCreateUnsubscribeSecret(a.path());
  auto kb = LoadOrCreateUnsubscribeSecret(b.path());
  ASSERT_TRUE(ka.ok() && kb.ok());
  EXPECT_NE(ka.value(), kb.value());
  EXPECT_NE(UnsubscribeToken(ka.value(), "a@b.org"), UnsubscribeToken("", "a@b.org"));
}

TEST(UnsubscribeSecretTest, UsesAnAdminProvidedLongerKeyAsItIs) {
  testing::ScopedTempDir dir;
  std::string key(64, 'k');
  WriteFile(dir.File("unsubscribe.key"), key);
  auto loaded = LoadOrCreateUnsubscribeSecret(dir.path());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded.value(), key);
}

TEST(UnsubscribeSecretTest, RefusesAShortKeyFileNamingIt) {
  testing::ScopedTempDir dir;
  for (std::string bytes : {std::string(), std::string(31, 'x')}) {
    WriteFile(dir.File("unsubscribe.key"), bytes);
    auto loaded = LoadOrCreateUnsubscribeSecret(dir.path());
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.status().message().find(dir.File("unsubscribe.key")), std::string::npos);
    EXPECT_NE(loaded.status().message().find(std::to_string(bytes.size()) + " bytes"),
              std::string::npos)
        << loaded.status().message();
  }
}

TEST(UnsubscribeSecretTest, RefusesAFileTooLongToBeAKey) {
  testing::ScopedTempDir dir;
  WriteFile(dir.File("unsubscribe.key"), std::string(5000, 'x'));
  EXPECT_FALSE(LoadOrCreateUnsubscribeSecret(dir.path()).ok());
}

TEST(UnsubscribeSecretTest, RefusesAnUnreadableKeyFile) {
  testing::ScopedTempDir dir;
  // A directory where the file should be: cannot be read whoever runs the test (root too).
  fs::create_directory(dir.File("unsubscribe.key"));
  auto loaded = LoadOrCreateUnsubscribeSecret(dir.path());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("unsubscribe.key"), std::string::npos);
  EXPECT_TRUE(fs::is_directory(dir.File("unsubscribe.key"))) << "the bad file was replaced";
}

TEST(UnsubscribeSecretTest, RefusesAKeyThatIsASymlink) {
  testing::ScopedTempDir dir;
  WriteFile(dir.File("elsewhere"), std::string(32, 'x'));
  fs::create_symlink(dir.File("elsewhere"), dir.File("unsubscribe.key"));
  EXPECT_FALSE(LoadOrCreateUnsubscribeSecret(dir.path()).ok());
}

TEST(UnsubscribeSecretTest, FailsClearlyWhenTheStateDirectoryIsMissing) {
  testing::ScopedTempDir dir;
  auto loaded = LoadOrCreateUnsubscribeSecret(dir.File("missing"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("missing"), std::string::npos);
}

}  // namespace
}  // namespace gpalert
