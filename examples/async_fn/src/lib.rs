#[rustfmt::skip]
mod generated;

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

pub struct Sensor {
    pub offset: i32,
}

impl Sensor {
    pub async fn read(&self, raw: i32) -> i32 {
        yield_once().await;
        raw + self.offset
    }
}

/// Pending on its first poll, ready on the second: a future that really
/// suspends, so that the executor below has to poll again.
fn yield_once() -> impl Future<Output = ()> {
    let mut yielded = false;
    std::future::poll_fn(move |cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
}

pub async fn add_later(a: i32, b: i32) -> i32 {
    yield_once().await;
    yield_once().await;
    a + b
}

pub async fn greeting(times: i32) -> String {
    let mut text = String::from("hello");
    for _ in 0..times {
        yield_once().await;
        text.push_str(" again");
    }
    text
}

thread_local! {
    static POLLS: Cell<u32> = const { Cell::new(0) };
}

fn run<T>(future: Box<dyn Future<Output = T>>) -> T {
    let mut future: Pin<Box<dyn Future<Output = T>>> = Box::into_pin(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        POLLS.with(|p| p.set(p.get() + 1));
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

pub fn block_on(future: Box<dyn Future<Output = i32>>) -> i32 {
    run(future)
}

pub fn block_on_string(future: Box<dyn Future<Output = String>>) -> String {
    run(future)
}

/// How many polls the executor made so far.
pub fn polls() -> u32 {
    POLLS.with(Cell::get)
}
