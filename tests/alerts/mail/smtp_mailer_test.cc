#include "alerts/mail/smtp_mailer.h"

#include "alerts/mail/verp_address.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/scoped_temp_dir.h"
#include "tests/support/smtp_test_server.h"

namespace gpalert {
namespace {

using std::chrono::seconds;

struct LineEndCase {
  std::string in;
  std::string out;
};

TEST(SmtpLineEndsTest, NormalisesEveryLineEndToCrlf) {
  const std::vector<LineEndCase> cases = {
      {"a\r\nb\r\n", "a\r\nb\r\n"},
      {"a\nb\n", "a\r\nb\r\n"},
      {"a\rb\r", "a\r\nb\r\n"},
      {"a\n.\nb", "a\r\n.\r\nb\r\n"},  // a bare "\n.\n" never reaches the server
      {"a\r\n.\nb\r\n", "a\r\n.\r\nb\r\n"},
      {"no end", "no end\r\n"},
      {"", "\r\n"},
      {"\n\n", "\r\n\r\n"},
      {"a\r\r\nb", "a\r\n\r\nb\r\n"},
  };
  for (const LineEndCase& c : cases) {
    EXPECT_EQ(NormalizeSmtpLineEnds(c.in), c.out) << "input: " << c.in;
  }
}

TEST(SmtpEnvelopeTest, TakesTheAddressOutOfAFromValue) {
  EXPECT_EQ(EnvelopeAddress("GP Alerts <alerts@example.org>"), "alerts@example.org");
  EXPECT_EQ(EnvelopeAddress("  alerts@example.org "), "alerts@example.org");
  EXPECT_EQ(EnvelopeAddress("\"A <b>\" <c@example.org>"), "c@example.org");
  EXPECT_TRUE(IsSafeEnvelopeAddress("a@example.org"));
  EXPECT_FALSE(IsSafeEnvelopeAddress(""));
  EXPECT_FALSE(IsSafeEnvelopeAddress("a@example.org\r\nRCPT TO:<evil@x>"));
  EXPECT_FALSE(IsSafeEnvelopeAddress("a b@example.org"));
  EXPECT_FALSE(IsSafeEnvelopeAddress("a>@example.org"));
}

OutboxMessage Msg(const std::string& to, const std::string& bytes) {
  OutboxMessage m;
  m.id = 7;
  m.subscriber = to;
  m.message_id = "<digest-7@gpalert.test>";
  m.bytes = bytes;
  return m;
}

const char kMessage[] =
    "From: GP Alerts <alerts@example.org>\r\n"
    "To: reader@example.org\r\n"
    "Subject: GP Alert: 2 new\r\n"
    "Message-ID: <digest-7@gpalert.test>\r\n"
    "\r\n"
    "First line\r\n"
    ".A line starting with a dot\r\n"
    ".\r\n"
    "..two dots\r\n"
    "bare LF below\n"
    ".\n"
    "end\r\n";

SmtpMailerOptions Options(const testing::SmtpTestServer& server) {
  SmtpMailerOptions o;
  o.url = server.url();
  o.envelope_from = "alerts@example.org";
  o.starttls = StartTls::kOff;
  o.connect_timeout = seconds(5);
  o.timeout = seconds(20);
  return o;
}

TEST(SmtpMailerTest, DeliversTheMessageBytesIntactToOneRecipient) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path());
  ASSERT_TRUE(server.running());
  SmtpMailer mailer(Options(server));
  SendOutcome out = mailer.Send(Msg("reader@example.org", kMessage));
  ASSERT_EQ(out.kind, SendOutcome::Kind::kSent) << out.reply;
  EXPECT_EQ(out.reply_code, 250);
  EXPECT_NE(out.reply.find("queued as 0001"), std::string::npos) << out.reply;
  std::vector<std::string> got = server.Messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], NormalizeSmtpLineEnds(kMessage));
  std::vector<std::string> env = server.Envelopes();
  ASSERT_EQ(env.size(), 1u);
  EXPECT_NE(env[0].find("\"mail_from\": \"alerts@example.org\""), std::string::npos) << env[0];
  EXPECT_NE(env[0].find("\"rcpt_tos\": [\"reader@example.org\"]"), std::string::npos) << env[0];
}

TEST(SmtpMailerTest, SendsFromEachMessagesVerpAddressWhenABounceAddressIsSet) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path());
  ASSERT_TRUE(server.running());
  SmtpMailerOptions o = Options(server);
  o.bounce_address = "bounces@example.org";
  o.verp_secret = "key";
  SmtpMailer mailer(o);
  OutboxMessage msg = Msg("reader@example.org", kMessage);
  msg.id = 31;
  ASSERT_EQ(mailer.Send(msg).kind, SendOutcome::Kind::kSent);
  std::vector<std::string> env = server.Envelopes();
  ASSERT_EQ(env.size(), 1u);
  std::string verp = VerpAddress("bounces@example.org", "key", "reader@example.org", 31);
  EXPECT_EQ(verp.rfind("bounces+31-reader=example.org-", 0), 0u) << verp;
  EXPECT_NE(env[0].find("\"mail_from\": \"" + verp + "\""), std::string::npos) << env[0];
  EXPECT_EQ(ReadVerpAddress(verp, "bounces@example.org", "key").kind, VerpMatch::Kind::kValid);
}

