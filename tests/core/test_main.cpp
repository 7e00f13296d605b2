#include "test_registry.h"

#include "fixtures.h"

#include "common/threads.h"

#include <QCoreApplication>
#include <QTest>

#include <cstdio>
#include <cstring>
#include <map>
#include <string>

namespace lanterna::test {

static std::map<std::string, Factory>& registry() {
  static std::map<std::string, Factory> tests;
  return tests;
}

bool register_test(const char* name, Factory factory) {
  registry().emplace(name, std::move(factory));
  return true;
}

}  // namespace lanterna::test

int main(int argc, char** argv) {
  auto& tests = lanterna::test::registry();
  // Used by CLI tests: writes a tiny random-weight models folder.
  if (argc == 3 && std::strcmp(argv[1], "--write-tiny-models") == 0) {
    lanterna::test::write_tiny_models(argv[2], true, true);
    return 0;
  }
  if (argc < 2 || !tests.count(argv[1])) {
    std::fprintf(stderr, "usage: tst_core TESTCLASS [qtest options]\ntest classes:\n");
    for (const auto& t : tests) std::fprintf(stderr, "  %s\n", t.first.c_str());
    return 2;
  }
  QCoreApplication app(argc, argv);
  lanterna::init_threads(0);
  auto object = tests.at(argv[1])();
  // Qt Test sees argv without the class name.
  std::vector<char*> rest{argv[0]};
  for (int i = 2; i < argc; ++i) rest.push_back(argv[i]);
  return QTest::qExec(object.get(), static_cast<int>(rest.size()), rest.data());
}
