//! Checks of single declarations, and their conversion to the `Spec` form:
//! signatures (receivers, `impl Trait`, `async`, `deref`), layout policies
//! and their numbers, constructor fields.

use std::collections::BTreeSet;

use crate::check::render;
use crate::check::spec::{
    unit_type, ConstructorFieldsSpec, ConstructorSpec, CppValueSpec, ExternImplSpec, FieldSpec,
    FnSpec, LayoutPolicy, TraitSpec,
};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{
    ConstructorFields, ExternImpl, FnDecl, GenericArg, LayoutKind, Param, Path, Spanned, TraitDecl,
    TraitRef, Type, TypeDecl, TypeItem, TypeKind, WellknownTrait,
};

/// Where a function is declared: decides what its signature may contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FnKind {
    /// `fn` in a `mod` or at top level: Rust, called by C++.
    RustFn,
    /// `fn` in a `type`: a Rust method, called by C++.
    Method,
    /// `fn` in a `trait`: implemented by C++ classes.
    TraitMethod,
    /// `fn` in `extern "C++"`: a C++ function called by Rust.
    ExternFn,
    /// `fn` in an `extern "C++"` `impl`.
    ExternMethod,
}

impl FnKind {
    fn implemented_in_rust(self) -> bool {
        matches!(self, FnKind::RustFn | FnKind::Method)
    }

    fn has_receiver(self) -> bool {
        !matches!(self, FnKind::RustFn | FnKind::ExternFn)
    }
}

/// One `type` declaration, checked. Several of these for the same type are
/// merged into one `TypeSpec`.
#[derive(Clone, Debug, PartialEq)]
pub struct DeclaredType {
    pub ty: Type,
    pub layout: Option<LayoutPolicy>,
    pub wellknown_traits: BTreeSet<WellknownTrait>,
    pub constructors: Vec<ConstructorSpec>,
    pub fields: Vec<FieldSpec>,
    pub methods: Vec<FnSpec>,
    pub cpp_values: Vec<CppValueSpec>,
    pub span: Span,
}

impl DeclaredType {
    /// A declaration of `ty` with no items yet.
    pub fn empty(ty: Type, span: Span) -> DeclaredType {
        DeclaredType {
            ty,
            layout: None,
            wellknown_traits: BTreeSet::new(),
            constructors: Vec::new(),
            fields: Vec::new(),
            methods: Vec::new(),
            cpp_values: Vec::new(),
            span,
        }
    }
}

/// Checks a `type` declaration; `None` for `type ()`, which cannot be
/// declared (E0046).
pub fn type_decl(decl: &TypeDecl, diags: &mut Vec<Diagnostic>) -> Option<DeclaredType> {
    if matches!(&decl.ty.kind, TypeKind::Tuple { elems } if elems.is_empty()) {
        diags.push(
            Diagnostic::new(
                Code::E0046,
                "the unit type `()` cannot be declared",
                decl.ty.span,
                "declared here",
            )
            .with_help("`()` is always available as `rust::Unit`; remove this declaration"),
        );
        return None;
    }
    no_impl_trait(&decl.ty, "a declared type", diags);
    let mut out = DeclaredType::empty(decl.ty.clone(), decl.span);
    let mut policies: Vec<LayoutPolicy> = Vec::new();
    for item in &decl.items {
        match item {
            TypeItem::Layout(l) => {
                check_layout_numbers(&l.size, &l.align, l.kind == LayoutKind::Exact, diags);
                let (size, align, span) = (l.size.node, l.align.node, l.span);
                policies.push(match l.kind {
                    LayoutKind::Exact => LayoutPolicy::Exact { size, align, span },
                    LayoutKind::Conservative => LayoutPolicy::Conservative { size, align, span },
                });
            }
            TypeItem::HeapAllocated(d) => {
                policies.push(LayoutPolicy::HeapAllocated { span: d.span })
            }
            TypeItem::OnlyByRef(d) => policies.push(LayoutPolicy::OnlyByRef { span: d.span }),
            TypeItem::WellknownTraits(w) => {
                for tr in &w.traits {
                    if tr.node == WellknownTrait::Unsized {
                        policies.push(LayoutPolicy::Unsized { span: tr.span });
                    }
                    out.wellknown_traits.insert(tr.node);
                }
            }
            TypeItem::CppRef(r) => policies.push(LayoutPolicy::CppRef {
                cpp_type: r.cpp_type.clone(),
                span: r.span,
            }),
            TypeItem::CppStackOwned(s) => {
                check_layout_numbers(&s.size, &s.align, true, diags);
                policies.push(LayoutPolicy::CppStackOwned {
                    cpp_type: s.cpp_type.clone(),
                    size: s.size.node,
                    align: s.align.node,
                    span: s.span,
                });
            }
            TypeItem::Constructor(c) => {
                let fields = match &c.fields {
                    ConstructorFields::Unit => ConstructorFieldsSpec::Unit,
                    ConstructorFields::Tuple(types) => ConstructorFieldsSpec::Tuple(types.clone()),
                    ConstructorFields::Named(fields) => {
                        check_unique_fields(fields.iter().map(|f| &f.name), diags);
                        ConstructorFieldsSpec::Named(
                            fields
                                .iter()
                                .map(|f| (f.name.clone(), f.ty.clone()))
                                .collect(),
                        )
                    }
                };
                for ty in fields.types() {
                    no_impl_trait(ty, "a constructor field", diags);
                }
                out.constructors.push(ConstructorSpec {
                    name: c.name.clone(),
                    fields,
                    span: c.span,
                });
            }
            TypeItem::Field(f) => {
                no_impl_trait(&f.ty, "a field", diags);
                out.fields.push(FieldSpec {
                    name: f.name.clone(),
                    offset: f.offset.clone(),
                    ty: f.ty.clone(),
                    span: f.span,
                });
            }
            TypeItem::Method(m) => out.methods.push(fn_spec(m, FnKind::Method, None, diags)),
            TypeItem::CppValue(v) => out.cpp_values.push(CppValueSpec {
                field: v.field.clone(),
                cpp_type: v.cpp_type.clone(),
                span: v.span,
            }),
            // `resolve` has decided every conditional.
            TypeItem::Conditional(_) => {}
        }
    }
    if let [first, second, ..] = policies.as_slice() {
        diags.push(
            Diagnostic::new(
                Code::E0051,
                format!("`{}` has more than one layout policy", render::ty(&decl.ty)),
                layout_span(second),
                format!("{} here", layout_name(second)),
            )
            .with_label(layout_span(first), format!("{} first", layout_name(first)))
            .with_help(
                "keep one of #layout, #layout_conservative, #heap_allocated, #only_by_ref, \
                 ?Sized, #cpp_ref, #cpp_stack_owned",
            ),
        );
    }
    out.layout = policies.into_iter().next();
    Some(out)
}

