//! The crate that `cpp_objects.rs`, generated from `cpp_objects.zng`, is
//! compiled in (with `-D warnings`, editions 2021 and 2024). The runtime
//! crate's source is compiled in as `zng_runtime`.

extern crate self as zng_runtime;

#[path = "../../zng-runtime/src/lib.rs"]
mod runtime;
pub use runtime::*;

use std::marker::PhantomData;

/// Stands for two C++ object types, whose generated structs differ.
pub struct Holder<T>(pub generated::cpp::Holder_i32, pub PhantomData<T>);

pub mod r#loop {
    pub use crate::generated::cpp::r#ref;
}

pub use generated::cpp::u8;

#[path = "cpp_objects.rs"]
pub mod generated;
