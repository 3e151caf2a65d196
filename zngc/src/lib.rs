//! zngc: a compiler for the `.zng` interface language, which lets C++ and
//! Rust use each other's types by value.
//!
//! The pipeline runs one way: [`syntax`] (text to AST) → [`check`] (AST to a
//! resolved, validated [`check::Spec`]); [`layout`] checks the declared
//! layouts against rustc's. [`diagnostics`] carries every
//! problem found on the way to one reporting point.

pub mod build;
pub mod check;
pub mod diagnostics;
pub mod emit;
pub mod generate;
pub mod layout;
pub mod lower;
pub mod source;
pub mod syntax;

pub use build::{Generated, Zngc};

/// Frees a large tree (the syntax tree, the spec, the bridge IR: hundreds
/// of thousands of small allocations for a big bridge) on a worker thread,
/// so that the caller goes on with its work. A command-line run usually
/// exits before the worker is done, which then frees nothing.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}