pub fn layout_span(policy: &LayoutPolicy) -> Span {
    match policy {
        LayoutPolicy::Exact { span, .. }
        | LayoutPolicy::Conservative { span, .. }
        | LayoutPolicy::HeapAllocated { span }
        | LayoutPolicy::OnlyByRef { span }
        | LayoutPolicy::Unsized { span }
        | LayoutPolicy::CppRef { span, .. }
        | LayoutPolicy::CppStackOwned { span, .. } => *span,
    }
}

/// How the policy is written, for messages.
pub fn layout_name(policy: &LayoutPolicy) -> String {
    match policy {
        LayoutPolicy::Exact { size, align, .. } => {
            format!("`#layout(size = {size}, align = {align})`")
        }
        LayoutPolicy::Conservative { size, align, .. } => {
            format!("`#layout_conservative(size = {size}, align = {align})`")
        }
        LayoutPolicy::HeapAllocated { .. } => "`#heap_allocated`".into(),
        LayoutPolicy::OnlyByRef { .. } => "`#only_by_ref`".into(),
        LayoutPolicy::Unsized { .. } => "`?Sized`".into(),
        LayoutPolicy::CppRef { cpp_type, .. } => format!("`#cpp_ref \"{}\"`", cpp_type.node),
        LayoutPolicy::CppStackOwned {
            cpp_type,
            size,
            align,
            ..
        } => format!(
            "`#cpp_stack_owned \"{}\" (size = {size}, align = {align})`",
            cpp_type.node
        ),
    }
}

/// The largest alignment rustc accepts (`#[repr(align(N))]`).
const MAX_ALIGN: u64 = 1 << 29;
/// The largest size of a Rust type on a 64-bit target.
const MAX_SIZE: u64 = i64::MAX as u64;

