#include <iostream>

#include "generated.h"

using rust::std::collections::HashMap;
using rust::std::string::String;
using rust::std::vec::Vec;

int main() {
  auto v = Vec<int32_t>::new_();
  for (int32_t i : {5, 3, 9, 1}) v.push(i);
  auto copy = v.clone();
  v.sort();
  zngur_dbg(v);
  zngur_dbg(copy);
  std::cout << "len " << v.len() << std::endl;
  std::cout << "v[2] = " << *v.get(2).unwrap() << std::endl;
  std::cout << "v[10] is some: " << (v.get(10).is_some() ? "yes" : "no") << std::endl;

  auto s = String::new_();
  s.push_str("hello"_rs);
  s.push_str(", world"_rs);
  zngur_dbg(s);
  std::cout << "string length " << s.len() << std::endl;

  auto map = HashMap<int32_t, int32_t>::new_();
  map.insert(2, 20);
  map.insert(1, 10);
  auto previous = map.insert(2, 22);
  std::cout << "previous value " << previous.unwrap_or(-1) << std::endl;
  std::cout << "first insert had none: " << (map.insert(3, 30).is_none() ? "yes" : "no")
            << std::endl;
  std::cout << "map size " << map.len() << std::endl;
  std::cout << "none or previous: " << map.insert(9, 90).or_(previous).unwrap_or(0) << std::endl;

  std::cout << "sum of copy " << std::move(copy).into_iter().sum() << std::endl;
  zngur_dbg(rust::crate::sorted_summary(map));
}
