#[rustfmt::skip]
mod generated;

pub fn sum_all(it: Box<dyn Iterator<Item = i32>>) -> i32 {
    println!("rust: summing");
    it.sum()
}

pub fn sum_on_thread(it: Box<dyn Iterator<Item = i32> + Send>) -> i32 {
    let handle = std::thread::spawn(move || it.map(|x| x * 10).sum::<i32>());
    handle.join().unwrap_or(-1)
}

/// Takes two items (through `&mut dyn Iterator`) and adds them.
pub fn take_two(it: &mut dyn Iterator<Item = i32>) -> i32 {
    it.take(2).sum()
}
