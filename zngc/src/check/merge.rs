//! Declarations to `Spec`: re-declarations of the same type, trait, function
//! or `extern "C++"` impl are merged; identical items are kept once, and
//! contradicting ones are reported with both places.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::check::render;
use crate::check::resolve::Decl;
use crate::check::spec::{
    ConstructorFieldsSpec, ConstructorSpec, CppValueSpec, ExternImplSpec, FieldSpec, FnSpec,
    LayoutPolicy, Spec, TraitSpec, TypeSpec, UnlaidType,
};
use crate::check::validate::{self, layout_name, layout_span, DeclaredType, FnKind};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, Span};
use crate::syntax::ast::{FieldName, FieldOffset};

/// A type declaration after validation, keyed by its rendered type (`None`
/// if it is invalid), with what validation found.
type ValidatedType = (Option<(String, DeclaredType)>, Vec<Diagnostic>);

/// Builds the spec from every file's declarations, in order. `root` is the
/// file given on the command line (the only one allowed to hold
/// `#convert_panic_to_exception`). Types declared without a layout policy
/// are left out of the spec and returned beside it.
pub fn build(
    decls: &[(FileId, Decl)],
    root: FileId,
    diags: &mut Vec<Diagnostic>,
) -> (Spec, Vec<UnlaidType>) {
    let mut spec = Spec::default();
    let mut types: Vec<DeclaredType> = Vec::new();
    let mut type_index: HashMap<String, usize> = HashMap::new();
    let mut trait_index: HashMap<String, usize> = HashMap::new();
    let mut impl_index: HashMap<String, usize> = HashMap::new();
    // Free functions are merged in one batch at the end: see `add_fns`.
    let mut functions = Vec::new();
    let mut extern_fns = Vec::new();
    // Each type declaration is validated on its own, so a big bridge's are
    // validated in parallel; merging them stays in order.
    let validated: Vec<Option<ValidatedType>> = decls
        .par_iter()
        .map(|(_, decl)| match decl {
            Decl::Type(t) => {
                let mut found = Vec::new();
                let declared = validate::type_decl(t, &mut found).map(|d| (render::ty(&d.ty), d));
                Some((declared, found))
            }
            _ => None,
        })
        .collect();
    for ((file, decl), validated) in decls.iter().zip(validated) {
        match decl {
            Decl::Type(_) => {
                let Some((declared, found)) = validated else {
                    continue;
                };
                diags.extend(found);
                let Some((key, declared)) = declared else {
                    continue;
                };
                match type_index.get(&key) {
                    Some(&i) => merge_type(&mut types[i], declared, diags),
                    None => {
                        type_index.insert(key, types.len());
                        // Merged into an empty type, so that repeats within
                        // this one declaration are kept once too.
                        let mut first = DeclaredType::empty(declared.ty.clone(), declared.span);
                        merge_type(&mut first, declared, diags);
                        types.push(first);
                    }
                }
            }
            Decl::Trait(t) => {
                let declared = validate::trait_decl(t, diags);
                let key = render::trait_ref(&declared.tr);
                let owner = format!("trait `{key}`");
                match trait_index.get(&key) {
                    Some(&i) => {
                        add_fns(&mut spec.traits[i].methods, declared.methods, &owner, diags)
                    }
                    None => {
                        trait_index.insert(key, spec.traits.len());
                        let mut methods = Vec::new();
                        add_fns(&mut methods, declared.methods, &owner, diags);
                        spec.traits.push(TraitSpec {
                            methods,
                            ..declared
                        });
                    }
                }
            }
            Decl::Fn { path, decl } => {
                functions.push(validate::fn_spec(
                    decl,
                    FnKind::RustFn,
                    Some(path.clone()),
                    diags,
                ));
            }
            Decl::ExternFn(decl) => {
                extern_fns.push(validate::fn_spec(decl, FnKind::ExternFn, None, diags));
            }
            Decl::ExternImpl(i) => {
                let declared = validate::extern_impl(i, diags);
                let key = impl_name(&declared);
                match impl_index.get(&key) {
                    Some(&i) => add_fns(
                        &mut spec.extern_impls[i].methods,
                        declared.methods,
                        &key,
                        diags,
                    ),
                    None => {
                        impl_index.insert(key.clone(), spec.extern_impls.len());
                        let mut methods = Vec::new();
                        add_fns(&mut methods, declared.methods, &key, diags);
                        spec.extern_impls.push(ExternImplSpec {
                            methods,
                            ..declared
                        });
                    }
                }
            }
            Decl::ConvertPanicToException(d) => {
                if *file != root {
                    diags.push(
                        Diagnostic::new(
                            Code::E0021,
                            "`#convert_panic_to_exception` in a merged file",
                            d.span,
                            "only allowed in the main file",
                        )
                        .with_help(
                            "move `#convert_panic_to_exception` to the file given to zngc: \
                             it applies to the whole generated bridge",
                        ),
                    );
                }
                spec.convert_panic_to_exception = true;
            }
            Decl::CppAdditionalIncludes(i) => spec.additional_includes.push(i.text.clone()),
            // The loader follows these.
            Decl::Merge(_) | Decl::Import(_) => {}
        }
    }
    add_fns(&mut spec.functions, functions, "the free functions", diags);
    add_fns(&mut spec.extern_fns, extern_fns, "`extern \"C++\"`", diags);
    let mut unlaid = Vec::new();
    spec.types = types
        .into_iter()
        .filter_map(|t| finish_type(t, &mut unlaid))
        .collect();
    (spec, unlaid)
}

