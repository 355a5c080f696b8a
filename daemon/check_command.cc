// `gpalert check`: placeholder until the command lands (prints an error, exit 1).
#include <cstdio>

#include "daemon/commands.h"

namespace gpalert {

int RunCheckCommand(const Args&) {
  std::fputs("gpalert check: not built yet\n", stderr);
  return 1;
}

}  // namespace gpalert
