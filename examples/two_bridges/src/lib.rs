//! Two bridges in one library: `main.zng` (C++ namespace `rust`) and
//! `second.zng` (namespace `second`, mangling base `second`) declare the
//! same Rust types. Their `extern "C"` symbols must not collide, and C++
//! sees two distinct sets of classes.

#[rustfmt::skip]
mod generated;
#[rustfmt::skip]
mod second;

pub struct Counter {
    count: u64,
}

impl Counter {
    pub fn new(start: u64) -> Self {
        Counter { count: start }
    }

    pub fn bump(&mut self) -> u64 {
        self.count += 1;
        self.count
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        println!("dropping a counter at {}", self.count);
    }
}
