#[rustfmt::skip]
mod generated;

#[derive(Debug)]
pub struct Noisy(pub &'static str);

impl Noisy {
    pub fn name(&self) -> &str {
        self.0
    }

    pub fn rename(&mut self, name: &str) {
        // The example only passes string literals, which live forever.
        self.0 = Box::leak(name.to_owned().into_boxed_str());
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