fn impl_name(i: &ExternImplSpec) -> String {
    match &i.tr {
        Some(tr) => format!("`impl {} for {}`", render::trait_ref(tr), render::ty(&i.ty)),
        None => format!("`impl {}`", render::ty(&i.ty)),
    }
}

/// The type with its policy; if no declaration gave it one, `None`, and
/// what `zngc layout` needs to discover it goes to `unlaid`.
fn finish_type(t: DeclaredType, unlaid: &mut Vec<UnlaidType>) -> Option<TypeSpec> {
    let Some(layout) = t.layout else {
        unlaid.push(UnlaidType {
            ty: t.ty,
            fields: t.fields,
            span: t.span,
        });
        return None;
    };
    Some(TypeSpec {
        ty: t.ty,
        layout,
        wellknown_traits: t.wellknown_traits,
        constructors: t.constructors,
        fields: t.fields,
        methods: t.methods,
        cpp_value: t.cpp_values.into_iter().next(),
        span: t.span,
    })
}

/// E0050 for a type that no declaration gave a layout policy.
pub fn no_layout_policy(t: &UnlaidType) -> Diagnostic {
    Diagnostic::new(
        Code::E0050,
        format!("`{}` has no layout policy", render::ty(&t.ty)),
        t.ty.span,
        "C++ cannot know how to store this type",
    )
    .with_help(
        "add `#layout(size = …, align = …);` with the type's size and alignment \
         (or `#heap_allocated;`, or `#only_by_ref;` if C++ only borrows it); \
         `zngc layout --fix` inserts the numbers rustc reports",
    )
}

/// Adds `new` (one declaration) to `acc` (the merged type).
fn merge_type(acc: &mut DeclaredType, new: DeclaredType, diags: &mut Vec<Diagnostic>) {
    let name = render::ty(&acc.ty);
    if let Some(layout) = new.layout {
        merge_layout(&mut acc.layout, layout, &name, diags);
    }
    acc.wellknown_traits.extend(new.wellknown_traits);
    for c in new.constructors {
        add_constructor(&mut acc.constructors, c, &name, diags);
    }
    for f in new.fields {
        add_field(&mut acc.fields, f, &name, diags);
    }
    add_fns(&mut acc.methods, new.methods, &format!("`{name}`"), diags);
    for v in new.cpp_values {
        add_cpp_value(&mut acc.cpp_values, v, &name, diags);
    }
}

fn conflict(what: String, new: Span, first: Span, label: String) -> Diagnostic {
    Diagnostic::new(Code::E0060, what, new, label)
        .with_label(first, "first declared here")
        .with_help("make the declarations agree, or remove one of them")
}

/// Two policies that say the same thing (spans aside), or that are the two
/// spellings of "by reference only".
fn same_layout(a: &LayoutPolicy, b: &LayoutPolicy) -> bool {
    use LayoutPolicy as L;
    match (a, b) {
        (
            L::Exact { size, align, .. },
            L::Exact {
                size: s, align: al, ..
            },
        )
        | (
            L::Conservative { size, align, .. },
            L::Conservative {
                size: s, align: al, ..
            },
        ) => size == s && align == al,
        (
            L::CppStackOwned {
                cpp_type,
                size,
                align,
                ..
            },
            L::CppStackOwned {
                cpp_type: c,
                size: s,
                align: al,
                ..
            },
        ) => cpp_type.node == c.node && size == s && align == al,
        (L::CppRef { cpp_type, .. }, L::CppRef { cpp_type: c, .. }) => cpp_type.node == c.node,
        (L::HeapAllocated { .. }, L::HeapAllocated { .. }) => true,
        (L::OnlyByRef { .. } | L::Unsized { .. }, L::OnlyByRef { .. } | L::Unsized { .. }) => true,
        _ => false,
    }
}

fn merge_layout(
    acc: &mut Option<LayoutPolicy>,
    new: LayoutPolicy,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) {
    match acc {
        None => *acc = Some(new),
        Some(first) if same_layout(first, &new) => {
            // `?Sized` says more than `#only_by_ref`: keep it.
            if matches!(new, LayoutPolicy::Unsized { .. }) {
                *acc = Some(new);
            }
        }
        Some(first) => diags.push(conflict(
            format!("`{name}` is declared with two different layouts"),
            layout_span(&new),
            layout_span(first),
            format!("{} here, {} before", layout_name(&new), layout_name(first)),
        )),
    }
}

fn constructor_key(c: &ConstructorSpec) -> Option<&str> {
    c.name.as_ref().map(|n| n.node.as_str())
}

