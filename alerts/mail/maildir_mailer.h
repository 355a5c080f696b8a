// MaildirMailer: delivers outbox messages as files into a Maildir (<dir>/{tmp,new,cur}),
// for installations without an SMTP server. Each message is written to tmp/ under a unique
// name, fsync'd, then renamed into new/, so a reader never sees a partial file. Line ends
// are written as LF, the Maildir convention. Creates the folders on first use.
// Used by one thread at a time (the mail worker); several processes may share a Maildir.
#pragma once

#include <cstdint>
#include <string>

#include "alerts/mail/mailer.h"

namespace gpalert {

// Whether `dir` is a Maildir a reader can take mail from: it has new/ and cur/ folders
// (the mailer makes tmp/ too; a reader does not need it). Any thread.
bool IsMaildir(const std::string& dir);

class MaildirMailer final : public Mailer {
 public:
  // With `bounce_address` set, each file starts with "Return-Path: <VERP address>"
  // (alerts/mail/verp_address.h, signed with `verp_secret`), as an MTA would write it.
  explicit MaildirMailer(std::string dir, std::string bounce_address = "",
                         std::string verp_secret = "");
  const std::string& dir() const { return dir_; }

 private:
  SendOutcome DoSend(const OutboxMessage& msg, const std::atomic<bool>* cancel) override;
  // "<seconds>.M<usec>P<pid>Q<n>.<host>", unique per process and call.
  std::string UniqueName();

  std::string dir_;
  std::string host_;
  std::string bounce_address_;
  std::string verp_secret_;
  std::uint64_t counter_ = 0;
};

}  // namespace gpalert
