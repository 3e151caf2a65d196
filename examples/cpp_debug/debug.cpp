// The C++ side of main.zng: how a Rust `Point` prints with `{:?}`. Inside
// `rust::Impl`, `std` names `rust::std`, so the C++ library is `::std`.
#include <string>

#include "generated.h"

using rust::crate::Point;

rust::std::fmt::Result rust::Impl<Point, rust::std::fmt::Debug>::fmt(
    rust::Ref<Point> self, rust::RefMut<rust::std::fmt::Formatter> f) {
  ::std::string text = "(" + ::std::to_string(int32_t(self.x)) + ", " +
                       ::std::to_string(int32_t(self.y)) + ")";
  return f.write_str(rust::Str::from_string_view(text));
}
