// The C++ side of main.zng: an inventory that is a C++ class holding a
// `std::vector` of Rust items, owned by Rust through `#cpp_value`, and the
// bodies of the `extern "C++"` items. Inside them, `std` names `rust::std`,
// so the C++ standard library is `::std`.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "generated.h"

using rust::crate::Inventory;
using rust::crate::Item;
using rust::crate::Receipt;

namespace shop {
class Inventory {
 public:
  explicit Inventory(size_t capacity) { items.reserve(capacity); }
  ~Inventory() {
    ::std::printf("c++: inventory of %zu items destroyed\n", items.size());
    ::std::fflush(stdout);
  }
  ::std::vector<Item> items;
};

struct Receipt {
  explicit Receipt(uint32_t total) : total(total) {}
  uint32_t total;
  ~Receipt() {
    ::std::printf("c++: receipt destroyed\n");
    ::std::fflush(stdout);
  }
};
}  // namespace shop

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

Inventory rust::Impl<Inventory, rust::Inherent>::with_capacity(size_t capacity) {
  return Inventory::build(capacity);
}

rust::Unit rust::Impl<Inventory, rust::Inherent>::add_item(rust::RefMut<Inventory> self,
                                                            Item item) {
  self.cpp().items.push_back(::std::move(item));
  return {};
}

rust::Unit rust::Impl<Inventory, rust::Inherent>::add_banana(rust::RefMut<Inventory> self,
                                                              uint32_t count) {
  for (uint32_t i = 0; i < count; i++) {
    self.cpp().items.push_back(Item("banana"_rs.to_owned(), 9 - i));
  }
  return {};
}

size_t rust::Impl<Inventory, rust::Inherent>::item_count(rust::Ref<Inventory> self) {
  return self.cpp().items.size();
}

rust::Ref<Item> rust::Impl<Inventory, rust::Inherent>::item(rust::Ref<Inventory> self,
                                                            size_t index) {
  return self.cpp().items.at(index);
}

rust::std::vec::Vec<uint32_t> rust::Impl<Inventory, rust::Inherent>::sorted_sizes(
    rust::Ref<Inventory> self) {
  ::std::vector<uint32_t> sizes;
  for (const Item& item : self.cpp().items) sizes.push_back(item.size);
  ::std::sort(sizes.begin(), sizes.end());
  auto result = rust::std::vec::Vec<uint32_t>::new_();
  for (uint32_t size : sizes) result.push(size);
  return result;
}

Receipt rust::Impl<Inventory, rust::Inherent>::receipt(rust::Ref<Inventory> self) {
  uint32_t total = 0;
  for (const Item& item : self.cpp().items) total += uint32_t(item.size);
  return Receipt(rust::ZngurCppOpaqueOwnedObject::build<shop::Receipt>(total));
}

uint32_t rust::Impl<Receipt, rust::Inherent>::total_size(rust::Ref<Receipt> self) {
  return self.cpp().total;
}

rust::std::fmt::Result rust::Impl<Item, rust::std::fmt::Debug>::fmt(
    rust::Ref<Item> self, rust::RefMut<rust::std::fmt::Formatter> f) {
  ::std::string text = "Item(" + ::std::to_string(uint32_t(self.size)) + " cm of ";
  f.write_str(rust::Str::from_string_view(text));
  f.write_str(self.name.as_str());
  return f.write_str(::std::string_view(")"));
}

rust::std::fmt::Result rust::Impl<Inventory, rust::std::fmt::Debug>::fmt(
    rust::Ref<Inventory> self, rust::RefMut<rust::std::fmt::Formatter> f) {
  f.write_str("Inventory ["_rs);
  const char* separator = "";
  for (const Item& item : self.cpp().items) {
    f.write_str(rust::Str::from_char_star(separator));
    rust::Impl<Item, rust::std::fmt::Debug>::fmt(item, f);
    separator = ", ";
  }
  return f.write_str("]"_rs);
}
