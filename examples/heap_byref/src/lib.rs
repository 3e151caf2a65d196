#[rustfmt::skip]
mod generated;

use std::sync::Mutex;

#[derive(Debug)]
pub struct Big {
    pub id: u64,
    data: Vec<u64>,
}

impl Big {
    pub fn new(id: u64) -> Big {
        Big {
            id,
            data: (1..=id).collect(),
        }
    }

    pub fn total(&self) -> u64 {
        self.data.iter().sum()
    }

    pub fn grow(&mut self, by: u64) {
        self.data.push(by);
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Pair(pub u32, pub u32);

impl Pair {
    pub fn new(a: u32, b: u32) -> Pair {
        Pair(a, b)
    }

    pub fn swap(&mut self) {
        *self = Pair(self.1, self.0);
    }
}

impl Drop for Big {
    fn drop(&mut self) {
        println!("drop Big {}", self.id);
    }
}

pub struct Registry {
    name: &'static str,
    ids: Vec<u64>,
}

impl Registry {
    pub fn name(&self) -> &str {
        self.name
    }

    pub fn count(&self) -> usize {
        self.ids.len()
    }

    pub fn register(&mut self, id: u64) {
        self.ids.push(id);
    }
}

static REGISTRY: Mutex<Option<&'static mut Registry>> = Mutex::new(None);

/// The one registry, created on first use.
pub fn registry() -> &'static mut Registry {
    let mut slot = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
    let registry = slot.get_or_insert_with(|| {
        Box::leak(Box::new(Registry {
            name: "main registry",
            ids: Vec::new(),
        }))
    });
    // The example is single-threaded: handing out the one mutable
    // reference again is how C++ code holding a RefMut would see it.
    unsafe { &mut *(*registry as *mut Registry) }
}

pub fn consume(big: Big) -> u64 {
    big.total()
}

pub fn print(text: &str) {
    println!("{text}");
}
