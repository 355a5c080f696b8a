// FaultPoint: named places in the pipeline where a test can kill the process with
// SIGKILL, to prove that a crash there loses nothing (tests/integration/crash_matrix_test.py).
// Compiled in only when the build defines GPALERT_FAULT_POINTS (the test build: CMake
// option GPALERT_FAULT_POINTS, on with GPALERT_TESTS); elsewhere FaultPoint is empty.
// Armed by the environment: GPALERT_KILL_AT=<name> kills at the first pass through the
// point of that name; GPALERT_HANG_AT=<name> stops the thread that reaches it for good (a
// wedged thread, for the watchdog test). Any thread.
#pragma once

#include <string_view>

namespace gpalert {

#ifdef GPALERT_FAULT_POINTS
void FaultPoint(std::string_view name) noexcept;
#else
inline void FaultPoint(std::string_view) noexcept {}
#endif

}  // namespace gpalert