fn constructor_shape(c: &ConstructorSpec) -> String {
    match &c.fields {
        ConstructorFieldsSpec::Unit => String::new(),
        ConstructorFieldsSpec::Tuple(types) => {
            let types: Vec<String> = types.iter().map(render::ty).collect();
            format!("({})", types.join(", "))
        }
        ConstructorFieldsSpec::Named(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(n, t)| format!("{}: {}", n.node, render::ty(t)))
                .collect();
            format!(" {{ {} }}", fields.join(", "))
        }
    }
}

fn add_constructor(
    list: &mut Vec<ConstructorSpec>,
    new: ConstructorSpec,
    owner: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(first) = list
        .iter()
        .find(|c| constructor_key(c) == constructor_key(&new))
    else {
        list.push(new);
        return;
    };
    if constructor_shape(first) != constructor_shape(&new) {
        let name = constructor_key(&new).map_or(String::new(), |n| format!(" {n}"));
        diags.push(conflict(
            format!("`constructor{name}` of `{owner}` is declared twice with different fields"),
            new.span,
            first.span,
            format!("`constructor{name}{}` here", constructor_shape(&new)),
        ));
    }
}

fn field_name(name: &FieldName) -> String {
    match name {
        FieldName::Named(n) => n.clone(),
        FieldName::Index(i) => i.to_string(),
    }
}

fn field_content(f: &FieldSpec) -> String {
    let offset = match f.offset.node {
        FieldOffset::Bytes(n) => n.to_string(),
        FieldOffset::Auto => "auto".to_owned(),
    };
    format!("(offset = {offset}, type = {})", render::ty(&f.ty))
}

/// E0062: the same field twice in one type, with different content.
fn add_field(list: &mut Vec<FieldSpec>, new: FieldSpec, owner: &str, diags: &mut Vec<Diagnostic>) {
    let Some(first) = list.iter().find(|f| f.name.node == new.name.node) else {
        list.push(new);
        return;
    };
    if field_content(first) != field_content(&new) {
        let name = field_name(&new.name.node);
        diags.push(
            Diagnostic::new(
                Code::E0062,
                format!("field `{name}` of `{owner}` is declared twice with different content"),
                new.span,
                format!("`{}` here", field_content(&new)),
            )
            .with_label(first.span, format!("`{}` first", field_content(first)))
            .with_help("a field has one offset and one type; make the declarations agree"),
        );
    }
}

fn add_cpp_value(
    list: &mut Vec<CppValueSpec>,
    new: CppValueSpec,
    owner: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(first) = list.first() else {
        list.push(new);
        return;
    };
    if first.field.node != new.field.node || first.cpp_type.node != new.cpp_type.node {
        diags.push(conflict(
            format!("`{owner}` is declared with two different `#cpp_value`s"),
            new.span,
            first.span,
            format!(
                "`#cpp_value \"{}\" \"{}\"` here",
                new.field.node, new.cpp_type.node
            ),
        ));
    }
}

/// What tells overloads apart: name (or full path), explicit generics,
/// receiver and parameter types.
fn fn_identity(f: &FnSpec) -> String {
    let mut out = String::new();
    match &f.path {
        Some(path) => render::write_path(&mut out, path),
        None => out.push_str(&f.name.node),
    }
    out.push('<');
    render::write_types(&mut out, &f.generics);
    out.push('>');
    render::write_params(&mut out, f.receiver_kind(), &f.inputs);
    out
}

/// Everything else in a signature.
fn fn_rest(f: &FnSpec) -> String {
    format!(
        "{}{}-> {}{}{}",
        match f.safety {
            Some(s) => format!("{s:?} "),
            None => String::new(),
        },
        if f.is_async { "async " } else { "" },
        render::ty(&f.output),
        f.use_trait
            .as_ref()
            .map_or(String::new(), |p| format!(" use {}", render::path(p))),
        f.deref
            .as_ref()
            .map_or(String::new(), |t| format!(" deref {}", render::ty(t))),
    )
}

/// Adds functions, keeping identical re-declarations once. The same name and
/// parameters with anything else different is E0060; other overloads are
/// fine. Linear in the number of functions: each identity is computed once
/// per call, so callers pass all functions of a list in as few calls as
/// they can.
fn add_fns(list: &mut Vec<FnSpec>, new: Vec<FnSpec>, owner: &str, diags: &mut Vec<Diagnostic>) {
    let mut index: HashMap<String, usize> = list
        .iter()
        .enumerate()
        .map(|(i, f)| (fn_identity(f), i))
        .collect();
    for f in new {
        let identity = fn_identity(&f);
        let Some(first) = index.get(&identity).and_then(|&i| list.get(i)) else {
            index.insert(identity, list.len());
            list.push(f);
            continue;
        };
        if fn_rest(first) != fn_rest(&f) {
            diags.push(conflict(
                format!(
                    "`{}{}` in {owner} is declared twice with different signatures",
                    f.name.node,
                    render::params(f.receiver_kind(), &f.inputs)
                ),
                f.span,
                first.span,
                format!("`{}` here", fn_rest(&f)),
            ));
        }
    }
}
