// Two bridges generated from two .zng files, linked into one program.
#include <cstdio>

#include "generated.h"
#include "second.h"

int main() {
  // Unbuffered, so that C++'s and Rust's output interleave in order.
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  auto first = rust::crate::Counter::new_(10);
  auto other = second::crate::Counter::new_(20);
  first.bump();
  std::printf("first: %llu\n", static_cast<unsigned long long>(first.bump()));
  std::printf("second: %llu\n", static_cast<unsigned long long>(other.bump()));

  // The same Rust type, as two C++ classes: inline in one bridge, boxed in
  // the other.
  auto text = rust::std::string::String::new_();
  text.push_str("four"_rs);
  auto boxed = second::std::string::String::new_();
  std::printf("lengths: %zu %zu\n", text.len(), boxed.len());
  zngur_dbg(text);
}
