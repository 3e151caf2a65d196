#[rustfmt::skip]
mod generated;

pub fn print(text: &str) {
    println!("{text}");
}

pub fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

pub fn shout(text: &str) -> String {
    text.to_uppercase() + "!"
}

pub fn sum(values: &[i32]) -> i64 {
    values.iter().map(|&v| i64::from(v)).sum()
}

/// # Safety
/// `data` points to `len` readable `i32`s.
pub unsafe fn sum_raw(data: *const i32, len: usize) -> i32 {
    unsafe { std::slice::from_raw_parts(data, len) }.iter().sum()
}

/// # Safety
/// `data` points to `len` writable `i32`s.
pub unsafe fn double_all(data: *mut i32, len: usize) {
    for v in unsafe { std::slice::from_raw_parts_mut(data, len) } {
        *v *= 2;
    }
}

/// # Safety
/// `values` points to readable `i32`s.
pub unsafe fn sum_slice_raw(values: *const [i32]) -> i64 {
    sum(unsafe { &*values })
}

/// # Safety
/// `values` points to writable `i32`s.
pub unsafe fn negate_all(values: *mut [i32]) {
    for v in unsafe { &mut *values } {
        *v = -*v;
    }
}

pub fn next_char(c: char) -> char {
    char::from_u32(c as u32 + 1).unwrap_or('?')
}

pub fn is_even(n: i64) -> bool {
    n % 2 == 0
}

pub fn negate(n: isize) -> isize {
    -n
}

pub fn wide_product(a: i128, b: u128) -> i128 {
    a * b as i128
}

pub fn print_wide(n: i128) {
    println!("wide: {n}");
}

pub fn half(x: f32) -> f64 {
    f64::from(x) / 2.0
}

/// # Safety
/// `flags` points to `len` readable `bool`s.
pub unsafe fn count_true(flags: *const bool, len: usize) -> usize {
    unsafe { std::slice::from_raw_parts(flags, len) }
        .iter()
        .filter(|&&f| f)
        .count()
}

/// # Safety
/// `chars` points to `len` readable `char`s, and `len` is not 0.
pub unsafe fn last_char(chars: *const char, len: usize) -> char {
    unsafe { *chars.add(len - 1) }
}

/// A pointer to a `()`, which needs no memory.
pub fn unit_address() -> *mut () {
    std::ptr::NonNull::dangling().as_ptr()
}
