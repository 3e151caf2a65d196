// Uses every generated wrapper of cpp_objects.zng
// (g++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only).
#include "cpp_objects.h"

int use_everything() {
  auto small = rust::crate::Holder<int32_t>::build(1);
  auto vec = rust::crate::Holder<rust::std::vec::Vec<uint8_t>>::build(2);
  auto inline_counter = rust::crate::u8::build(3);
  lib::Counter plain(4);
  rust::Ref<rust::crate::loop::ref> view(plain);
  return small.cpp().count + vec.cpp().count + inline_counter.cpp().count + view.cpp().count;
}
