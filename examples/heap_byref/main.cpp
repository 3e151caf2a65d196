#include <iostream>

#include "generated.h"

using rust::crate::Big;
using rust::crate::Registry;

int main() {
  Big a = Big::new_(4);
  a.grow(100);
  std::cout << "a.total() = " << a.total() << ", a.id = " << uint64_t(a.id) << std::endl;
  Big b = std::move(a);  // moves the pointer only
  zngur_dbg(b);
  std::cout << "consumed total " << rust::crate::consume(std::move(b)) << std::endl;
  {
    Big scoped = Big::new_(2);
    rust::Ref<Big> r = scoped;
    std::cout << "scoped total through Ref " << r.total() << std::endl;
  }

  rust::RefMut<Registry> registry = rust::crate::registry();
  registry.register_(7);
  registry.register_(8);
  rust::crate::print(registry.name());
  std::cout << "registered " << Registry::count(registry) << std::endl;

  // A boxed Copy type: the copy is a second box, changed independently.
  auto pair = rust::crate::Pair::new_(1, 2);
  auto copy = pair;
  copy.swap();
  zngur_dbg(pair);
  zngur_dbg(copy);
  pair = copy;
  zngur_dbg(pair);
  std::cout << "end of main" << std::endl;
}
