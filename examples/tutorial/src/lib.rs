#[rustfmt::skip]
mod generated;

#[derive(Debug)]
pub struct Item {
    pub name: String,
    pub size: u32,
}

#[derive(Debug)]
pub struct Inventory {
    items: Vec<Item>,
    remaining_space: u32,
}

impl Inventory {
    pub fn new_empty(space: u32) -> Self {
        Self {
            items: vec![],
            remaining_space: space,
        }
    }

    pub fn add_item(&mut self, item: Item) {
        self.remaining_space -= item.size;
        self.items.push(item);
    }

    pub fn add_banana(&mut self, count: u32) {
        for _ in 0..count {
            self.add_item(Item {
                name: "banana".to_owned(),
                size: 7,
            });
        }
    }

    pub fn remaining_space(&self) -> u32 {
        self.remaining_space
    }

    pub fn items(&self) -> &Vec<Item> {
        &self.items
    }

    pub fn into_items(self) -> Vec<Item> {
        self.items
    }
}
