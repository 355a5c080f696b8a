// The config's [store] table (url, password_file), read by the config loader
// (daemon/config/config_loader.cc) with located errors. Loading thread only.
#pragma once

#include <filesystem>

#include "daemon/config/config_table_reader.h"
#include "daemon/config/store_options.h"

namespace gpalert {

// `config_dir` resolves a relative password_file.
Status ReadStoreTable(ConfigTableReader& r, const std::filesystem::path& config_dir,
                      StoreOptions* store);

}  // namespace gpalert
