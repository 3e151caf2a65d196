//! E0047: values of types that C++ can only borrow. A type declared
//! `#only_by_ref` or `?Sized`, and `str`, slices and trait objects, have no
//! C++ value, so a signature that passes or returns one by value could
//! never be called; the C++ compiler would reject the first call.
//!
//! Only the whole type of a parameter, receiver, output, constructor field
//! or field counts: inside `&T`, `Box<T>` or `Option<T>` the type is behind
//! a pointer or part of another type with a layout of its own. Fields are
//! reached in place, so a field of an `#only_by_ref` type is fine; a field
//! of an unsized type is not, as Rust cannot give its offset.

use std::collections::HashMap;

use crate::check::render;
use crate::check::spec::{FnSpec, LayoutPolicy, Spec, TypeSpec};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{Primitive, Receiver, Type, TypeKind};

/// Why a type has no C++ value.
#[derive(Clone, Copy)]
enum NoValue {
    /// Declared `#only_by_ref`, at this span.
    OnlyByRef(Span),
    /// Declared `?Sized`, at this span.
    DeclaredUnsized(Span),
    /// `str`, a slice or a trait object, declared or not.
    Unsized,
}

impl NoValue {
    fn is_unsized(self) -> bool {
        !matches!(self, NoValue::OnlyByRef(_))
    }

    fn reason(self) -> &'static str {
        match self {
            NoValue::OnlyByRef(_) => "it is `#only_by_ref`",
            NoValue::DeclaredUnsized(_) => "it is `?Sized`",
            NoValue::Unsized => "it is unsized",
        }
    }
}

/// How a signature or type item uses a type by value, for the message and
/// the label.
enum Use<'a> {
    Param(&'a str),
    Receiver(&'a str),
    Output(&'a str),
    ConstructorField,
    Field,
    CppValue,
}

impl Use<'_> {
    fn message(&self, ty: &str, why: NoValue) -> String {
        let what = match self {
            Use::Param(_) | Use::Receiver(_) | Use::ConstructorField => "passed by value",
            Use::Output(_) => "returned by value",
            Use::Field => "a field",
            Use::CppValue => "a `#cpp_value`",
        };
        format!("`{ty}` cannot be {what}: {}", why.reason())
    }

    fn label(&self, ty: &str) -> String {
        match self {
            Use::Param(f) => format!("parameter of `{f}` taken by value"),
            Use::Receiver(f) => format!("`{f}` takes `self` (a `{ty}`) by value"),
            Use::Output(f) => format!("`{f}` returns it by value"),
            Use::ConstructorField => "constructor field taken by value".into(),
            Use::Field => "field of an unsized type".into(),
            Use::CppValue => "owns a C++ object by value".into(),
        }
    }
}

struct Checker<'a> {
    /// Declared `#only_by_ref` and `?Sized` types with their spellings, by
    /// [`bucket`], so that most types are told apart without spelling them.
    by_ref: HashMap<&'a str, Vec<(String, NoValue)>>,
    diags: &'a mut Vec<Diagnostic>,
}

/// A cheap part of a type's identity: the last name of a path, the name of
/// a primitive, and one bucket for the other forms. `None` for references
/// and pointers, which always have values.
fn bucket(ty: &Type) -> Option<&str> {
    match &ty.kind {
        TypeKind::Ref { .. } | TypeKind::Ptr { .. } => None,
        TypeKind::Path { path } => path.segments.last().map(|s| s.name.node.as_str()),
        TypeKind::Primitive { primitive } => Some(primitive.name()),
        _ => Some(""),
    }
}

