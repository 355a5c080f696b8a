// Writes the input to a temp file and loads it with LoadConfig; checks it survives and errors say
// where.
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "daemon/config/config.h"

#include "fuzz_check.h"

namespace {

// One temp folder per process holding the config file every input is written to;
// removed at exit. Relative includes in an input resolve inside this folder.
class TempConfig {
 public:
  TempConfig() {
    const char* tmp = getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/gpalert-config-fuzz-XXXXXX";
    FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
    path_ = dir_ + "/gpalert.toml";
  }
  ~TempConfig() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempConfig(const TempConfig&) = delete;
  TempConfig& operator=(const TempConfig&) = delete;

  const std::string& Write(const uint8_t* data, size_t size) const {
    FILE* f = std::fopen(path_.c_str(), "wb");
    FUZZ_CHECK(f != nullptr);
    FUZZ_CHECK(std::fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(std::fclose(f) == 0);
    return path_;
  }

 private:
  std::string dir_;
  std::string path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const TempConfig file;
  const std::string& path = file.Write(data, size);
  gpalert::Result<gpalert::Config> config = gpalert::LoadConfig(path);
  if (!config.ok()) {
    FUZZ_CHECK(config.status().code() == gpalert::Status::Code::kInvalidArgument);
    FUZZ_CHECK(!config.status().message().empty());
  }
  return 0;
}
