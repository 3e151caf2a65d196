#[rustfmt::skip]
mod generated;

use std::sync::Arc;

pub fn map_sum(v: Vec<i32>, f: Box<dyn Fn(i32) -> i32>) -> i32 {
    v.into_iter().map(f).sum()
}

pub fn visit(v: &Vec<i32>, mut f: Box<dyn FnMut(i32)>) {
    for x in v {
        f(*x);
    }
}

pub fn finish(f: Box<dyn FnOnce(String) -> usize>) -> usize {
    f("from rust".to_owned())
}

/// Four threads each fold 1..=10 with the shared closure.
pub fn fold_in_threads(f: Box<dyn Fn(i32, i32) -> i32 + Send + Sync>) -> i32 {
    let f: Arc<dyn Fn(i32, i32) -> i32 + Send + Sync> = Arc::from(f);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let f = Arc::clone(&f);
            std::thread::spawn(move || (1..=10).fold(0, |acc, x| f(acc, x)))
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
}
