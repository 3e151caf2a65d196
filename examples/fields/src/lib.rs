#[rustfmt::skip]
mod generated;

#[derive(Debug, Clone, Copy)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

impl Point {
    pub fn manhattan(&self) -> i32 {
        self.x.abs() + self.y.abs()
    }
}

#[derive(Debug)]
pub struct Line {
    pub start: Point,
    pub end: Point,
    pub label: String,
}

#[derive(Debug)]
pub struct Tagged(pub u64, pub Line);

/// Small `Copy` values, passed by value from C++.
#[derive(Debug, Clone, Copy)]
pub struct Vec2 {
    pub x: f32,
    pub y: f32,
}

impl Vec2 {
    pub fn scaled(self, k: f32) -> Vec2 {
        Vec2 {
            x: self.x * k,
            y: self.y * k,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn inverted(self) -> Rgb {
        Rgb(255 - self.0, 255 - self.1, 255 - self.2)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Triple {
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

impl Triple {
    pub fn rotated(self) -> Triple {
        Triple {
            a: self.b,
            b: self.c,
            c: self.a,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Marker;

/// Boxed by C++ (`#heap_allocated`): its `Triple` is the last 12 of its
/// 16 bytes.
#[derive(Debug)]
#[repr(C)]
pub struct Wrapped {
    pub tag: u32,
    pub inner: Triple,
}

pub fn sum(a: Vec2, b: Vec2) -> Vec2 {
    Vec2 {
        x: a.x + b.x,
        y: a.y + b.y,
    }
}

pub fn mix(_: Marker, color: Rgb, t: Triple, v: Vec2) -> Triple {
    Triple {
        a: t.a + u32::from(color.0),
        b: t.b + u32::from(color.1),
        c: t.c + (v.x - v.y) as u32,
    }
}

pub fn stamp(marker: Marker, n: u8) -> Marker {
    println!("stamp {n}");
    marker
}
