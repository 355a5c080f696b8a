// ServiceContext: the threads and parts one daemon run works with, handed to each of
// the service's jobs (source polls, digest pass, outbox drain). Pointers only: the
// command that builds them owns them and outlives every job.
//
// Thread rules: `fetcher` is called on the network thread (the one running io->run());
// `store` only on the writer thread (a one-thread pool: the single SQLite writer);
// `outbox` (and its own store connection, `outbox_store`) only on the mail thread, so a
// slow SMTP server never stalls polling;
// parsing and extraction run on `cpu`. Results travel between them by asio::post.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <functional>

#include "common/logger.h"
#include "common/time_format.h"
#include "fetchers/fetcher.h"
#include "store/store.h"

namespace gpalert {

class OutboxWorker;

struct ServiceContext {
  boost::asio::io_context* io = nullptr;       // network thread: fetcher calls, timers
  boost::asio::thread_pool* cpu = nullptr;     // feed parsing, extraction
  boost::asio::thread_pool* writer = nullptr;  // the only thread touching `store`
  boost::asio::thread_pool* mail = nullptr;    // the only thread using `outbox`
  Fetcher* fetcher = nullptr;
  Store* store = nullptr;
  OutboxWorker* outbox = nullptr;  // mail thread only (blocks on the mailer)
  Store* outbox_store = nullptr;   // the worker's own connection; mail thread only
  Logger* logger = nullptr;
  std::function<Instant()> clock = NowSeconds;
  // Seeds each poll's jitter of its next due time (with the source and the time): drawn
  // once per run, not per poll (a std::random_device per poll cost 3% of a poll's CPU).
  std::uint64_t jitter_seed = 0;
};

}  // namespace gpalert
