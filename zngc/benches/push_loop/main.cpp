// Best-of timings of each C++ loop against the same loop in Rust,
// interleaved so that both see the same machine load. Prints one line per
// loop, ending with the ratio C++ / native.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "generated.h"

// Runs `native` and `cpp` (each returning a checksum) 3000 times each and
// prints the best times.
template <class Native, class Cpp> void compare(const char* what, Native native, Cpp cpp) {
  using clock = std::chrono::steady_clock;
  double best_native = 1e9, best_cpp = 1e9;
  std::uint64_t total = 0;
  for (int round = 0; round < 3000; ++round) {
    auto t0 = clock::now();
    total += native();
    auto t1 = clock::now();
    total += cpp();
    auto t2 = clock::now();
    best_native = std::min(best_native, std::chrono::duration<double, std::micro>(t1 - t0).count());
    best_cpp = std::min(best_cpp, std::chrono::duration<double, std::micro>(t2 - t1).count());
  }
  std::printf("%s: native Rust %.1f us, C++ through zngc %.1f us (%llu); ratio %.3f\n", what,
              best_native, best_cpp, static_cast<unsigned long long>(total),
              best_cpp / best_native);
}

int main() {
  compare(
      "10,000 Vec<u64>::push", [] { return rust::crate::native_push(10000); },
      [] {
        auto v = rust::std::vec::Vec<std::uint64_t>::new_();
        for (std::uint64_t i = 0; i < 10000; ++i) v.push(i);
        return v.len();
      });
  compare(
      "10,000 step(Pair) -> Pair", [] { return rust::crate::native_step(10000); },
      [] {
        auto p = rust::crate::Pair(1, 0);
        for (int i = 0; i < 10000; ++i) p = rust::crate::step(p);
        std::uint64_t a = p.a;
        return a;
      });
}
