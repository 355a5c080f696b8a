// Test helpers for MIME output: parse a message with Python's email package (Debian's
// /usr/bin/python3, an independent RFC 5322/2047/2045 implementation) and check the
// wire rules (CRLF only, line lengths) ourselves.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace gpalert::testing {

// What Python's email.policy.default makes of `bytes`: {"headers": [[name, decoded]...],
// "subject", "from": [name, addr], "to": [name, addr], "message_id", "content_type",
// "text", "html", "defects": [...]}. {"error": "..."} when Python fails.
inline nlohmann::json ParseWithPython(const std::string& bytes) {
  namespace fs = std::filesystem;
  std::string path = (fs::temp_directory_path() / "gpalert-mime-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return {{"error", "mkstemp failed"}};
  FILE* f = fdopen(fd, "wb");
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  static const char* kScript = R"PY(
import email, email.policy, json, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
def box(h):
    a = m[h].addresses[0]
    return [a.display_name, a.addr_spec]
out = {"headers": [[k, str(v)] for k, v in m.items()], "subject": str(m["subject"]),
       "from": box("from"), "to": box("to"), "message_id": str(m["message-id"]),
       "content_type": m.get_content_type(), "defects": [repr(d) for p in m.walk() for d in p.defects]}
for p in m.walk():
    if p.get_content_type() == "text/plain": out["text"] = p.get_content()
    if p.get_content_type() == "text/html": out["html"] = p.get_content()
print(json.dumps(out))
)PY";
  std::string script_path = path + ".py";
  std::ofstream(script_path) << kScript;
  std::string command = "/usr/bin/python3 " + script_path + " " + path;
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buf[4096];
  size_t n;
  while (pipe && (n = std::fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
  int rc = pipe ? pclose(pipe) : -1;
  fs::remove(path);
  fs::remove(script_path);
  if (rc != 0) return {{"error", "python exited " + std::to_string(rc) + ": " + output}};
  return nlohmann::json::parse(output, nullptr, false);
}

// Empty when every line ends in CRLF (no bare CR or LF) and no line passes `max_line`
// octets; otherwise what is wrong.
inline std::string WireProblems(const std::string& bytes, size_t max_line = 998) {
  size_t line_start = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))
      return "bare CR at " + std::to_string(i);
    if (bytes[i] == '\n') {
      if (i == 0 || bytes[i - 1] != '\r') return "bare LF at " + std::to_string(i);
      if (i - 1 - line_start > max_line) return "line too long at " + std::to_string(line_start);
      line_start = i + 1;
    }
  }
  if (line_start != bytes.size()) return "no CRLF at the end";
  return "";
}

}  // namespace gpalert::testing
