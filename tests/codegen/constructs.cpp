// Uses every generated wrapper of constructs.zng, so that the snapshot is
// known to compile (g++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only).
#include "constructs.h"

using rust::crate::Big;
using rust::crate::Point;
using rust::std::option::Option;

int use_everything() {
  rust::std::string::String s = "text"_rs.to_owned();
  zngur_dbg(s);
  auto some = Option<int32_t>::Some(1);
  auto either = some.or_(Option<int32_t>::None());
  zngur_dbg(either);
  int matched = either.matches_Some() + Option<int32_t>::matches_None(either);

  Point p(1, 2);
  Point copy = p;
  int32_t x = copy.x;
  int32_t y = rust::Ref<Point>(p).y;

  Big big = Big::new_();
  bool deleted = big.delete_(3);
  rust::Ref<rust::Str> first = big.first();
  rust::std::string::String moved = std::move(big).into_string();

  rust::crate::Counter counter = rust::crate::Counter::build(5);
  int count = counter.cpp().count + rust::Ref<rust::crate::Counter>(counter).cpp().count;
  rust::crate::InlineCounter inline_counter = rust::crate::InlineCounter::build(2);
  count += inline_counter.cpp().count;
  lib::Counter&& taken = std::move(inline_counter).cpp();
  count += taken.count;
  lib::Counter plain(3);
  rust::Ref<rust::crate::CounterView> view(plain);
  rust::RefMut<rust::crate::CounterView> view_mut(plain);
  count += view.cpp().count + view_mut.cpp().count;
  auto square = rust::Box<rust::Dyn<rust::Fn<int32_t, int32_t>>>::make_box(
      [](int32_t v) { return v * v; });
  (void)square;

  rust::crate::Counted counted;
  std::size_t sizes = counted.len() + rust::Ref<rust::crate::Counted>(counted).len() +
                      counted.limit + rust::Ref<rust::crate::Counted>(counted).limit;

  rust::crate::Unit unit;
  std::uint8_t bytes[] = {1, 2};
  std::uint64_t numbers[] = {1, 2};
  (void)numbers;
  const std::uint8_t* raw = rust::crate::wide(__int128(1), U'x'_rs);
  (void)first;
  (void)raw;
  (void)bytes;
  (void)unit;
  return matched + x + y + deleted + count + static_cast<int>(sizes);
}
