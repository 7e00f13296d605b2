#include "args.h"

#include "common/error.h"

#include <cstdlib>

namespace lanterna::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& options,
           const std::set<std::string>& flags) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0)
      throw Error(ErrorCode::InvalidArgument, "unexpected argument '" + a + "'");
    std::string name = a.substr(2), value;
    const size_t eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags.count(name) && !inline_value) {
      flags_.insert(name);
    } else if (options.count(name)) {
      if (!inline_value) {
        if (i + 1 >= argv.size())
          throw Error(ErrorCode::InvalidArgument, "--" + name + " needs a value");
        value = argv[++i];
      }
      values_[name] = value;
    } else {
      throw Error(ErrorCode::InvalidArgument, "unknown option '--" + name + "' (see --help)");
    }
  }
}

std::string Args::str(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

long long Args::integer(const std::string& name, long long fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  const long long v = std::strtoll(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0')
    throw Error(ErrorCode::InvalidArgument,
                "--" + name + " must be an integer (got '" + it->second + "')");
  return v;
}

double Args::number(const std::string& name, double fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  const double v = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0')
    throw Error(ErrorCode::InvalidArgument,
                "--" + name + " must be a number (got '" + it->second + "')");
  return v;
}

}  // namespace lanterna::cli
