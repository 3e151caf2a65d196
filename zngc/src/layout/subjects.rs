//! What the probe measures: every declared type whose layout C++ relies on,
//! with the declared numbers and where they are written.

use crate::check::render;
use crate::check::{FieldSpec, LayoutPolicy, Spec, UnlaidType};
use crate::source::{Span, Spanned};
use crate::syntax::ast::{FieldName, FieldOffset, Primitive, Type, TypeKind};

/// A declared layout, as far as the probe checks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Declared {
    /// `#layout`: size and alignment must be equal.
    Exact { size: u64, align: u64, span: Span },
    /// `#layout_conservative`: real size and alignment must not exceed these.
    Conservative { size: u64, align: u64, span: Span },
    /// No policy at all: `--fix` inserts one into the body of the type
    /// declared at `decl`.
    Missing { decl: Span },
}

/// A field with a fixed offset (`offset = N`); `auto` fields need no check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldCheck {
    /// The field as `offset_of!` names it: `len` or `0`.
    pub name: String,
    pub offset: Spanned<u64>,
}

/// One type to measure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    /// The type as Rust spells it, from inside the crate (`crate::Foo`).
    pub rust: String,
    pub ty_span: Span,
    /// The whole type declaration.
    pub decl_span: Span,
    pub declared: Declared,
    pub fields: Vec<FieldCheck>,
}

/// A declared type the probe leaves alone, and why (for the table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub rust: String,
    pub reason: &'static str,
}

/// Splits the declared types into those to measure and those skipped:
/// unsized, by-reference, heap-allocated and C++-defined layouts have no
/// Rust size to check.
pub fn collect(spec: &Spec, unlaid: &[UnlaidType]) -> (Vec<Subject>, Vec<Skipped>) {
    let mut subjects = Vec::new();
    let mut skipped = Vec::new();
    for t in &spec.types {
        let rust = render::ty(&t.ty);
        let (declared, reason) = match &t.layout {
            LayoutPolicy::Exact { size, align, span } => (
                Some(Declared::Exact {
                    size: *size,
                    align: *align,
                    span: *span,
                }),
                "",
            ),
            LayoutPolicy::Conservative { size, align, span } => (
                Some(Declared::Conservative {
                    size: *size,
                    align: *align,
                    span: *span,
                }),
                "",
            ),
            LayoutPolicy::HeapAllocated { .. } => (None, "heap allocated"),
            LayoutPolicy::OnlyByRef { .. } => (None, "only by reference"),
            LayoutPolicy::Unsized { .. } => (None, "unsized"),
            LayoutPolicy::CppRef { .. } => (None, "C++ reference"),
            LayoutPolicy::CppStackOwned { .. } => (None, "C++ layout"),
        };
        match declared {
            Some(declared) if probeable(&t.ty) => {
                subjects.push(subject(&t.ty, t.span, rust, declared, &t.fields));
            }
            Some(_) => skipped.push(Skipped {
                rust,
                reason: "not a Rust type",
            }),
            None => skipped.push(Skipped { rust, reason }),
        }
    }
    for t in unlaid {
        let rust = render::ty(&t.ty);
        if !probeable(&t.ty) {
            skipped.push(Skipped {
                rust,
                reason: "not a Rust type",
            });
        } else if syntactically_unsized(&t.ty) {
            skipped.push(Skipped {
                rust,
                reason: "unsized: declare `wellknown_traits(?Sized)`",
            });
        } else {
            let declared = Declared::Missing { decl: t.span };
            subjects.push(subject(&t.ty, t.span, rust, declared, &t.fields));
        }
    }
    (subjects, skipped)
}

fn subject(
    ty: &Type,
    decl_span: Span,
    rust: String,
    declared: Declared,
    fields: &[FieldSpec],
) -> Subject {
    let fields = fields
        .iter()
        .filter_map(|f| match f.offset.node {
            FieldOffset::Bytes(offset) => Some(FieldCheck {
                name: match &f.name.node {
                    FieldName::Named(name) => name.clone(),
                    FieldName::Index(i) => i.to_string(),
                },
                offset: Spanned::new(offset, f.offset.span),
            }),
            FieldOffset::Auto => None,
        })
        .collect();
    Subject {
        rust,
        ty_span: ty.span,
        decl_span,
        declared,
        fields,
    }
}

/// False for types that exist only in generated code.
fn probeable(ty: &Type) -> bool {
    !matches!(
        ty.kind,
        TypeKind::CppOpaqueOwnedObject | TypeKind::Impl { .. }
    )
}

/// Types that are unsized whatever their contents: `str`, `[T]`, `dyn T`.
fn syntactically_unsized(ty: &Type) -> bool {
    matches!(
        ty.kind,
        TypeKind::Primitive {
            primitive: Primitive::Str
        } | TypeKind::Slice { .. }
            | TypeKind::Dyn { .. }
    )
}
