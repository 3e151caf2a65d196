#include <iostream>
#include <string>
#include <string_view>

#include "generated.h"

using rust::std::vec::Vec;

int main() {
  rust::Ref<rust::Str> text = "hello brave new world"_rs;
  std::cout << "text length " << text.len() << std::endl;
  rust::crate::print(rust::crate::first_word(text));
  auto loud = rust::crate::shout(text);
  rust::crate::print(loud.as_str());
  zngur_dbg(loud);

  auto numbers = Vec<int32_t>::new_();
  for (int32_t i = 1; i <= 4; ++i) numbers.push(i);
  rust::Ref<rust::Slice<int32_t>> slice = numbers.as_slice();
  std::cout << "slice length " << slice.len() << ", sum " << rust::crate::sum(slice)
            << std::endl;
  std::cout << "raw sum " << rust::crate::sum_raw(numbers.as_ptr(), 4) << std::endl;
  rust::crate::double_all(numbers.as_mut_ptr(), 4);
  zngur_dbg(numbers);

  auto words = Vec<rust::Ref<rust::Str>>::new_();
  words.push("alpha"_rs);
  words.push("beta"_rs);
  rust::Ref<rust::Ref<rust::Str>> first = words.first().unwrap();
  rust::crate::print(*first);
  zngur_dbg(words);

  rust::Char c = rust::crate::next_char(U'a'_rs);
  std::cout << "next char after a: " << char(char32_t(c)) << std::endl;
  std::cout << "4 is even: " << bool(rust::crate::is_even(4)) << std::endl;
  std::cout << "negate(-7) = " << rust::crate::negate(-7) << std::endl;
  __int128 big = rust::crate::wide_product(__int128(1) << 70, 3);
  rust::crate::print_wide(big);
  std::cout << "half of 5 = " << rust::crate::half(5.0f) << std::endl;

  zngur_dbg(rust::bool_::then_some(true, 7));
  zngur_dbg(rust::bool_::then_some(false, 7));
  rust::Char letter = U'q'_rs;
  std::cout << "q is alphabetic: " << bool(rust::char_::is_alphabetic(letter))
            << ", 7 is alphabetic: " << bool(rust::char_::is_alphabetic(U'7'_rs)) << std::endl;
  std::cout << "q in upper case: " << char(char32_t(rust::char_::to_ascii_uppercase(letter)))
            << std::endl;
  rust::char_::make_ascii_uppercase(letter);
  std::cout << "q made upper case: " << char(char32_t(letter)) << std::endl;
  std::cout << "ones in 255: " << rust::u64::count_ones(255) << std::endl;
  std::cout << "3 to the 4th: " << rust::i32::pow(3, 4) << std::endl;
  double bits = rust::f64::from_bits(0x4002000000000000);
  std::cout << "square root of " << bits << ": " << rust::f64::sqrt(bits) << std::endl;

  // Raw pointers to `bool`, `char` and `()`.
  rust::Bool flags[3] = {true, false, false};
  rust::RawMut<rust::Bool> flag_ptr = rust::RefMut<rust::Bool>(flags[0]);
  flag_ptr.offset(2).write(true);
  std::cout << "third flag: " << bool(flag_ptr.offset(2).read())
            << ", flags set: " << rust::crate::count_true(flag_ptr, 3) << std::endl;
  rust::Char letters[3] = {U'x'_rs, U'y'_rs, U'z'_rs};
  rust::RawMut<rust::Char> letter_ptr = rust::RefMut<rust::Char>(letters[0]);
  letter_ptr.offset(2).write(U'\u00e9'_rs);
  rust::Raw<rust::Char> second = rust::Raw<rust::Char>(letter_ptr).offset(1);
  std::cout << "second letter: " << char(char32_t(*second.as_ref_unchecked())) << std::endl;
  zngur_dbg(rust::crate::last_char(letter_ptr, 3));
  rust::RawMut<rust::Unit> unit_ptr = rust::crate::unit_address();
  unit_ptr.write(rust::Unit{});
  rust::Unit unit = unit_ptr.read();
  std::cout << "a unit pointer offset by 3 moves "
            << unit_ptr.offset(3).addr() - unit_ptr.addr() << " bytes" << std::endl;
  zngur_dbg(unit);

  // `zngur_dbg` of a `char` escapes it as Rust's `{:#?}` does.
  for (rust::Char c : {U'a'_rs, U'\n'_rs, U'\t'_rs, U'\r'_rs, U'\\'_rs, U'\''_rs, U'"'_rs, U'\0'_rs,
                       U'\x1b'_rs, U'\x7f'_rs}) {
    zngur_dbg(c);
  }

  // `&str` from C++ text: any string with `data()` and `size()`, and C strings.
  std::string owned_text = "from a std::string";
  rust::crate::print(owned_text);
  rust::crate::print(std::string_view("from a string_view, cut here", 19));
  rust::crate::print("from a C string");
  rust::crate::print(rust::Str::from_string_view(owned_text));
  rust::crate::print(rust::Str::from_char_star("from_char_star"));
  const char* no_text = nullptr;
  std::cout << "a null C string is empty: " << rust::Ref<rust::Str>(no_text).len() << std::endl;

  // Zngur's forms: assigning through a `&mut &str`, fat raw pointers built
  // from `{data, length}`, and `zngur_dbg`'s result used as a value.
  *words.get_mut(1).unwrap() = "gamma"_rs;
  zngur_dbg(words);
  int32_t values[3] = {4, 5, 6};
  rust::RawMut<rust::Slice<int32_t>> values_ptr{{reinterpret_cast<uint8_t*>(values), 3}};
  rust::crate::negate_all(values_ptr);
  auto first_two = rust::Raw<rust::Slice<int32_t>>::from_raw_parts(values_ptr.addr(),
                                                                   values_ptr.metadata() - 1);
  std::cout << "negated: " << values[0] << " " << values[1] << " " << values[2]
            << ", sum of the first two: " << rust::crate::sum_slice_raw(first_two)
            << ", slice length " << values_ptr.as_ref_unchecked().len() << std::endl;
  std::cout << "dbg returns its value: " << zngur_dbg(rust::crate::negate(3)) + 1 << std::endl;
}
