#[rustfmt::skip]
mod generated;

#[derive(Debug)]
pub struct Noisy(pub String);

impl Noisy {
    pub fn name(&self) -> &str {
        &self.0
    }

    pub fn rename(&mut self, name: &str) {
        self.0 = name.to_owned();
    }
}

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

pub struct Counter;

impl Counter {
    pub fn hello(&self) {
        println!("hello from a zero-sized type");
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        println!("drop counter");
    }
}

pub fn make_counter() -> Counter {
    println!("making a counter");
    Counter
}

pub fn print(text: &str) {
    println!("{text}");
}

pub fn consume(noisy: Noisy) {
    println!("consuming {}", noisy.0);
}

pub fn pass_through(noisy: Noisy) -> Noisy {
    println!("passing {} through", noisy.0);
    noisy
}
