#!/usr/bin/env bash
# Formats every C++ source in place with the project's .clang-format.
cd "$(dirname "$0")/.." && find app core ui tests bench \( -name '*.cpp' -o -name '*.h' \) -print0 | xargs -0 -r clang-format -i
