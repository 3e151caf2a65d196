// C++ written in the forms of Zngur 0.9's public API (its examples, book and
// header), against the header of zngur_api.zng: code written for Zngur must
// compile unchanged (g++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only).
#include <functional>
#include <utility>

#include "zngur_api.h"

using rust::crate::Inner;
using rust::crate::Outer;
using rust::std::option::Option;
using rust::std::string::String;
template <class T> using Vec = rust::std::vec::Vec<T>;

// A C++ class implementing a Rust trait; `()` results are `rust::Unit`.
struct Hello : rust::crate::Greeter {
  int32_t calls = 0;
  String greet(rust::Ref<rust::Str> who) override { return who.to_owned(); }
  int32_t count() override { return ++calls; }
  rust::Unit nothing() override { return rust::Unit{}; }
};

// `extern "C++"` bodies.
int32_t rust::exported_functions::cpp_add(int32_t a, int32_t b) { return a + b; }
rust::Unit rust::exported_functions::cpp_log(rust::Ref<rust::Str>) { return {}; }
int32_t rust::Impl<rust::crate::Counter, rust::Inherent>::bump(
    rust::RefMut<rust::crate::Counter> self) {
  return ++self.cpp().count;
}
rust::crate::Counter rust::Impl<rust::crate::Counter, rust::Inherent>::make(int32_t start) {
  return rust::crate::Counter::build(start);
}
rust::std::fmt::Result rust::Impl<rust::crate::Counter, rust::std::fmt::Debug>::fmt(
    rust::Ref<rust::crate::Counter>, rust::RefMut<rust::std::fmt::Formatter> f) {
  return f.write_str("Counter"_rs);
}

// `zngur_dbg` prints and returns its operand, perfect-forwarded.
void debug_printing() {
  rust::Ref<rust::Str> text = "foo"_rs;
  zngur_dbg(text);
  String owned = text.to_owned();
  rust::Ref<String> shared = owned;
  zngur_dbg(shared);
  String moved = std::move(zngur_dbg(owned));
  rust::RefMut<String> exclusive = moved;
  zngur_dbg(exclusive);
  exclusive.push_str(zngur_dbg("bar"_rs));
  int32_t number = zngur_dbg(5);
  (void)number;
}

// Fields: owned, through `Ref` / `RefMut`, nested, of heap-allocated and
// tuple types; `operator T()` on Copy fields; deduction guides.
void fields() {
  Outer outer{true, Inner{1, 2, 3}, "x"_rs.to_owned()};
  Outer parens = Outer(false, Inner(4, 5, 6), "y"_rs.to_owned());
  rust::Bool flag = outer.flag;
  Inner inner = outer.inner;
  int32_t b = outer.inner.b;
  int32_t c = outer.inner.c;
  zngur_dbg(outer.name.len());
  outer.name.push_str("z"_rs);

  rust::Ref<Outer> shared = outer;
  Inner through_ref = shared.inner;
  zngur_dbg(shared.name.len());
  rust::RefMut<Outer> exclusive = outer;
  exclusive.name.push_str("w"_rs);
  *rust::RefMut<rust::Bool>(exclusive.flag) = false;
  *rust::RefMut<int32_t>(exclusive.inner.a) = 7;
  zngur_dbg(rust::Ref<int32_t>(outer.inner.a));
  zngur_dbg(rust::RefMut<int32_t>(outer.inner.b));
  auto inner_ref = rust::Ref<Inner>(outer.inner);
  zngur_dbg(rust::Ref<int32_t>(inner_ref.a));
  zngur_dbg(rust::Ref(outer.inner.a));
  zngur_dbg(rust::Ref(shared.inner));
  rust::RefMut(outer.name).push_str("!"_rs);
  rust::RefMut(exclusive.inner.c);

  // Member and static forms of methods.
  outer.rename("n"_rs);
  shared.name_len();
  exclusive.rename("k"_rs);
  Outer::name_len(outer);
  Outer::rename(outer, "s"_rs);
  const Outer& constant = outer;
  constant.name_len();

  // References to references.
  rust::Ref<rust::Ref<Outer>> twice = shared;
  rust::Ref<rust::Ref<rust::Ref<Outer>>> thrice = twice;
  zngur_dbg(twice);
  zngur_dbg(thrice);
  zngur_dbg(rust::Ref((*twice).flag));
  zngur_dbg(rust::Ref((**thrice).flag));

  rust::crate::Boxed boxed{5, Inner{1, 2, 3}};
  zngur_dbg(rust::Ref<uint64_t>(boxed.id));
  zngur_dbg(rust::RefMut<int32_t>(boxed.inner.c));
  uint64_t id = boxed.id;

  rust::Tuple<int32_t, String> pair{42, "hi"_rs.to_owned()};
  rust::Ref<int32_t> first = pair.f0;
  int32_t first_value = pair.f0;
  String second = pair.f1.clone();
  rust::Ref<rust::Tuple<int32_t, String>> pair_ref = pair;
  zngur_dbg(int32_t(pair_ref.f0));
  rust::RefMut<rust::Tuple<int32_t, String>> pair_mut = pair;
  pair_mut.f1.push_str("!"_rs);

  rust::Tuple<float, double> floats{42.24f, 12.3};
  rust::Ref<double> f1 = floats.f1;
  zngur_dbg(*f1);
  double f1_value = floats.f1;
  rust::Tuple<float, double> copied = floats;
  copied = floats;

  (void)parens, (void)flag, (void)inner, (void)b, (void)c, (void)through_ref, (void)id,
      (void)first, (void)first_value, (void)second, (void)f1_value;
}

