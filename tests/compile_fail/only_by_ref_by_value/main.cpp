#include "generated.h"

bool by_reference(rust::Ref<rust::std::fmt::Formatter> f) { return f.alternate(); }

void by_value() {
  rust::std::fmt::Formatter f;  // #only_by_ref: C++ never owns one (in the .zng, E0047)
}
