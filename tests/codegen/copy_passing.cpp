// Calls every wrapper of copy_passing.zng, so that the header is known to
// compile (g++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only).
#include "copy_passing.h"

namespace c = rust::crate;

int use_everything(c::Byte byte, c::Half half, c::Odd odd, c::Word word, c::Double dbl,
                   c::Roomy roomy, c::Sixteen sixteen, c::Big big, c::Boxed boxed) {
  c::Zero zero = c::zero(c::Zero());
  c::Twelve twelve = c::twelve(c::Twelve(1, 2, 3));
  byte = c::byte(byte);
  half = c::half(half);
  odd = c::odd(odd);
  word = c::word(word);
  dbl = c::double_(dbl);
  roomy = c::roomy(roomy);
  sixteen = c::sixteen(sixteen);
  big = c::big(big);
  boxed = c::boxed(boxed);
  twelve = c::mixed(zero, byte, 7, sixteen);
  return static_cast<int>(dbl.get() + c::Double::get(dbl));
}
