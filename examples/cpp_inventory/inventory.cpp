// The C++ bodies of the `extern "C++"` items of main.zng. Inside them, `std`
// names `rust::std`, so the C++ standard library is `::std`.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "generated.h"

using rust::crate::Inventory;
using rust::crate::Item;

namespace {
// A `&str` viewing a C++ string, which must outlive it.
rust::Ref<rust::Str> str_of(const std::string& s) {
  return rust::Ref<rust::Str>(
      rust::zng_internal::FromAddress{},
      rust::zng_internal::Fat{reinterpret_cast<uint8_t*>(const_cast<char*>(s.data())), s.size()});
}
}  // namespace

rust::Unit rust::exported_functions::log_line(rust::Ref<rust::Str> line) {
  ::std::printf("c++ log: %.*s\n", static_cast<int>(line.len()),
              reinterpret_cast<const char*>(line.as_ptr()));
  ::std::fflush(stdout);
  return {};
}

uint32_t rust::exported_functions::checksum(const uint8_t* data, size_t len) {
  uint32_t sum = 0;
  for (size_t i = 0; i < len; i++) sum = sum * 31 + data[i];
  return sum;
}

rust::Unit rust::Impl<Inventory, rust::Inherent>::add_banana(rust::RefMut<Inventory> self,
                                                              uint32_t count) {
  for (uint32_t i = 0; i < count; i++) self.add_item(Item("banana"_rs.to_owned(), 7 + i));
  return {};
}

rust::std::vec::Vec<uint32_t> rust::Impl<Inventory, rust::Inherent>::sorted_sizes(
    rust::Ref<Inventory> self) {
  ::std::vector<uint32_t> sizes;
  for (size_t i = 0; i < self.item_count(); i++) sizes.push_back(self.item(i).size);
  ::std::sort(sizes.begin(), sizes.end());
  auto result = rust::std::vec::Vec<uint32_t>::new_();
  for (uint32_t size : sizes) result.push(size);
  return result;
}

rust::std::fmt::Result rust::Impl<Item, rust::std::fmt::Debug>::fmt(
    rust::Ref<Item> self, rust::RefMut<rust::std::fmt::Formatter> f) {
  ::std::string text = "Item(" + ::std::to_string(uint32_t(self.size)) + " cm of ";
  f.write_str(str_of(text));
  f.write_str(self.name.as_str());
  return f.write_str(")"_rs);
}
