mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

/// A C++ `shop::Inventory`, owned by Rust.
pub use generated::cpp::Inventory;

pub struct Item {
    pub name: String,
    pub size: u32,
}

/// A C++ `shop::Receipt`, declared as older Zngur files did.
#[allow(dead_code)] // Only C++ reads the object.
pub struct Receipt(generated::ZngurCppOpaqueOwnedObject);

fn main() {
    generated::log_line("starting");
    let mut inventory = Inventory::with_capacity(8);
    inventory.add_item(Item {
        name: "apple".to_owned(),
        size: 12,
    });
    inventory.add_banana(3);
    println!("count: {}", inventory.item_count());
    println!("first: {:?}", inventory.item(0));
    println!("all: {inventory:?}");
    println!("sorted sizes: {:?}", inventory.sorted_sizes());
    let receipt = inventory.receipt();
    drop(inventory);
    println!("receipt total: {}", receipt.total_size());
    drop(receipt);
    let data = b"zngc";
    // SAFETY: `data` is valid for `data.len()` bytes.
    let sum = unsafe { generated::checksum(data.as_ptr(), data.len()) };
    println!("checksum = {sum}");
    generated::log_line("done");
}
