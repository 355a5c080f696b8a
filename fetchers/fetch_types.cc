#include "fetchers/fetch_types.h"

#include "common/strings.h"

namespace gpalert {

const std::string* FetchResult::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) return &v;
  return nullptr;
}

}  // namespace gpalert
