mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

pub struct Item {
    pub name: String,
    pub size: u32,
}

pub struct Inventory {
    items: Vec<Item>,
}

impl Inventory {
    pub fn add_item(&mut self, item: Item) {
        self.items.push(item);
    }

    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    pub fn item(&self, index: usize) -> &Item {
        &self.items[index]
    }
}

fn main() {
    generated::log_line("starting");
    let mut inventory = Inventory { items: vec![] };
    inventory.add_item(Item {
        name: "apple".to_owned(),
        size: 12,
    });
    inventory.add_banana(3);
    println!("first: {:?}", inventory.item(0));
    println!("all: {:?}", inventory.items);
    println!("sorted sizes: {:?}", inventory.sorted_sizes());
    let data = b"zngc";
    // SAFETY: `data` is valid for `data.len()` bytes.
    let sum = unsafe { generated::checksum(data.as_ptr(), data.len()) };
    println!("checksum = {sum}");
    generated::log_line("done");
}
