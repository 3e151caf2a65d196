#[rustfmt::skip]
mod generated;

pub struct Counter(u64);

impl Counter {
    pub fn new() -> Counter {
        Counter(0)
    }

    pub fn bump(&mut self, by: u64) {
        self.0 += by;
    }

    pub fn total(&self) -> u64 {
        self.0
    }
}
