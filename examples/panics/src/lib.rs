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
            .or_else(|| info.payload().downcast_ref::<String>().cloned());
        match message {
            Some(text) if text.len() > 80 => println!("rust panicked: {} bytes", text.len()),
            Some(text) => println!("rust panicked: {text}"),
            None => println!("rust panicked with a payload that is not a string"),
        }
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
        // A message without arguments: the payload is a `&str`.
        panic!("panicking while owning a guard");
    }
    guard
}

/// Panics with a 600-byte message whose 255th and 256th bytes are one
/// character (`é`), so that a cut at 255 bytes must step back to 254.
pub fn panic_with_long_message() {
    let message = format!("{}é{}", "a".repeat(254), "b".repeat(344));
    std::panic::panic_any(message);
}

/// Panics with a payload that is not a string.
pub fn panic_with_number() {
    std::panic::panic_any(42_i32);
}
