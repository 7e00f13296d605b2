// Minimal command-line parsing for lanterna-cli: `--name value` options and
// `--flag` switches, with usage errors that name the offending argument.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace lanterna::cli {

class Args {
 public:
  // `options` take a value, `flags` do not. Throws Error(InvalidArgument) on
  // an unknown argument, a missing value or a stray positional argument.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& options,
       const std::set<std::string>& flags);

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string str(const std::string& name, const std::string& fallback = "") const;
  long long integer(const std::string& name, long long fallback) const;
  double number(const std::string& name, double fallback) const;
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

}  // namespace lanterna::cli
