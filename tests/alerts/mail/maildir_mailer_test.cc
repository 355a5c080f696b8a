#include "alerts/mail/maildir_mailer.h"

#include "alerts/mail/verp_address.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> FilesIn(const std::string& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path());
  return out;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

OutboxMessage Msg(const std::string& body) {
  OutboxMessage m;
  m.id = 1;
  m.subscriber = "reader@example.org";
  m.message_id = "<m@x>";
  m.bytes = "From: a@example.org\r\nTo: reader@example.org\r\nSubject: s\r\n\r\n" + body;
  return m;
}

TEST(MaildirMailerTest, CreatesTheFoldersAndWritesACompleteMessageIntoNew) {
  testing::ScopedTempDir dir;
  std::string maildir = dir.File("state/maildir");
  fs::create_directories(dir.File("state"));
  MaildirMailer mailer(maildir);
  SendOutcome out = mailer.Send(Msg("line one\r\n.leading dot\r\nlast\r\n"));
  ASSERT_EQ(out.kind, SendOutcome::Kind::kSent) << out.reply;
  EXPECT_TRUE(fs::is_directory(maildir + "/cur"));
  EXPECT_TRUE(FilesIn(maildir + "/tmp").empty()) << "nothing left behind in tmp/";
  std::vector<fs::path> files = FilesIn(maildir + "/new");
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(ReadFile(files[0]),
            "From: a@example.org\nTo: reader@example.org\nSubject: s\n\n"
            "line one\n.leading dot\nlast\n");
  EXPECT_NE(out.reply.find(files[0].string()), std::string::npos);
  struct stat st {};
  ASSERT_EQ(stat(files[0].c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "digests are private to the state_dir owner";
}

TEST(MaildirMailerTest, AFolderIsAMaildirWithNewAndCur) {
  testing::ScopedTempDir dir;
  std::string maildir = dir.File("inbox");
  EXPECT_FALSE(IsMaildir(maildir));
  fs::create_directories(maildir + "/new");
  EXPECT_FALSE(IsMaildir(maildir)) << "cur/ is missing";
  fs::create_directories(maildir + "/cur");
  EXPECT_TRUE(IsMaildir(maildir));
  EXPECT_FALSE(IsMaildir(maildir + "/new/nowhere"));
  // What the mailer makes is one.
  MaildirMailer mailer(dir.File("made"));
  ASSERT_EQ(mailer.Send(Msg("x\r\n")).kind, SendOutcome::Kind::kSent);
  EXPECT_TRUE(IsMaildir(dir.File("made")));
}

TEST(MaildirMailerTest, WritesTheVerpReturnPathWhenABounceAddressIsSet) {
  testing::ScopedTempDir dir;
  MaildirMailer mailer(dir.File("maildir"), "bounces@example.org", "key");
  ASSERT_EQ(mailer.Send(Msg("hello\r\n")).kind, SendOutcome::Kind::kSent);
  std::vector<fs::path> files = FilesIn(dir.File("maildir") + "/new");
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(ReadFile(files[0]),
            "Return-Path: <" + VerpAddress("bounces@example.org", "key", "reader@example.org", 1) +
                ">\nFrom: a@example.org\nTo: reader@example.org\nSubject: s\n\nhello\n");
}

TEST(MaildirMailerTest, GivesEveryMessageItsOwnName) {
  testing::ScopedTempDir dir;
  MaildirMailer a(dir.File("md"));
  MaildirMailer b(dir.File("md"));  // a second writer in the same process
  for (int i = 0; i < 20; ++i) {
    std::string body = "message " + std::to_string(i) + "\r\n";
    ASSERT_EQ((i % 2 ? a : b).Send(Msg(body)).kind, SendOutcome::Kind::kSent);
  }
  std::vector<fs::path> files = FilesIn(dir.File("md/new"));
  ASSERT_EQ(files.size(), 20u);
  std::set<std::string> names;
  std::set<std::string> bodies;
  for (const fs::path& f : files) {
    names.insert(f.filename().string());
    std::string text = ReadFile(f);
    bodies.insert(text.substr(text.find("\n\n") + 2));
    EXPECT_EQ(f.filename().string().find_first_of(":/"), std::string::npos);
  }
  EXPECT_EQ(names.size(), 20u);
  EXPECT_EQ(bodies.size(), 20u) << "each file holds its own complete message";
  EXPECT_EQ(bodies.count("message 7\n"), 1u);
}

TEST(MaildirMailerTest, AsksToRetryWhenTheFolderCannotBeCreated) {
  testing::ScopedTempDir dir;
  std::ofstream(dir.File("blocker")) << "a file where the maildir should be";
  MaildirMailer mailer(dir.File("blocker/maildir"));
  SendOutcome out = mailer.Send(Msg("x\r\n"));
  EXPECT_EQ(out.kind, SendOutcome::Kind::kRetryLater);
  EXPECT_NE(out.reply.find(dir.File("blocker/maildir")), std::string::npos) << out.reply;
  EXPECT_TRUE(out.unreachable());
}

}  // namespace
}  // namespace gpalert
