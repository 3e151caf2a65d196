// Best-of timings, interleaved so that both loops see the same machine
// load. Prints the ratio C++ / native on the last line.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "generated.h"

int main() {
  using clock = std::chrono::steady_clock;
  double best_native = 1e9, best_cpp = 1e9;
  std::size_t total = 0;
  for (int round = 0; round < 3000; ++round) {
    auto t0 = clock::now();
    total += rust::crate::native_push(10000);
    auto t1 = clock::now();
    {
      auto v = rust::std::vec::Vec<std::uint64_t>::new_();
      for (std::uint64_t i = 0; i < 10000; ++i) v.push(i);
      total += v.len();
    }
    auto t2 = clock::now();
    best_native = std::min(best_native, std::chrono::duration<double, std::micro>(t1 - t0).count());
    best_cpp = std::min(best_cpp, std::chrono::duration<double, std::micro>(t2 - t1).count());
  }
  std::printf("native Rust: %.1f us, C++ through zngc: %.1f us per 10,000 pushes (%zu)\n",
              best_native, best_cpp, total);
  std::printf("%.3f\n", best_cpp / best_native);
}
