#include <cstdio>
#include <string>

#include "generated.h"

using Option = rust::std::option::Option<int32_t>;
using Iterator = rust::std::iter::Iterator<int32_t>;

// Counts down from `from` to 1.
class Countdown : public Iterator {
 public:
  Countdown(std::string name, int32_t from) : name(std::move(name)), current(from) {}
  ~Countdown() override { std::printf("c++: ~Countdown(%s)\n", name.c_str()); }
  Option next() override {
    if (current == 0) return Option::None();
    return Option::Some(current--);
  }

 private:
  std::string name;
  int32_t current;
};

int main() {
  auto boxed = rust::Box<rust::Dyn<Iterator>>::make_box<Countdown>("boxed", 4);
  std::printf("sum_all = %d\n", rust::crate::sum_all(std::move(boxed)));

  auto sendable = rust::Box<rust::Dyn<Iterator, rust::Send>>::make_box<Countdown>("sent", 3);
  std::printf("sum_on_thread = %d\n", rust::crate::sum_on_thread(std::move(sendable)));

  Countdown local("local", 5);
  std::printf("take_two = %d\n", rust::crate::take_two(rust::RefMut<rust::Dyn<Iterator>>(local)));
  std::printf("take_two = %d\n", rust::crate::take_two(rust::RefMut<rust::Dyn<Iterator>>(local)));
  std::printf("local next = %d\n", local.next().matches_Some() ? 1 : 0);
  std::printf("end of main\n");
}
