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

  rust::Ref<rust::std::vec::Vec<Item>> items = inventory.items();
  std::cout << "items: " << items.len() << std::endl;
  rust::Ref<Item> last = items.get(3).unwrap();
  std::cout << "last item size: " << uint32_t(last.size) << ", name length: "
            << last.name.len() << std::endl;
  if (items.get(10).matches_None()) std::cout << "no item 10" << std::endl;

  auto owned = std::move(inventory).into_items();
  zngur_dbg(owned);
}
