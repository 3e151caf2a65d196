#include <algorithm>
#include <iostream>
#include <string>

#include "generated.h"

using rust::crate::Guard;

int main() {
  rust::crate::quiet_panics();
  std::cout << "10 / 2 = " << rust::crate::divide(10, 2) << std::endl;
  try {
    std::cout << "1 / 0 = " << rust::crate::divide(1, 0) << std::endl;
  } catch (const rust::Panic& e) {
    std::cout << "caught rust::Panic: " << e.what() << std::endl;
  }

  auto kept = rust::crate::consume_and_panic(Guard::new_(1), false);
  std::cout << "kept guard " << kept.id() << std::endl;
  try {
    auto lost = rust::crate::consume_and_panic(Guard::new_(2), true);
    std::cout << "not reached " << lost.id() << std::endl;
  } catch (const rust::Panic& e) {
    std::cout << "caught the second panic: " << e.what() << std::endl;
  }
  try {
    rust::crate::panic_with_long_message();
  } catch (const rust::Panic& e) {
    std::string message = e.what();
    std::cout << "long message: " << message.size() << " bytes, "
              << std::count(message.begin(), message.end(), 'a') << " a, ends in "
              << int(static_cast<unsigned char>(message.back())) << std::endl;
  }
  try {
    rust::crate::panic_with_number();
  } catch (const rust::Panic& e) {
    std::cout << "not a string: " << e.what() << std::endl;
  }
  std::cout << "end of main" << std::endl;
}
