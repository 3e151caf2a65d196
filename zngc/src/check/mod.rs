//! Checked AST to specification: follows merges, decides `#if`/`#match`,
//! resolves paths and aliases, merges re-declarations and validates.

pub mod spec;

pub use spec::*;
