mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

/// Printed by C++: `impl Debug for Point` is in debug.cpp.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

fn main() {
    let p = Point { x: 3, y: -4 };
    println!("{p:?}");
    let path = vec![Point { x: 0, y: 0 }, Point { x: 1, y: 2 }, p];
    println!("{path:?}");
    println!("{:#?}", Some(p));
    println!("{}", format!("{:?}", Point { x: -1, y: 7 }).len());
}
