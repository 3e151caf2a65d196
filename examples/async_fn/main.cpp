#include <iostream>
#include <utility>

#include "generated.h"

using rust::crate::Sensor;

int main() {
  // Calling an async fn only makes the future: nothing runs until Rust
  // polls it.
  auto sum = rust::crate::add_later(2, 3);
  std::cout << "polls before running: " << rust::crate::polls() << std::endl;
  std::cout << "add_later(2, 3) = " << rust::crate::block_on(std::move(sum)) << std::endl;
  std::cout << "polls: " << rust::crate::polls() << std::endl;

  // A future is an owned value: it moves, and one that never runs is
  // dropped like any other.
  auto first = rust::crate::add_later(10, 20);
  auto moved = std::move(first);
  auto never_run = rust::crate::add_later(1, 1);
  std::cout << "moved future = " << rust::crate::block_on(std::move(moved)) << std::endl;

  Sensor sensor(100);
  auto reading = sensor.read(7);
  std::cout << "sensor.read(7) = " << rust::crate::block_on(std::move(reading)) << std::endl;

  auto text = rust::crate::block_on_string(rust::crate::greeting(2));
  zngur_dbg(text);
  std::cout << "polls: " << rust::crate::polls() << std::endl;
}
