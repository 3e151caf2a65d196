// The `extern "C++"` methods of `crate::Tally`: each reaches the C++ object
// inside the Rust value with `cpp()`.
#include "generated.h"

using rust::crate::Tally;
using rust::crate::TallyView;

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

rust::Ref<TallyView> rust::Impl<Tally, rust::Inherent>::view(rust::Ref<Tally> self) {
  return rust::Ref<TallyView>(self.cpp());
}

double rust::Impl<TallyView, rust::Inherent>::average(rust::Ref<TallyView> self) {
  const stats::Tally& tally = self.cpp();
  return tally.count() == 0 ? 0.0 : double(tally.total()) / tally.count();
}
