#include "daemon/signup_start.h"

#include <fmt/format.h>

#include "alerts/confirmation_mail.h"
#include "alerts/signed_token.h"
#include "common/sha256.h"
#include "common/url.h"
#include "daemon/config/subscriber_fields.h"
#include "daemon/subscriber_roster.h"
#include "daemon/unsubscribe_secret.h"

namespace gpalert {

std::string SettingsQuery(const SubscriberSettings& s) {
  std::string out = fmt::format("digest={}&at={}&weekday={}&timezone={}", PercentEncode(s.digest),
                                PercentEncode(FormatTimeOfDay(s.at_minutes)),
                                PercentEncode(WeekdayName(s.weekday)), PercentEncode(s.timezone));
  for (const std::string& source : s.sources) out += "&source=" + PercentEncode(source);
  for (const std::string& tag : s.tags) out += "&tag=" + PercentEncode(tag);
  out += "&keywords=" + PercentEncode(KeywordsField(s.keywords));
  return out;
}

std::string KeywordsField(const std::vector<std::string>& keywords) {
  std::string out;
  for (const std::string& k : keywords) out += (out.empty() ? "" : ",") + k;
  return out;
}

std::string ConfirmationSubject(std::string_view email, const SubscriberSettings& settings) {
  return fmt::format("{} {}", email, Sha256Hex(SettingsQuery(settings)));
}

Status StartSignUp(const Config& config, std::string_view secret, Store* store, Logger* logger,
                   const std::string& email, const SubscriberSettings& settings, Instant now,
                   bool* queued) {
  *queued = false;
  if (InConfig(config, email)) {
    logger->Info("sign-up: {} is a subscriber in the config already; nothing sent", email);
    return Status::Ok();
  }
  auto row = store->GetSubscriber(email);
  if (!row.ok()) return row.status();
  if (!*row) {
    SubscriberState sub;
    sub.email = email;
    sub.origin = SubscriberOrigin::kSelf;
    sub.status = SubscriberStatus::kPending;
    sub.settings = settings;
    auto added = store->AddSubscriber(sub, now);
    if (!added.ok()) return added.status();
  } else {
    const SubscriberState& s = **row;
    bool may_confirm =
        s.origin != SubscriberOrigin::kConfig &&
        (s.status == SubscriberStatus::kPending || s.status == SubscriberStatus::kUnsubscribed);
    if (!may_confirm) {
      logger->Info("sign-up: {} is {} already; nothing sent", email,
                   SubscriberStatusName(s.status));
      return Status::Ok();
    }
    if (s.confirmation_sent && now - *s.confirmation_sent < kConfirmationEvery) {
      logger->Info("sign-up: a confirmation went to {} less than an hour ago; none sent", email);
      return Status::Ok();
    }
    // The row keeps its settings: the link carries the new ones until it is confirmed.
  }
  if (!config.mail.public_url) {
    return Status::InvalidArgument("[mail] public_url is not set: no confirmation link to send");
  }
  Instant expires = now + config.signup.confirm_within;
  std::string url = fmt::format(
      "{}/subscribe/confirm?email={}&expires={}&{}&token={}", *config.mail.public_url,
      PercentEncode(email), expires.time_since_epoch().count(), SettingsQuery(settings),
      SignToken(secret, TokenPurpose::kConfirm, ConfirmationSubject(email, settings), expires));
  auto nonce = RandomHex(8);
  if (!nonce.ok()) return nonce.status();
  auto message = RenderConfirmationMail(config.mail, email, url, expires, now, *nonce);
  if (!message.ok()) return message.status();
  auto id = store->QueueConfirmation(email, *message, now);
  if (!id.ok()) return id.status();
  logger->Info("sign-up: {} is pending; confirmation queued as {}", email, message->message_id);
  *queued = true;
  return Status::Ok();
}

}  // namespace gpalert
