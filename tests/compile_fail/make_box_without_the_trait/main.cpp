#include "generated.h"

// Has the method, but does not derive from rust::crate::Shape.
struct Square {
  double area() { return 4.0; }
};

void build() { auto shape = rust::Box<rust::Dyn<rust::crate::Shape>>::make_box<Square>(); }
