#[rustfmt::skip]
mod generated;

pub struct Guard(u32);

impl Guard {
    pub fn new(id: u32) -> Guard {
        println!("guard {id} created");
        Guard(id)
    }

    pub fn id(&self) -> u32 {
        self.0
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        println!("guard {} dropped", self.0);
    }
}

/// Prints panics on one line of stdout instead of the default report, so
/// the example's output is the same everywhere.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        println!("rust panicked: {message}");
    }));
}

pub fn divide(a: i32, b: i32) -> i32 {
    if b == 0 {
        panic!("division of {a} by zero");
    }
    a / b
}

pub fn consume_and_panic(guard: Guard, panic: bool) -> Guard {
    if panic {
        panic!("panicking while owning guard {}", guard.0);
    }
    guard
}