// References and raw pointers: `Ref<Ref<T>>` assignment, `Raw` / `RawMut`
// from references and data pointers, fat raw pointers.
void refs_and_raw_pointers() {
  auto strings = Vec<rust::Ref<rust::Str>>::new_();
  strings.push("a"_rs);
  strings.push("b"_rs);
  zngur_dbg(strings.get(0));
  rust::Raw<rust::Ref<rust::Str>>(strings.get(0).unwrap()).addr();
  zngur_dbg(*strings.get(1).unwrap());
  *strings.get_mut(1).unwrap() = "flip flop"_rs;

  auto numbers = Vec<int32_t>::new_();
  numbers.push(1);
  Vec<int32_t>::push(numbers, 3);
  *numbers.get_mut(0).unwrap() = 5;
  zngur_dbg(*numbers.get(0).unwrap());
  int32_t* data = numbers.as_mut_ptr();
  data[1] = 4;

  auto nested = Vec<Vec<int32_t>>::new_();
  nested.reserve(3);
  rust::RawMut<Vec<int32_t>> slot = nested.as_mut_ptr();
  slot.offset(0).write(Vec<int32_t>::new_());
  Vec<int32_t> read_back = slot.offset(0).read();
  zngur_dbg(slot.as_ref_unchecked());
  slot.as_mut_unchecked().push(2000);
  nested.push(std::move(read_back));
  rust::RawMut<Vec<int32_t>> element = nested.get_mut(0).unwrap();
  rust::Raw<Vec<int32_t>> from_raw_mut = element;
  rust::Raw<Vec<int32_t>> from_ref_mut = nested.get_mut(0).unwrap();
  auto rebuilt = rust::RawMut<Vec<int32_t>>::from_raw_parts(element.addr());
  uint8_t* address = nullptr;
  rust::Raw<Inner> from_address = address;
  rust::RawMut<Inner> from_address_mut(address);
  Inner local{1, 2, 3};
  rust::Raw<Inner> from_ref = rust::Ref<Inner>(local);

  int32_t values[3] = {1, 2, 3};
  rust::RawMut<rust::Slice<int32_t>> slice_mut{{reinterpret_cast<uint8_t*>(values), 3}};
  rust::crate::fill(slice_mut);
  rust::Raw<rust::Slice<int32_t>> slice(
      rust::zngur_fat_pointer{reinterpret_cast<uint8_t*>(values), 3});
  zngur_dbg(rust::crate::sum_raw(slice));
  auto same_slice = rust::Raw<rust::Slice<int32_t>>::from_raw_parts(slice.addr(), slice.metadata());
  rust::Ref<rust::Slice<int32_t>> slice_ref = slice_mut.as_ref_unchecked();
  zngur_dbg(rust::crate::sum(slice_ref));
  char text[] = "abc";
  rust::Raw<rust::Str> str_ptr{{reinterpret_cast<uint8_t*>(text), 3}};
  zngur_dbg(rust::crate::text_len(str_ptr));

  rust::Bool yes = true;
  bool plain_bool = yes;
  rust::Char letter = U'x'_rs;
  char32_t plain_char = letter;
  rust::Char from_char32 = U'y';
  (void)from_raw_mut, (void)from_ref_mut, (void)rebuilt, (void)from_address,
      (void)from_address_mut, (void)from_ref, (void)same_slice, (void)plain_bool,
      (void)plain_char, (void)from_char32;
}

