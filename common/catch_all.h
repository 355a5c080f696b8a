// CatchAll: the exception barrier of every task the daemon posts to its threads (CPU
// pool, writer, mail, HTTP). It runs the task and turns an exception that escapes it
// (std::bad_alloc included) into a kInternal Status naming what was being done, so one
// bad page or message fails alone instead of reaching std::terminate. Any thread.
#pragma once

#include <fmt/format.h>

#include <exception>
#include <new>
#include <string_view>
#include <utility>

#include "common/status.h"

namespace gpalert {

template <typename Fn>
Status CatchAll(std::string_view what, Fn&& fn) noexcept {
  try {
    std::forward<Fn>(fn)();
    return Status::Ok();
  } catch (const std::bad_alloc&) {
    return Status::Internal(fmt::format("{}: out of memory", what));
  } catch (const std::exception& e) {
    try {
      return Status::Internal(fmt::format("{}: {}", what, e.what()));
    } catch (...) {
      return Status::Internal("internal error (formatting it failed)");
    }
  } catch (...) {
    return Status::Internal(fmt::format("{}: unknown exception", what));
  }
}

}  // namespace gpalert