/// Reports E0047 for every by-value use of a type without C++ values.
pub fn check<'a>(spec: &'a Spec, diags: &'a mut Vec<Diagnostic>) {
    let mut by_ref: HashMap<&str, Vec<(String, NoValue)>> = HashMap::new();
    for t in &spec.types {
        let why = match t.layout {
            LayoutPolicy::OnlyByRef { span } => NoValue::OnlyByRef(span),
            LayoutPolicy::Unsized { span } => NoValue::DeclaredUnsized(span),
            _ => continue,
        };
        if let Some(key) = bucket(&t.ty) {
            by_ref
                .entry(key)
                .or_default()
                .push((render::ty(&t.ty), why));
        }
    }
    let mut checker = Checker { by_ref, diags };
    for t in &spec.types {
        checker.type_items(t);
    }
    let free = spec
        .functions
        .iter()
        .chain(&spec.extern_fns)
        .chain(spec.traits.iter().flat_map(|t| &t.methods));
    for f in free {
        checker.signature(f, None);
    }
    for imp in &spec.extern_impls {
        for f in &imp.methods {
            checker.signature(f, Some(&imp.ty));
        }
    }
}

impl Checker<'_> {
    fn no_value(&self, ty: &Type) -> Option<NoValue> {
        let structural = matches!(
            ty.kind,
            TypeKind::Primitive {
                primitive: Primitive::Str
            } | TypeKind::Slice { .. }
                | TypeKind::Dyn { .. }
        );
        let declared = bucket(ty)
            .and_then(|key| self.by_ref.get(key))
            .and_then(|candidates| {
                let spelled = render::ty(ty);
                candidates
                    .iter()
                    .find(|(declared, _)| *declared == spelled)
                    .map(|&(_, why)| why)
            });
        declared.or(structural.then_some(NoValue::Unsized))
    }

    fn type_items(&mut self, t: &TypeSpec) {
        for f in &t.methods {
            self.signature(f, Some(&t.ty));
        }
        for c in &t.constructors {
            for ty in c.fields.types() {
                self.check(ty, ty.span, Use::ConstructorField);
            }
        }
        for field in &t.fields {
            if let Some(why) = self.no_value(&field.ty).filter(|w| w.is_unsized()) {
                self.report(&field.ty, why, field.ty.span, Use::Field);
            }
        }
        if let Some(value) = &t.cpp_value {
            self.check(&t.ty, value.span, Use::CppValue);
        }
    }

    /// A function's parameters and output; `owner` is the type whose
    /// method it is, which a `self` receiver takes.
    fn signature(&mut self, f: &FnSpec, owner: Option<&Type>) {
        let name = &f.name.node;
        if let (Some(owner), Some(receiver)) = (owner, &f.receiver) {
            if receiver.node == Receiver::Value {
                self.check(owner, receiver.span, Use::Receiver(name));
            }
        }
        for ty in &f.inputs {
            self.check(ty, ty.span, Use::Param(name));
        }
        self.check(&f.output, f.output.span, Use::Output(name));
    }

    /// E0047 at `span` if `ty` has no C++ value.
    fn check(&mut self, ty: &Type, span: Span, how: Use<'_>) {
        if let Some(why) = self.no_value(ty) {
            self.report(ty, why, span, how);
        }
    }

    fn report(&mut self, ty: &Type, why: NoValue, span: Span, how: Use<'_>) {
        let spelled = render::ty(ty);
        let help = if why.is_unsized() {
            format!(
                "an unsized type exists only behind a pointer: take it as `&{spelled}` or \
                 `&mut {spelled}`, or use an owning type such as `Box<{spelled}>`"
            )
        } else {
            format!(
                "take it as `&{spelled}` or `&mut {spelled}`, or give the type a layout policy \
                 that allows values, such as `#layout(size = …, align = …)` or `#heap_allocated`"
            )
        };
        let mut diagnostic = Diagnostic::new(
            Code::E0047,
            how.message(&spelled, why),
            span,
            how.label(&spelled),
        )
        .with_help(help);
        match why {
            NoValue::OnlyByRef(at) => diagnostic = diagnostic.with_label(at, "`#only_by_ref` here"),
            NoValue::DeclaredUnsized(at) => {
                diagnostic = diagnostic.with_label(at, "declared `?Sized` here")
            }
            NoValue::Unsized => {}
        }
        self.diags.push(diagnostic);
    }
}