/// E0052–E0054. `exact` sizes must be a multiple of the alignment; a
/// conservative size is an upper bound and need not be.
fn check_layout_numbers(
    size: &Spanned<u64>,
    align: &Spanned<u64>,
    exact: bool,
    diags: &mut Vec<Diagnostic>,
) {
    if !align.node.is_power_of_two() {
        let help = match align.node.checked_next_power_of_two() {
            Some(p) if align.node > 0 => format!("the next power of two is {p}"),
            _ => "alignments are 1, 2, 4, 8, …".to_owned(),
        };
        diags.push(
            Diagnostic::new(
                Code::E0052,
                format!("alignment {} is not a power of two", align.node),
                align.span,
                "not a power of two",
            )
            .with_help(help),
        );
        return;
    }
    if align.node > MAX_ALIGN {
        diags.push(
            Diagnostic::new(
                Code::E0054,
                format!(
                    "alignment {} is larger than any Rust type can have",
                    align.node
                ),
                align.span,
                "too large",
            )
            .with_help(format!(
                "the largest alignment rustc accepts is {MAX_ALIGN} (2^29)"
            )),
        );
    }
    if size.node > MAX_SIZE {
        diags.push(
            Diagnostic::new(
                Code::E0054,
                format!("size {} is larger than any Rust type can have", size.node),
                size.span,
                "too large",
            )
            .with_help(format!(
                "sizes are at most isize::MAX = {MAX_SIZE} bytes on 64-bit targets"
            )),
        );
    } else if exact && size.node % align.node != 0 {
        let up = size.node.div_ceil(align.node) * align.node;
        diags.push(
            Diagnostic::new(
                Code::E0053,
                format!(
                    "size {} is not a multiple of the alignment {}",
                    size.node, align.node
                ),
                size.span,
                format!("not a multiple of {}", align.node),
            )
            .with_help(format!(
                "every Rust and C++ type's size is a multiple of its alignment; \
                 did you mean size = {up}?"
            )),
        );
    }
}

/// E0061: the same field name twice in one struct-like constructor.
fn check_unique_fields<'a>(
    names: impl Iterator<Item = &'a Spanned<String>>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<&Spanned<String>> = Vec::new();
    for name in names {
        match seen.iter().find(|s| s.node == name.node) {
            Some(first) => diags.push(
                Diagnostic::new(
                    Code::E0061,
                    format!("field `{}` is listed twice in this constructor", name.node),
                    name.span,
                    "listed again here",
                )
                .with_label(first.span, "first listed here")
                .with_help("remove one of them, or rename it"),
            ),
            None => seen.push(name),
        }
    }
}

/// Checks a signature and splits out its receiver. `path` is the full path
/// of a Rust free function.
pub fn fn_spec(
    f: &FnDecl,
    kind: FnKind,
    path: Option<Path>,
    diags: &mut Vec<Diagnostic>,
) -> FnSpec {
    let mut receiver = None;
    let mut inputs = Vec::new();
    for (i, param) in f.params.iter().enumerate() {
        match param {
            Param::Type(t) => {
                no_impl_trait(t, "a parameter", diags);
                inputs.push(t.clone());
            }
            Param::Receiver(r) if i > 0 => diags.push(
                Diagnostic::new(
                    Code::E0042,
                    "a receiver must be the first parameter",
                    r.span,
                    format!("parameter {} of `{}`", i + 1, f.name.node),
                )
                .with_help("move it to the front, or remove it for a static method"),
            ),
            Param::Receiver(r) if !kind.has_receiver() => diags.push(
                Diagnostic::new(
                    Code::W0003,
                    format!("`{}` is a free function and has no receiver", f.name.node),
                    r.span,
                    "ignored",
                )
                .with_help("remove the receiver; to call a method, declare it in the `type` block"),
            ),
            Param::Receiver(r) => receiver = Some(r.clone()),
        }
    }
    if kind == FnKind::TraitMethod && receiver.is_none() {
        diags.push(
            Diagnostic::new(
                Code::E0043,
                format!("trait method `{}` has no receiver", f.name.node),
                f.name.span,
                "no `self`, `&self` or `&mut self`",
            )
            .with_help(
                "C++ implements the trait as `dyn Trait`, which needs every method to take \
                 `self`, `&self` or `&mut self` (the trait is not dyn-compatible otherwise)",
            ),
        );
    }
    if f.is_async && !kind.implemented_in_rust() {
        diags.push(
            Diagnostic::new(
                Code::E0045,
                format!("`{}` cannot be `async`", f.name.node),
                f.name.span,
                "implemented in C++",
            )
            .with_help("only Rust functions exported to C++ can be `async`; remove `async`"),
        );
    }
    if let Some(deref) = &f.deref {
        check_deref(f, kind, receiver.as_ref().map(|r| r.node), deref, diags);
        no_impl_trait(deref, "a `deref` type", diags);
    }
    for g in &f.generics {
        no_impl_trait(g, "a generic argument", diags);
    }
    if let Some(use_trait) = &f.use_trait {
        no_impl_trait_in_path(use_trait, "a `use` path", diags);
    }
    let output = match &f.output {
        Some(t) => {
            let boxed_impl_allowed = kind.implemented_in_rust() && !f.is_async;
            match &t.kind {
                TypeKind::Impl { tr, .. } if boxed_impl_allowed => {
                    no_impl_trait_in_trait(tr, "a return type", diags)
                }
                _ => no_impl_trait(t, "this return type", diags),
            }
            t.clone()
        }
        None => unit_type(f.name.span),
    };
    FnSpec {
        name: f.name.clone(),
        path,
        is_async: f.is_async,
        safety: f.safety.as_ref().map(|s| s.node),
        generics: f.generics.clone(),
        receiver,
        inputs,
        output,
        use_trait: f.use_trait.clone(),
        deref: f.deref.clone(),
        span: f.span,
    }
}

