//! The Rust structs of C++ object types: generated Rust has one struct per
//! `#cpp_value`, `#cpp_ref` and `#cpp_stack_owned` type in `pub mod cpp`,
//! named after the type, so two types must not share a name (E0063).

use std::collections::HashMap;

use super::render;
use super::spec::{Spec, TypeSpec};
use crate::diagnostics::{Code, Diagnostic};
use crate::lower::names::cpp_struct_name;
use crate::source::Span;

/// E0063 for each C++ object type whose struct name an earlier one has.
pub fn check(spec: &Spec, diags: &mut Vec<Diagnostic>) {
    let mut named: HashMap<String, (&TypeSpec, Span)> = HashMap::new();
    for t in &spec.types {
        let Some(directive) = t.cpp_object_directive() else {
            continue;
        };
        let name = cpp_struct_name(&t.ty);
        match named.get(&name) {
            Some((first, first_directive)) => {
                diags.push(collision(&name, (first, *first_directive), (t, directive)))
            }
            None => {
                named.insert(name, (t, directive));
            }
        }
    }
}

fn collision(name: &str, first: (&TypeSpec, Span), second: (&TypeSpec, Span)) -> Diagnostic {
    let (first_ty, second_ty) = (render::ty(&first.0.ty), render::ty(&second.0.ty));
    Diagnostic::new(
        Code::E0063,
        format!("`{first_ty}` and `{second_ty}` would both be the Rust struct `cpp::{name}`"),
        second.1,
        format!("`{second_ty}` is `cpp::{name}`"),
    )
    .with_label(first.1, format!("`{first_ty}` is `cpp::{name}` too"))
    .with_help(
        "generated Rust names the struct of a C++ object type after the last segment of its \
         path, with generic arguments spelled into it; rename one of the Rust types",
    )
}
