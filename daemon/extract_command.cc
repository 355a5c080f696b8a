// `gpalert extract`: placeholder until the command lands (prints an error, exit 1).
#include <cstdio>

#include "daemon/commands.h"

namespace gpalert {

int RunExtractCommand(const Args&) {
  std::fputs("gpalert extract: not built yet\n", stderr);
  return 1;
}

}  // namespace gpalert
