#[rustfmt::skip]
mod generated;

/// The native loop the C++ loop is compared with.
#[inline(never)]
pub fn native_push(n: u64) -> usize {
    let mut v = Vec::new();
    for i in 0..n {
        v.push(std::hint::black_box(i));
    }
    std::hint::black_box(&v);
    v.len()
}