fn check_deref(
    f: &FnDecl,
    kind: FnKind,
    receiver: Option<crate::syntax::ast::Receiver>,
    deref: &Type,
    diags: &mut Vec<Diagnostic>,
) {
    use crate::syntax::ast::Receiver;
    let problem = match (kind, receiver) {
        (FnKind::Method, Some(Receiver::Ref | Receiver::RefMut)) => return,
        (FnKind::Method, Some(Receiver::Value)) => "takes `self` by value",
        (FnKind::Method, None) => "has no receiver",
        _ => "is not a method of a `type`",
    };
    diags.push(
        Diagnostic::new(
            Code::E0044,
            format!(
                "`deref` needs a method taking `&self` or `&mut self`; `{}` {problem}",
                f.name.node
            ),
            deref.span,
            "`deref` here",
        )
        .with_help(
            "`deref T` calls the method on `*self` through `Deref`, which borrows the receiver",
        ),
    );
}

/// E0041 for every `impl Trait` inside `t` (including `t` itself).
fn no_impl_trait(t: &Type, place: &str, diags: &mut Vec<Diagnostic>) {
    match &t.kind {
        TypeKind::Impl { tr, .. } => {
            diags.push(impl_trait_error(t.span, place));
            no_impl_trait_in_trait(tr, place, diags);
        }
        TypeKind::Path { path } => no_impl_trait_in_path(path, place, diags),
        TypeKind::Boxed { inner }
        | TypeKind::Ref { inner, .. }
        | TypeKind::Ptr { inner, .. }
        | TypeKind::Slice { inner } => no_impl_trait(inner, place, diags),
        TypeKind::Tuple { elems } => elems.iter().for_each(|e| no_impl_trait(e, place, diags)),
        TypeKind::Dyn { tr, .. } => no_impl_trait_in_trait(tr, place, diags),
        TypeKind::Primitive { .. } | TypeKind::CppOpaqueOwnedObject => {}
    }
}

fn no_impl_trait_in_path(path: &Path, place: &str, diags: &mut Vec<Diagnostic>) {
    for segment in &path.segments {
        for arg in &segment.generics {
            match arg {
                GenericArg::Type(t) | GenericArg::Binding { ty: t, .. } => {
                    no_impl_trait(t, place, diags)
                }
            }
        }
    }
}

fn no_impl_trait_in_trait(tr: &TraitRef, place: &str, diags: &mut Vec<Diagnostic>) {
    match tr {
        TraitRef::Path { path } => no_impl_trait_in_path(path, place, diags),
        TraitRef::Fn { inputs, output, .. } => {
            inputs.iter().for_each(|t| no_impl_trait(t, place, diags));
            if let Some(output) = output {
                no_impl_trait(output, place, diags);
            }
        }
    }
}

fn impl_trait_error(span: Span, place: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E0041,
        format!("`impl Trait` is not allowed in {place}"),
        span,
        "`impl Trait` here",
    )
    .with_help(
        "`impl Trait` is only allowed as the whole return type of a Rust function or \
         method (C++ receives it as `Box<dyn Trait>`); name a concrete type or use `dyn`",
    )
}

pub fn trait_decl(decl: &TraitDecl, diags: &mut Vec<Diagnostic>) -> TraitSpec {
    no_impl_trait_in_trait(&decl.tr, "a trait name", diags);
    TraitSpec {
        tr: decl.tr.clone(),
        methods: decl
            .methods
            .iter()
            .map(|m| fn_spec(m, FnKind::TraitMethod, None, diags))
            .collect(),
        span: decl.span,
    }
}

pub fn extern_impl(decl: &ExternImpl, diags: &mut Vec<Diagnostic>) -> ExternImplSpec {
    no_impl_trait(&decl.ty, "an `extern \"C++\"` impl type", diags);
    if let Some(tr) = &decl.tr {
        no_impl_trait_in_trait(tr, "a trait name", diags);
    }
    ExternImplSpec {
        tr: decl.tr.clone(),
        ty: decl.ty.clone(),
        methods: decl
            .methods
            .iter()
            .map(|m| fn_spec(m, FnKind::ExternMethod, None, diags))
            .collect(),
        span: decl.span,
    }
}
