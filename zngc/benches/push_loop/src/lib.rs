#[rustfmt::skip]
mod generated;

/// The native loop the C++ push loop is compared with.
#[inline(never)]
pub fn native_push(n: u64) -> usize {
    let mut v = Vec::new();
    for i in 0..n {
        v.push(std::hint::black_box(i));
    }
    std::hint::black_box(&v);
    v.len()
}

/// A 16-byte `Copy` value, which crosses the boundary by value.
#[derive(Clone, Copy)]
pub struct Pair {
    pub a: u64,
    pub b: u64,
}

/// Never inlined, so that both loops pay for one call per step and the
/// comparison measures how the value crosses the boundary.
#[inline(never)]
pub fn step(p: Pair) -> Pair {
    Pair {
        a: p.a.wrapping_add(p.b),
        b: p.a,
    }
}

/// The native loop the C++ step loop is compared with.
#[inline(never)]
pub fn native_step(n: u64) -> u64 {
    let mut p = Pair { a: 1, b: 0 };
    for _ in 0..n {
        p = step(std::hint::black_box(p));
    }
    p.a
}
