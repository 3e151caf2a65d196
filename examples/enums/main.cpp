#include <iostream>

#include "generated.h"

using rust::crate::Shape;
using rust::std::option::Option;
using Parsed = rust::std::result::Result<int32_t, rust::std::string::String>;
using Checked = rust::std::result::Result<rust::Unit, rust::std::string::String>;

int main() {
  auto circle = Shape::Circle(2.0);
  auto rect = Shape::Rect(3.0, 4.0);
  auto empty = Shape::Empty();
  rect.scale(2.0);
  std::cout << "circle area " << circle.area() << std::endl;
  std::cout << "rect area " << rect.area() << std::endl;
  std::cout << "circle is a circle: " << int(circle.matches_Circle()) << std::endl;
  std::cout << "circle is a rect: " << int(circle.matches_Rect()) << std::endl;
  std::cout << "empty is empty: " << int(rust::Ref<Shape>(empty).matches_Empty()) << std::endl;
  zngur_dbg(rect);
  double tenth = rect.area() / 480;
  zngur_dbg(tenth);

  auto some = Option<int32_t>::Some(21);
  auto none = Option<int32_t>::None();
  std::cout << "doubled " << rust::crate::double_it(some).unwrap_or(0) << std::endl;
  std::cout << "doubled none " << rust::crate::double_it(none).unwrap_or(-1) << std::endl;
  std::cout << "some is some: " << int(some.matches_Some()) << std::endl;

  Parsed good = rust::crate::parse_number("42"_rs);
  Parsed bad = rust::crate::parse_number("forty-two"_rs);
  std::cout << "good is ok: " << good.is_ok() << ", bad is ok: " << bad.is_ok() << std::endl;
  std::cout << "good value " << std::move(good).unwrap() << std::endl;
  zngur_dbg(bad);
  Parsed made = Parsed::Err("made in C++"_rs.to_owned());
  std::cout << "made is an error: " << int(made.matches_Err()) << std::endl;

  Checked ok = Checked::Ok(rust::Unit{});
  std::cout << "Ok(()) is Ok: " << int(ok.matches_Ok()) << std::endl;
  zngur_dbg(rust::crate::check_positive(-3));
}