TEST(SmtpMailerTest, StreamsALargeMessageIntact) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path());
  ASSERT_TRUE(server.running());
  std::string big = "Subject: big\r\n\r\n";
  for (int i = 0; big.size() < 3 * 1000 * 1000; ++i) {
    big += (i % 7 == 0 ? "." : "") + std::string("line ") + std::to_string(i) +
           std::string(60, 'x') + (i % 5 == 0 ? "\n" : "\r\n");
  }
  SendOutcome out = SmtpMailer(Options(server)).Send(Msg("reader@example.org", big));
  ASSERT_EQ(out.kind, SendOutcome::Kind::kSent) << out.reply;
  std::vector<std::string> got = server.Messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].size(), NormalizeSmtpLineEnds(big).size());
  EXPECT_TRUE(got[0] == NormalizeSmtpLineEnds(big));
}

TEST(SmtpMailerTest, ReportsA451AsRetryLaterWithTheServersReply) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path(), {"--fail-first", "1", "--fail-code", "451"});
  ASSERT_TRUE(server.running());
  SmtpMailer mailer(Options(server));
  SendOutcome first = mailer.Send(Msg("reader@example.org", kMessage));
  EXPECT_EQ(first.kind, SendOutcome::Kind::kRetryLater);
  EXPECT_EQ(first.reply_code, 451);
  EXPECT_NE(first.reply.find("451 4.3.0 Temporary failure"), std::string::npos) << first.reply;
  EXPECT_FALSE(first.unreachable());
  SendOutcome second = mailer.Send(Msg("reader@example.org", kMessage));
  EXPECT_EQ(second.kind, SendOutcome::Kind::kSent) << second.reply;
  EXPECT_EQ(server.Messages().size(), 1u);
}

TEST(SmtpMailerTest, ReportsA550AsPermanentWithTheServersReply) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path(), {"--fail-always", "--fail-code", "550"});
  ASSERT_TRUE(server.running());
  SmtpMailer mailer(Options(server));
  SendOutcome out = mailer.Send(Msg("reader@example.org", kMessage));
  EXPECT_EQ(out.kind, SendOutcome::Kind::kPermanent);
  EXPECT_EQ(out.reply_code, 550);
  EXPECT_NE(out.reply.find("550 5.7.1 Message rejected"), std::string::npos) << out.reply;
  EXPECT_TRUE(server.Messages().empty());
}

TEST(SmtpMailerTest, ReportsARejectedRecipientAsPermanent) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path(), {"--reject-rcpt", "gone@example.org"});
  ASSERT_TRUE(server.running());
  SmtpMailer mailer(Options(server));
  SendOutcome out = mailer.Send(Msg("gone@example.org", kMessage));
  EXPECT_EQ(out.kind, SendOutcome::Kind::kPermanent);
  EXPECT_NE(out.reply.find("Recipient address rejected"), std::string::npos)
      << out.reply << " code " << out.reply_code;
  EXPECT_EQ(mailer.Send(Msg("reader@example.org", kMessage)).kind, SendOutcome::Kind::kSent);
}

TEST(SmtpMailerTest, ReportsAServerThatIsDownAsUnreachable) {
  int port = testing::UnusedLoopbackPort();
  ASSERT_GT(port, 0);
  SmtpMailerOptions o;
  o.url = "smtp://127.0.0.1:" + std::to_string(port);
  o.starttls = StartTls::kOff;
  o.connect_timeout = seconds(5);
  SmtpMailer mailer(o);
  SendOutcome out = mailer.Send(Msg("reader@example.org", kMessage));
  EXPECT_EQ(out.kind, SendOutcome::Kind::kRetryLater);
  EXPECT_TRUE(out.unreachable());
  EXPECT_NE(out.reply.find(o.url), std::string::npos) << out.reply;
}

TEST(SmtpMailerTest, GivesUpOnASilentServerAfterTheTimeout) {
  // A listening socket that never accepts: TCP connects, no greeting ever comes.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  SmtpMailerOptions o;
  o.url = "smtp://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  o.connect_timeout = seconds(1);
  o.timeout = seconds(1);
  SendOutcome out = SmtpMailer(o).Send(Msg("reader@example.org", kMessage));
  close(fd);
  EXPECT_EQ(out.kind, SendOutcome::Kind::kRetryLater);
  EXPECT_TRUE(out.unreachable());
  EXPECT_NE(out.reply.find("timed out"), std::string::npos) << out.reply;
}

