// Registry of the Qt Test classes linked into tst_core; `tst_core NAME [qtest
// options]` runs one of them (CTest runs each as its own test).
#pragma once

#include <QObject>

#include <functional>
#include <memory>

namespace lanterna::test {

using Factory = std::function<std::unique_ptr<QObject>()>;
bool register_test(const char* name, Factory factory);

}  // namespace lanterna::test

#define LANTERNA_TEST(Class)             \
  static const bool registered_##Class = \
      ::lanterna::test::register_test(#Class, [] { return std::unique_ptr<QObject>(new Class); })
