#include <cstdio>
#include <memory>
#include <string>

#include "generated.h"

using rust::Box;
using rust::Dyn;
using rust::std::string::String;
using Vec = rust::std::vec::Vec<int32_t>;

// Says when the lambda that captured it is destroyed.
struct Witness {
  std::string name;
  ~Witness() { std::printf("c++: %s destroyed\n", name.c_str()); }
};

int main() {
  Vec v = Vec::new_();
  for (int32_t i = 1; i <= 4; i++) v.push(i);

  int32_t factor = 10;
  auto witness = std::make_shared<Witness>();
  witness->name = "map_sum's lambda";
  auto times = Box<Dyn<rust::Fn<int32_t, int32_t>>>::make_box(
      [factor, witness](int32_t x) { return x * factor; });
  witness.reset();
  int32_t calls = 0;
  std::printf("visit:");
  rust::crate::visit(v, Box<Dyn<rust::FnMut<int32_t, rust::Unit>>>::make_box([&calls](int32_t x) {
    calls++;
    std::printf(" %d", x);
  }));
  std::printf("\nvisited %d values\n", calls);
  std::printf("map_sum = %d\n", rust::crate::map_sum(std::move(v), std::move(times)));

  std::string prefix = "got: ";
  std::printf("finish = %zu\n",
              rust::crate::finish(Box<Dyn<rust::FnOnce<String, size_t>>>::make_box(
                  [prefix](String s) -> size_t {
                    std::printf("c++: %s%zu bytes\n", prefix.c_str(), s.len());
                    return s.len() + prefix.size();
                  })));

  auto add = Box<Dyn<rust::Fn<int32_t, int32_t, int32_t>, rust::Send, rust::Sync>>::make_box(
      [](int32_t a, int32_t b) { return a + b; });
  std::printf("fold_in_threads = %d\n", rust::crate::fold_in_threads(std::move(add)));
  std::printf("end of main\n");
}
