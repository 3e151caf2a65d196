// Uses every generated wrapper of names.zng, whose names are Rust keywords
// (g++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only).
#include "names.h"

using rust::crate::loop::Flow;
using rust::crate::loop::Point;

namespace {
struct Counter : rust::crate::loop::Visitor {
  int32_t count = 0;
  int32_t loop() override { return count; }
  rust::Unit do_(int32_t n) override {
    count += n;
    return {};
  }
};
}  // namespace

int32_t rust::exported_functions::move(int32_t n) { return n; }
rust::Unit rust::exported_functions::static_(int32_t) { return {}; }
int32_t rust::Impl<Point, rust::Inherent>::in(rust::Ref<Point> p) { return p.ref; }

int use_everything() {
  Flow flow = Flow::break_();
  flow = Flow::while_(1);
  flow = Flow::type(2);
  flow = Flow::gen();
  flow.yield();
  int matched = flow.matches_break() + flow.matches_while() + flow.matches_type();
  int moved = flow.move() + flow.try_(3);

  Point p(1, 2);
  int32_t fields = p.ref + p.type + rust::Ref<Point>(p).type;
  int32_t awaited = rust::crate::loop::await(std::move(p)) + rust::crate::loop::async_free(1);

  auto visitor = rust::Box<rust::Dyn<rust::crate::loop::Visitor>>::make_box<Counter>();
  (void)visitor;
  return matched + moved + fields + awaited;
}
