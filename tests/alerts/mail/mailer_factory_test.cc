#include "alerts/mail/mailer_factory.h"

#include <gtest/gtest.h>

#include <fstream>

#include "alerts/mail/maildir_mailer.h"
#include "alerts/mail/smtp_mailer.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

TEST(MailerFactoryTest, BuildsAMaildirMailerWhenNoSmtpServerIsSet) {
  MailOptions o;
  o.maildir = "/var/lib/gpalert/maildir";
  Result<std::unique_ptr<Mailer>> m = MakeMailer(o);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto* maildir = dynamic_cast<MaildirMailer*>(m->get());
  ASSERT_NE(maildir, nullptr);
  EXPECT_EQ(maildir->dir(), o.maildir);
}

TEST(MailerFactoryTest, BuildsAnSmtpMailerWithTheEnvelopeSenderAndPassword) {
  testing::ScopedTempDir dir;
  std::ofstream(dir.File("pw")) << "p@ss word\r\nsecond line ignored\n";
  MailOptions o;
  o.from = "GP Alerts <alerts@example.org>";
  o.smtp = "smtps://mail.example.org:465";
  o.username = "gp";
  o.password_file = dir.File("pw");
  o.starttls = StartTls::kRequired;
  Result<SmtpMailerOptions> s = SmtpOptionsFromMailOptions(o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->url, "smtps://mail.example.org:465");
  EXPECT_EQ(s->envelope_from, "alerts@example.org");
  EXPECT_EQ(s->username, "gp");
  EXPECT_EQ(s->password, "p@ss word");
  EXPECT_EQ(s->starttls, StartTls::kRequired);
  Result<std::unique_ptr<Mailer>> m = MakeMailer(o);
  ASSERT_TRUE(m.ok());
  EXPECT_NE(dynamic_cast<SmtpMailer*>(m->get()), nullptr);
}

struct BadCase {
  const char* what;
  MailOptions options;
  const char* expected;  // part of the error message
};

TEST(MailerFactoryTest, ExplainsEveryBadMailSetting) {
  MailOptions base;
  base.smtp = "smtp://127.0.0.1:25";
  std::vector<BadCase> cases;
  {
    MailOptions o = base;
    o.smtp = "http://127.0.0.1:25";
    cases.push_back({"scheme", o, "smtp:// or smtps://"});
  }
  {
    MailOptions o = base;
    o.from = "GP Alerts <>";
    cases.push_back({"from", o, "mail.from"});
  }
  {
    MailOptions o = base;
    o.username = "gp";
    cases.push_back({"no password file", o, "mail.password_file is not"});
  }
  {
    MailOptions o = base;
    o.username = "gp";
    o.password_file = "/nonexistent/gpalert-password";
    cases.push_back({"unreadable password file", o, "/nonexistent/gpalert-password"});
  }
  {
    MailOptions o = base;
    o.password_file = "/etc/hostname";
    cases.push_back({"password without user", o, "mail.username is not"});
  }
  {
    MailOptions o;
    cases.push_back({"nowhere to deliver", o, "maildir"});
  }
  for (const BadCase& c : cases) {
    Result<std::unique_ptr<Mailer>> m = MakeMailer(c.options);
    ASSERT_FALSE(m.ok()) << c.what;
    EXPECT_NE(m.status().message().find(c.expected), std::string::npos)
        << c.what << ": " << m.status().message();
  }
}

}  // namespace
}  // namespace gpalert
