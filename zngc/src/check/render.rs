//! Rust spellings of resolved types, paths and signatures: for messages,
//! and as span-insensitive identities when merging declarations.

use std::fmt::Write;

use crate::syntax::ast::{
    FnTraitKind, GenericArg, Ident, Path, PathRoot, Receiver, TraitRef, Type, TypeKind,
};

pub fn path(p: &Path) -> String {
    let mut out = String::new();
    write_path(&mut out, p);
    out
}

pub fn ty(t: &Type) -> String {
    let mut out = String::new();
    write_type(&mut out, t);
    out
}

pub fn trait_ref(tr: &TraitRef) -> String {
    let mut out = String::new();
    write_trait(&mut out, tr);
    out
}

/// True if two paths spell the same thing (spans aside).
pub fn same_path(a: &Path, b: &Path) -> bool {
    path(a) == path(b)
}

/// `(&self, i32, &str)`: a parameter list as written in `.zng`.
pub fn params<'a>(
    receiver: Option<Receiver>,
    inputs: impl IntoIterator<Item = &'a Type>,
) -> String {
    let mut out = String::new();
    write_params(&mut out, receiver, inputs);
    out
}

/// [`params`], appended to `out`.
pub fn write_params<'a>(
    out: &mut String,
    receiver: Option<Receiver>,
    inputs: impl IntoIterator<Item = &'a Type>,
) {
    out.push('(');
    if let Some(receiver) = receiver {
        out.push_str(match receiver {
            Receiver::Value => "self",
            Receiver::Ref => "&self",
            Receiver::RefMut => "&mut self",
        });
    }
    for (i, t) in inputs.into_iter().enumerate() {
        if i > 0 || receiver.is_some() {
            out.push_str(", ");
        }
        write_type(out, t);
    }
    out.push(')');
}

pub fn write_path(out: &mut String, p: &Path) {
    match p.root {
        PathRoot::Relative => {}
        PathRoot::Global => out.push_str("::"),
        PathRoot::Crate => {
            out.push_str("crate");
            if !p.segments.is_empty() {
                out.push_str("::");
            }
        }
    }
    for (i, segment) in p.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&segment.name.node);
        if !segment.generics.is_empty() {
            out.push('<');
            for (j, arg) in segment.generics.iter().enumerate() {
                if j > 0 {
                    out.push_str(", ");
                }
                match arg {
                    GenericArg::Type(t) => write_type(out, t),
                    GenericArg::Binding { name, ty } => {
                        let _ = write!(out, "{} = ", name.node);
                        write_type(out, ty);
                    }
                }
            }
            out.push('>');
        }
    }
}

pub fn write_types(out: &mut String, types: &[Type]) {
    for (i, t) in types.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_type(out, t);
    }
}

fn write_bounds(out: &mut String, keyword: &str, tr: &TraitRef, markers: &[Ident]) {
    out.push_str(keyword);
    write_trait(out, tr);
    for marker in markers {
        let _ = write!(out, " + {}", marker.node);
    }
}

fn write_type(out: &mut String, t: &Type) {
    match &t.kind {
        TypeKind::Primitive { primitive } => out.push_str(primitive.name()),
        TypeKind::Path { path } => write_path(out, path),
        TypeKind::Boxed { inner } => {
            out.push_str("Box<");
            write_type(out, inner);
            out.push('>');
        }
        TypeKind::Ref { mutable, inner } => {
            out.push_str(if *mutable { "&mut " } else { "&" });
            write_type(out, inner);
        }
        TypeKind::Ptr { mutable, inner } => {
            out.push_str(if *mutable { "*mut " } else { "*const " });
            write_type(out, inner);
        }
        TypeKind::Slice { inner } => {
            out.push('[');
            write_type(out, inner);
            out.push(']');
        }
        TypeKind::Tuple { elems } => {
            out.push('(');
            write_types(out, elems);
            if elems.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        TypeKind::Dyn { tr, markers } => write_bounds(out, "dyn ", tr, markers),
        TypeKind::Impl { tr, markers } => write_bounds(out, "impl ", tr, markers),
        TypeKind::CppOpaqueOwnedObject => out.push_str("ZngurCppOpaqueOwnedObject"),
    }
}

fn write_trait(out: &mut String, tr: &TraitRef) {
    match tr {
        TraitRef::Path { path } => write_path(out, path),
        TraitRef::Fn {
            name,
            inputs,
            output,
            ..
        } => {
            out.push_str(match name.node {
                FnTraitKind::Fn => "Fn",
                FnTraitKind::FnMut => "FnMut",
                FnTraitKind::FnOnce => "FnOnce",
            });
            out.push('(');
            write_types(out, inputs);
            out.push(')');
            if let Some(output) = output {
                out.push_str(" -> ");
                write_type(out, output);
            }
        }
    }
}
