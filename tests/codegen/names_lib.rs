//! The crate that `names.rs`, generated from `names.zng`, is compiled in
//! (with `-D warnings`, editions 2021 and 2024): items named with Rust
//! keywords.

#[allow(non_camel_case_types)]
pub mod r#loop {
    #[derive(Clone, Copy)]
    pub enum Flow {
        r#break,
        r#while(i32),
        r#type { r#match: i32 },
    }

    impl Flow {
        pub fn r#move(&self) -> i32 {
            match self {
                Flow::r#break => 0,
                Flow::r#while(n) | Flow::r#type { r#match: n } => *n,
            }
        }

        pub fn r#gen() -> Flow {
            Flow::r#break
        }

        pub fn r#yield(&mut self) {
            *self = Flow::r#break;
        }

        pub fn r#try(&self, n: i32) -> bool {
            self.r#move() == n
        }
    }

    pub struct Point {
        pub r#ref: i32,
        pub r#type: i32,
    }

    pub fn async_free(n: i32) -> i32 {
        n
    }

    pub fn r#await(p: Point) -> i32 {
        p.r#ref + p.r#type
    }

    pub trait Visitor {
        fn r#loop(&self) -> i32;
        fn r#do(&mut self, n: i32);
    }
}

#[path = "names.rs"]
pub mod generated;
