// The `extern "C++"` methods of `crate::Tally`: each reaches the C++ object
// inside the Rust value with `cpp()`.
#include "generated.h"

using rust::crate::Tally;

Tally rust::Impl<Tally, rust::Inherent>::starting_at(int32_t start) {
  return Tally::build(start);
}

rust::Unit rust::Impl<Tally, rust::Inherent>::add(rust::RefMut<Tally> self, int32_t value) {
  self.cpp().add(value);
  return {};
}

int32_t rust::Impl<Tally, rust::Inherent>::total(rust::Ref<Tally> self) {
  return self.cpp().total();
}

int32_t rust::Impl<Tally, rust::Inherent>::count(rust::Ref<Tally> self) {
  return self.cpp().count();
}
