#include "alerts/mail/mailer_factory.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "alerts/mail/maildir_mailer.h"
#include "alerts/mail/verp_address.h"
#include "common/strings.h"

namespace gpalert {
namespace {

Result<std::string> ReadPasswordFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError("cannot read mail.password_file " + path + ": " + std::strerror(errno) +
                           "; check the path and its permissions");
  }
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.empty()) {
    return Status::InvalidArgument("mail.password_file " + path +
                                   " is empty; put the SMTP password on its first line");
  }
  return line;
}

}  // namespace

Result<SmtpMailerOptions> SmtpOptionsFromMailOptions(const MailOptions& options) {
  if (!options.smtp) return Status::InvalidArgument("mail.smtp is not set");
  const std::string& url = *options.smtp;
  if (!StartsWithIgnoreCase(url, "smtp://") && !StartsWithIgnoreCase(url, "smtps://")) {
    return Status::InvalidArgument("mail.smtp \"" + url + "\" must start with smtp:// or smtps://");
  }
  SmtpMailerOptions out;
  out.url = url;
  out.starttls = options.starttls;
  out.timeout = options.send_timeout;
  out.connect_timeout = std::min(out.connect_timeout, options.send_timeout);
  out.envelope_from = EnvelopeAddress(options.from);
  if (!IsSafeEnvelopeAddress(out.envelope_from)) {
    return Status::InvalidArgument("mail.from \"" + options.from +
                                   "\" has no usable address; write it as "
                                   "\"Name <user@example.org>\"");
  }
  if (options.password_file && !options.username) {
    return Status::InvalidArgument(
        "mail.password_file is set but mail.username is not; "
        "set both for SMTP AUTH");
  }
  if (options.username) {
    if (!options.password_file) {
      return Status::InvalidArgument(
          "mail.username is set but mail.password_file is not; "
          "put the SMTP password in a file and name it there");
    }
    Result<std::string> password = ReadPasswordFile(*options.password_file);
    if (!password.ok()) return password.status();
    out.username = options.username;
    out.password = std::move(password).value();
  }
  return out;
}

Result<std::unique_ptr<Mailer>> MakeMailer(const MailOptions& options) {
  if (options.bounce_address) {
    Status bounce = CheckBounceAddress(*options.bounce_address);
    if (!bounce.ok()) {
      return Status::InvalidArgument("mail.bounce_address \"" + *options.bounce_address +
                                     "\": " + bounce.message());
    }
    if (options.unsubscribe_secret.empty()) {
      return Status::InvalidArgument(
          "mail.bounce_address is set but the key that signs its tokens was not loaded");
    }
  }
  std::string bounce = options.bounce_address.value_or("");
  if (!options.smtp) {
    if (options.maildir.empty()) {
      return Status::InvalidArgument("mail.smtp is not set and no maildir path was resolved");
    }
    return std::unique_ptr<Mailer>(
        new MaildirMailer(options.maildir, bounce, options.unsubscribe_secret));
  }
  Result<SmtpMailerOptions> smtp = SmtpOptionsFromMailOptions(options);
  if (!smtp.ok()) return smtp.status();
  smtp->bounce_address = bounce;
  smtp->verp_secret = options.unsubscribe_secret;
  return std::unique_ptr<Mailer>(new SmtpMailer(std::move(smtp).value()));
}

}  // namespace gpalert
