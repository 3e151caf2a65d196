#include <iostream>

#include "generated.h"

using rust::crate::Inventory;
using rust::crate::Item;

int main() {
  auto inventory = Inventory::new_empty(1000);
  inventory.add_banana(3);
  inventory.add_item(Item("apple"_rs.to_owned(), 5));
  std::cout << "remaining space: " << inventory.remaining_space() << std::endl;
  zngur_dbg(inventory);

  rust::std::vec::Vec<Item> items = std::move(inventory).into_items();
  items.push(Item("cherry"_rs.to_owned(), 1));
  std::cout << "items: " << items.len() << std::endl;
  zngur_dbg(items);
}
