#[rustfmt::skip]
mod generated;

#[derive(Debug)]
pub enum Shape {
    Circle(f64),
    Rect { w: f64, h: f64 },
    Empty,
}

impl Shape {
    pub fn area(&self) -> f64 {
        match self {
            Shape::Circle(r) => 3.0 * r * r,
            Shape::Rect { w, h } => w * h,
            Shape::Empty => 0.0,
        }
    }

    pub fn scale(&mut self, by: f64) {
        match self {
            Shape::Circle(r) => *r *= by,
            Shape::Rect { w, h } => {
                *w *= by;
                *h *= by;
            }
            Shape::Empty => {}
        }
    }
}

pub fn parse_number(text: &str) -> Result<i32, String> {
    text.parse().map_err(|_| format!("not a number: {text:?}"))
}

pub fn check_positive(n: i32) -> Result<(), String> {
    if n > 0 {
        Ok(())
    } else {
        Err(format!("{n} is not positive"))
    }
}

pub fn double_it(n: Option<i32>) -> Option<i32> {
    n.map(|n| n * 2)
}
