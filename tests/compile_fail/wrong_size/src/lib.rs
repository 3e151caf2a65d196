#[rustfmt::skip]
mod generated;

pub struct Inventory {
    pub items: Vec<u32>,
    pub space: u32,
}
