#include "parsers/page/parse_budget.h"

#include <fmt/format.h>
#include <time.h>

namespace gpalert {
namespace {

std::chrono::microseconds ThreadCpuNow() noexcept {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds(ts.tv_sec) + std::chrono::duration_cast<std::chrono::microseconds>(
                                               std::chrono::nanoseconds(ts.tv_nsec));
}

}  // namespace

ParseBudget::ParseBudget(const ParseLimits& limits) : limits_(limits), start_(ThreadCpuNow()) {}

std::chrono::microseconds ParseBudget::cpu_used() const noexcept { return ThreadCpuNow() - start_; }

bool ParseBudget::Exceeded() const noexcept {
  if (limits_.cancel && limits_.cancel->load(std::memory_order_relaxed)) return true;
  return cpu_used() > limits_.max_cpu;
}

Status ParseBudget::Check() const {
  if (limits_.cancel && limits_.cancel->load(std::memory_order_relaxed))
    return Status::Temporary("cancelled: shutting down");
  std::chrono::microseconds used = cpu_used();
  if (used > limits_.max_cpu) {
    return Status::InvalidArgument(fmt::format(
        "page too complex: parsing it took over {} ms of CPU", limits_.max_cpu.count()));
  }
  return Status::Ok();
}

Status ParseBudget::TooManyNodes() const {
  return Status::InvalidArgument(fmt::format("page too complex: over {} nodes", limits_.max_nodes));
}

Status ParseBudget::TooMuchMemory(std::size_t bytes) const {
  return Status::InvalidArgument(
      fmt::format("page too complex: the HTML parser needed over {} MB (reached {} MB)",
                  limits_.max_parser_bytes >> 20, bytes >> 20));
}

}  // namespace gpalert
