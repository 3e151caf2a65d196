// Calls every method of primitives.zng, so that the snapshot is known to
// compile (g++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only).
#include "primitives.h"

int use_primitives() {
  std::size_t len = rust::Str::len("text"_rs);
  auto some = rust::bool_::then_some(true, 5);

  rust::Char c = U'a'_rs;
  bool alphabetic = rust::char_::is_alphabetic(c);
  rust::Char upper = rust::char_::to_ascii_uppercase(c);
  rust::char_::make_ascii_lowercase(upper);
  auto maybe = rust::char_::from_u32(0x41);

  int total = rust::i8::abs(-3) + rust::i16::signum(-9) + rust::i32::pow(2, 10) +
              rust::i32::not_(0) + static_cast<int>(rust::i64::rem_euclid(-7, 3)) +
              static_cast<int>(rust::i128::abs(__int128(-4))) + rust::isize::is_negative(-1);
  std::uint8_t digit = '7';
  bool is_digit = rust::u8::is_ascii_digit(digit);
  rust::u8::make_ascii_uppercase(digit);
  total += rust::u16::swap_bytes(1) + rust::u32::leading_zeros(1) + rust::u64::count_ones(255) +
           static_cast<int>(rust::u64::from_be(1)) +
           rust::u128::is_power_of_two(static_cast<unsigned __int128>(64)) +
           static_cast<int>(rust::usize::saturating_sub(1, 2)) +
           static_cast<int>(rust::f32::to_bits(1.0f)) +
           static_cast<int>(rust::f64::sqrt(2.0) + rust::f64::from_bits(0));
  (void)some;
  (void)maybe;
  return total + static_cast<int>(len) + alphabetic + is_digit;
}
