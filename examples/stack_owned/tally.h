// A C++ class that Rust stores by value (main.zng, `#cpp_stack_owned`).
#pragma once
#include <cstdint>
#include <cstdio>

namespace stats {
class Tally {
 public:
  explicit Tally(int32_t start) : total_(start), count_(0) {}
  ~Tally() {
    ::std::printf("c++: tally of %d destroyed\n", total_);
    ::std::fflush(stdout);
  }
  void add(int32_t value) {
    total_ += value;
    count_++;
  }
  int32_t total() const { return total_; }
  int32_t count() const { return count_; }

 private:
  int32_t total_;
  int32_t count_;
};
}  // namespace stats
