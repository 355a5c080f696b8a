// PostGuarded: the one way the daemon hands a task to one of its threads (writer, mail,
// HTTP). The task runs behind CatchAll (common/catch_all.h): an exception escaping it,
// std::bad_alloc included, becomes a kInternal Status given to `on_failure` on the same
// thread, instead of reaching std::terminate. Any thread may post.
#pragma once

#include <boost/asio/post.hpp>
#include <functional>
#include <string_view>
#include <utility>

#include "common/catch_all.h"
#include "common/status.h"

namespace gpalert {

// `what` names the work in the Status ("source poll step"); it must outlive the task
// (a string literal).
template <typename Executor>
void PostGuarded(Executor& executor, std::string_view what, std::function<void()> task,
                 std::function<void(const Status&)> on_failure) {
  boost::asio::post(executor,
                    [what, task = std::move(task), on_failure = std::move(on_failure)]() mutable {
                      Status guarded = CatchAll(what, task);
                      if (!guarded.ok()) on_failure(guarded);
                    });
}

}  // namespace gpalert
