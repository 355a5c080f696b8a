// MakeMailer: builds the Mailer that MailOptions ask for — SmtpMailer when mail.smtp is
// set (reading the password from mail.password_file now, once), else MaildirMailer on
// mail.maildir. Call it on config (re)load; hand the result to the mail worker thread.
#pragma once

#include <memory>

#include "alerts/mail/mail_options.h"
#include "alerts/mail/mailer.h"
#include "alerts/mail/smtp_mailer.h"
#include "common/status.h"

namespace gpalert {

// Errors (kInvalidArgument, or kIoError for an unreadable password file) name the option
// and say what to do.
Result<std::unique_ptr<Mailer>> MakeMailer(const MailOptions& options);

// The SmtpMailerOptions for `options` (mail.smtp must be set). Exposed for tests and
// for callers that want to adjust timeouts.
Result<SmtpMailerOptions> SmtpOptionsFromMailOptions(const MailOptions& options);

}  // namespace gpalert