// Constructors, `matches_X`, `new_` / `default_`, uninitialised values,
// moves and copies.
void values() {
  auto circle = rust::crate::Shape::Circle(1.0);
  auto square = rust::crate::Shape::Square(2.0);
  auto empty = rust::crate::Shape::Empty();
  bool is_circle = circle.matches_Circle();
  uint8_t is_square = rust::crate::Shape::matches_Square(square);
  bool is_empty = rust::Ref<rust::crate::Shape>(empty).matches_Empty();
  auto some = Option<int32_t>::Some(3);
  if (some.matches_Some()) zngur_dbg(some.unwrap());

  String later;
  later = String::new_();
  String made = String::default_();
  String moved = std::move(made);
  Inner copy_later;
  copy_later = Inner{1, 2, 3};
  Inner copy = copy_later;
  copy = copy_later;
  rust::crate::Boxed boxed;
  boxed = rust::crate::Boxed{1, copy};
  rust::crate::Boxed boxed_moved = std::move(boxed);

  auto zst = rust::crate::Zst::new_();
  zst.method();
  zngur_dbg(zst);
  rust::Unit unit = rust::crate::nothing();
  rust::Tuple<> empty_tuple = unit;
  (void)is_circle, (void)is_square, (void)is_empty, (void)empty_tuple;
}

// Trait objects and closures.
void traits_and_closures() {
  rust::crate::use_greeter(rust::Box<rust::Dyn<rust::crate::Greeter>>::make_box<Hello>());
  Hello local;
  zngur_dbg(rust::crate::greet_twice(rust::Ref<rust::Dyn<rust::crate::Greeter>>(local)));
  rust::RefMut<rust::Dyn<rust::crate::Greeter>> borrowed(local);
  rust::Ref<rust::Dyn<rust::crate::Greeter>> reborrowed = borrowed;
  rust::crate::greet_twice(reborrowed);

  using Callback = rust::Box<rust::Dyn<rust::Fn<int32_t, rust::Ref<rust::Str>, int32_t>>>;
  rust::crate::call(Callback::make_box(
      [](int32_t a, rust::Ref<rust::Str> s) { return a + int32_t(s.len()); }));
  std::function<int32_t(int32_t, rust::Ref<rust::Str>)> function =
      [](int32_t a, rust::Ref<rust::Str>) { return a; };
  rust::crate::call(Callback::make_box(function));
  rust::crate::call_sync(
      rust::Box<rust::Dyn<rust::Fn<int32_t, rust::Unit>, rust::Sync, rust::Send>>::make_box(
          [](int32_t) { return rust::Unit{}; }));
}

// C++ objects in Rust values.
void cpp_objects() {
  auto counter = rust::crate::Counter::build(3);
  lib::Counter& object = counter.cpp();
  rust::Ref<rust::crate::Counter> shared = counter;
  rust::RefMut<rust::crate::Counter> exclusive = counter;
  object.count += shared.cpp().count + exclusive.cpp().count;
  rust::crate::Counter adopted(rust::ZngurCppOpaqueOwnedObject::build<lib::Counter>(4));
  auto made = rust::Impl<rust::crate::Counter, rust::Inherent>::make(3);
  rust::Impl<rust::crate::Counter, rust::Inherent>::bump(made);

  lib::Counter plain(1);
  rust::Ref<rust::crate::CounterView> view(plain);
  view.cpp();

  auto inline_owner = rust::crate::InlineOwner::build(5);
  lib::Owner& owner = inline_owner.cpp();
  const rust::crate::InlineOwner& constant = inline_owner;
  const lib::Owner& constant_owner = constant.cpp();
  lib::Owner taken = std::move(inline_owner).cpp();
  (void)owner, (void)constant_owner;
}

void panics() {
  try {
    rust::crate::nothing();
  } catch (rust::Panic&) {
  }
  try {
    throw rust::Panic{};
  } catch (const rust::Panic&) {
  }
}