TEST(SmtpMailerTest, AuthenticatesWithTheConfiguredPassword) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path(), {"--auth", "gp:s3cret"});
  ASSERT_TRUE(server.running());
  SmtpMailerOptions o = Options(server);
  o.username = "gp";
  o.password = "wrong";
  SendOutcome denied = SmtpMailer(o).Send(Msg("reader@example.org", kMessage));
  EXPECT_EQ(denied.kind, SendOutcome::Kind::kRetryLater) << "a bad password must not park mail";
  EXPECT_NE(denied.reply.find("password_file"), std::string::npos)
      << denied.reply << " code " << denied.reply_code;
  o.password = "s3cret";
  SendOutcome ok = SmtpMailer(o).Send(Msg("reader@example.org", kMessage));
  EXPECT_EQ(ok.kind, SendOutcome::Kind::kSent) << ok.reply;
  EXPECT_EQ(server.Messages().size(), 1u);
}

TEST(SmtpMailerTest, FailsWhenStartTlsIsRequiredButNotOffered) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path());
  ASSERT_TRUE(server.running());
  SmtpMailerOptions o = Options(server);
  o.starttls = StartTls::kRequired;
  SendOutcome out = SmtpMailer(o).Send(Msg("reader@example.org", kMessage));
  EXPECT_EQ(out.kind, SendOutcome::Kind::kRetryLater) << out.reply;
  EXPECT_NE(out.reply.find("starttls"), std::string::npos) << out.reply;
  EXPECT_TRUE(server.Messages().empty());
  // Opportunistic falls back to plain text on a server without STARTTLS.
  o.starttls = StartTls::kOpportunistic;
  EXPECT_EQ(SmtpMailer(o).Send(Msg("reader@example.org", kMessage)).kind, SendOutcome::Kind::kSent);
}

std::string TlsFile(const std::string& name) {
  return std::string(GPALERT_TEST_DATA) + "/alerts/tls/" + name;
}

std::vector<std::string> TlsArgs(std::vector<std::string> more) {
  std::vector<std::string> args = {"--tls-cert", TlsFile("localhost.pem"), "--tls-key",
                                   TlsFile("localhost.key")};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(SmtpMailerTest, DeliversOverRequiredStartTls) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path(), TlsArgs({"--require-starttls"}));
  ASSERT_TRUE(server.running());
  SmtpMailerOptions o = Options(server);
  o.ca_file = TlsFile("localhost.pem");
  // Without STARTTLS the server refuses (530): a settings problem, so the message is kept.
  o.starttls = StartTls::kOff;
  SendOutcome refused = SmtpMailer(o).Send(Msg("reader@example.org", kMessage));
  EXPECT_EQ(refused.kind, SendOutcome::Kind::kRetryLater) << refused.reply;
  EXPECT_EQ(refused.reply_code, 530);
  EXPECT_NE(refused.reply.find("mail.starttls"), std::string::npos) << refused.reply;
  o.starttls = StartTls::kRequired;
  SendOutcome out = SmtpMailer(o).Send(Msg("reader@example.org", kMessage));
  ASSERT_EQ(out.kind, SendOutcome::Kind::kSent) << out.reply;
  ASSERT_EQ(server.Messages().size(), 1u);
  EXPECT_EQ(server.Messages()[0], NormalizeSmtpLineEnds(kMessage));
}

TEST(SmtpMailerTest, DeliversOverImplicitTls) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path(), TlsArgs({"--implicit-tls"}));
  ASSERT_TRUE(server.running());
  SmtpMailerOptions o = Options(server);
  o.url = "smtps://127.0.0.1:" + std::to_string(server.port());
  o.ca_file = TlsFile("localhost.pem");
  SendOutcome out = SmtpMailer(o).Send(Msg("reader@example.org", kMessage));
  ASSERT_EQ(out.kind, SendOutcome::Kind::kSent) << out.reply;
  EXPECT_EQ(server.Messages().size(), 1u);
}

TEST(SmtpMailerTest, KeepsTheMessageWhenTheServersCertificateIsNotTrusted) {
  testing::ScopedTempDir dir;
  testing::SmtpTestServer server(dir.path(), TlsArgs({"--implicit-tls"}));
  ASSERT_TRUE(server.running());
  SmtpMailerOptions o = Options(server);
  o.url = "smtps://127.0.0.1:" + std::to_string(server.port());
  SendOutcome out = SmtpMailer(o).Send(Msg("reader@example.org", kMessage));
  EXPECT_EQ(out.kind, SendOutcome::Kind::kRetryLater) << out.reply;
  EXPECT_NE(out.reply.find("certificate"), std::string::npos) << out.reply;
  EXPECT_TRUE(server.Messages().empty());
}

TEST(SmtpMailerTest, RefusesARecipientThatCouldInjectCommands) {
  SmtpMailerOptions o;
  o.url = "smtp://127.0.0.1:1";
  SendOutcome out = SmtpMailer(o).Send(Msg("a@example.org>\r\nRCPT TO:<b@example.org", kMessage));
  EXPECT_EQ(out.kind, SendOutcome::Kind::kPermanent);
}

}  // namespace
}  // namespace gpalert
