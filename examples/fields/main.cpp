#include <iostream>

#include "generated.h"

using rust::crate::Line;
using rust::crate::Marker;
using rust::crate::Point;
using rust::crate::Rgb;
using rust::crate::Tagged;
using rust::crate::Triple;
using rust::crate::Vec2;
using rust::crate::Wrapped;

// Small `Copy` values (0 to 16 bytes) cross to Rust and back by value.
void small_copy_values() {
  Vec2 v(1.5f, -2.0f);
  Vec2 w = rust::crate::sum(v, v.scaled(2.0f));
  std::cout << "sum: " << float(w.x) << ", " << float(w.y) << std::endl;
  Rgb color(10, 200, 255);
  Rgb inverted = color.inverted();
  std::cout << "inverted blue: " << int(uint8_t(inverted.f2)) << std::endl;
  zngur_dbg(inverted);
  Triple t(1, 2, 3);
  zngur_dbg(t.rotated().rotated());
  Marker marker = rust::crate::stamp(Marker(), 1);
  zngur_dbg(rust::crate::mix(rust::crate::stamp(marker, 2), color, t, v));
  zngur_dbg(v);
}

// Values of a `#layout_conservative` type (12 bytes, declared 16) and of a
// zero-sized type in Rust's memory, through raw pointers and a field.
void values_in_rust_memory() {
  auto triples = rust::std::vec::Vec<Triple>::with_capacity(3);
  for (uint32_t i = 0; i < 3; ++i) triples.push(Triple(3 * i, 3 * i + 1, 3 * i + 2));
  rust::RawMut<Triple> raw = triples.as_mut_ptr();
  zngur_dbg(raw.offset(2).read());
  raw.offset(2).write(Triple(20, 21, 22));
  raw.offset(1).write(raw.offset(0).read().rotated());
  zngur_dbg(triples);

  auto markers = rust::std::vec::Vec<Marker>::new_();
  for (int i = 0; i < 2; ++i) markers.push(Marker());
  rust::RawMut<Marker> dangling = markers.as_mut_ptr();
  dangling.offset(1).write(dangling.offset(0).read());
  zngur_dbg(markers);

  Wrapped wrapped(1, Triple(7, 8, 9));
  Triple inner = wrapped.inner;
  zngur_dbg(inner);
}

int main() {
  Point p(3, -4);
  int32_t x = p.x;
  std::cout << "p.x = " << x << ", p.y = " << int32_t(p.y) << std::endl;
  *rust::RefMut<int32_t>(p.y) = 10;
  std::cout << "manhattan " << p.manhattan() << std::endl;

  Line line(Point(1, 2), p, "diagonal"_rs.to_owned());
  std::cout << "line.end.y = " << int32_t(line.end.y) << std::endl;
  std::cout << "label length " << line.label.len() << std::endl;
  line.label.push_str("!"_rs);

  rust::Ref<Line> shared = line;
  std::cout << "through Ref: start.x = " << int32_t(shared.start.x)
            << ", end manhattan = " << shared.end.manhattan() << std::endl;
  rust::RefMut<Line> exclusive = line;
  exclusive.label.push_str("?"_rs);
  *rust::RefMut<int32_t>(exclusive.start.x) = 100;
  Point copied = line.start;
  std::cout << "copied start.x = " << int32_t(copied.x) << std::endl;
  zngur_dbg(line);

  Tagged tagged(7, std::move(line));
  std::cout << "tagged.f0 = " << uint64_t(tagged.f0) << ", tagged.f1.start.x = "
            << int32_t(tagged.f1.start.x) << std::endl;
  tagged.f1.label.push_str(" (tagged)"_rs);
  zngur_dbg(tagged.f1.label);

  rust::Tuple<int32_t, rust::std::string::String> pair(5, "five"_rs.to_owned());
  std::cout << "pair.f0 = " << int32_t(pair.f0) << ", pair.f1 length = " << pair.f1.len()
            << std::endl;
  zngur_dbg(pair);

  auto points = rust::std::vec::Vec<Point>::new_();
  for (int32_t i = 0; i < 3; ++i) points.push(Point(i, i * i));
  rust::RawMut<Point> raw = points.as_mut_ptr();
  Point third = raw.offset(2).read();
  std::cout << "third point through a raw pointer: " << int32_t(third.x) << ", "
            << int32_t(third.y) << std::endl;
  raw.offset(1).write(Point(-1, -1));
  rust::Ref<Point> first = raw.as_ref_unchecked();
  std::cout << "first point x " << int32_t(first.x) << std::endl;
  zngur_dbg(points);

  small_copy_values();
  values_in_rust_memory();
}
