//! Name resolution of one file: decides `#if`/`#match`, flattens `mod`
//! blocks and expands `use` aliases, so that every path in the result is
//! rooted at `::` or `crate`.
//!
//! Rules (as Zngur): a relative path is prefixed with the enclosing `mod`
//! paths, so at top level `a::b` means `::a::b`; an alias applies to relative
//! paths whose first segment is its name, anywhere in its file or `mod`
//! (order does not matter), inner aliases shadowing outer ones. One
//! difference: a relative alias target is resolved where the `use` is written
//! (as in Rust), not where the alias is used — Zngur's choice gives paths
//! such as `crate::std::…` that no crate contains.

use crate::check::cfg::{self, CfgSet};
use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::ast::{
    CppAdditionalIncludes, Directive, ExternImpl, ExternItem, File, FileRef, FnDecl, GenericArg,
    Item, Param, Path, PathRoot, PathSegment, Primitive, TraitDecl, TraitRef, Type, TypeDecl,
    TypeItem, TypeKind, UseAlias,
};
use rayon::prelude::*;

/// A top-level declaration of one file after resolution. Types have no
/// conditional items left.
#[derive(Clone, Debug, PartialEq)]
pub enum Decl {
    Type(TypeDecl),
    Trait(TraitDecl),
    /// A Rust function; `path` is its full path (enclosing mods + name).
    Fn {
        path: Path,
        decl: FnDecl,
    },
    ExternFn(FnDecl),
    ExternImpl(ExternImpl),
    Merge(FileRef),
    Import(FileRef),
    ConvertPanicToException(Directive),
    CppAdditionalIncludes(CppAdditionalIncludes),
}

/// Resolves every active item of `file`.
pub fn resolve_file(file: &File, cfg: &CfgSet, diags: &mut Vec<Diagnostic>) -> Vec<Decl> {
    let mut out = Vec::new();
    let top = Scope {
        root: PathRoot::Global,
        base: Vec::new(),
        aliases: Vec::new(),
        parent: None,
    };
    resolve_items(&file.items, top, cfg, diags, &mut out);
    out
}

/// A `mod` (or the file): the prefix of relative paths and the aliases
/// declared directly in it.
struct Scope<'p> {
    root: PathRoot,
    base: Vec<PathSegment>,
    aliases: Vec<Alias>,
    parent: Option<&'p Scope<'p>>,
}

struct Alias {
    name: String,
    /// The target, already resolved in the declaring scope.
    target: Path,
}

/// The items of `items` that `cfg` selects, with conditionals flattened.
fn active<'a>(items: &'a [Item], cfg: &CfgSet, diags: &mut Vec<Diagnostic>) -> Vec<&'a Item> {
    let mut out = Vec::new();
    let mut stack: Vec<&'a [Item]> = vec![items];
    // Depth-first, keeping source order: a selected branch is expanded in
    // place of its conditional.
    while let Some(rest) = stack.pop() {
        let Some((first, tail)) = rest.split_first() else {
            continue;
        };
        stack.push(tail);
        match first {
            Item::Conditional(c) => stack.push(cfg::select(c, cfg, diags)),
            item => out.push(item),
        }
    }
    out
}

fn resolve_items(
    items: &[Item],
    mut scope: Scope<'_>,
    cfg: &CfgSet,
    diags: &mut Vec<Diagnostic>,
    out: &mut Vec<Decl>,
) {
    let items = active(items, cfg, diags);
    for item in &items {
        if let Item::Use(alias) = item {
            let alias = declare_alias(&scope, alias, diags);
            scope.aliases.push(alias);
        }
    }
    // Items resolve independently once the scope's aliases are known, so
    // a big file's items are resolved in parallel and joined in order.
    let resolved: Vec<(Vec<Decl>, Vec<Diagnostic>)> = items
        .par_iter()
        .map(|item| {
            let mut decls = Vec::new();
            let mut found = Vec::new();
            resolve_item(item, &scope, cfg, &mut found, &mut decls);
            (decls, found)
        })
        .collect();
    for (decls, found) in resolved {
        out.extend(decls);
        diags.extend(found);
    }
}

fn resolve_item(
    item: &Item,
    scope: &Scope<'_>,
    cfg: &CfgSet,
    diags: &mut Vec<Diagnostic>,
    out: &mut Vec<Decl>,
) {
    match item {
        Item::Type(t) => out.push(Decl::Type(scope.type_decl(t, cfg, diags))),
        Item::Trait(t) => out.push(Decl::Trait(TraitDecl {
            tr: scope.trait_ref(&t.tr, diags),
            methods: t.methods.iter().map(|m| scope.fn_decl(m, diags)).collect(),
            span: t.span,
        })),
        Item::Fn(f) => {
            let mut path = scope.base_path(f.name.span);
            path.segments.push(PathSegment {
                name: f.name.clone(),
                generics: Vec::new(),
            });
            out.push(Decl::Fn {
                path,
                decl: scope.fn_decl(f, diags),
            });
        }
        Item::Mod(m) => {
            let prefix = scope.prefix(&m.path, diags);
            let inner = Scope {
                root: prefix.root,
                base: prefix.segments,
                aliases: Vec::new(),
                parent: Some(scope),
            };
            resolve_items(&m.items, inner, cfg, diags, out);
        }
        Item::ExternCpp(block) => {
            for extern_item in &block.items {
                out.push(match extern_item {
                    ExternItem::Fn(f) => Decl::ExternFn(scope.fn_decl(f, diags)),
                    ExternItem::Impl(i) => Decl::ExternImpl(ExternImpl {
                        tr: i.tr.as_ref().map(|tr| scope.trait_ref(tr, diags)),
                        ty: scope.ty(&i.ty, diags),
                        methods: i.methods.iter().map(|m| scope.fn_decl(m, diags)).collect(),
                        span: i.span,
                    }),
                });
            }
        }
        Item::Merge(r) => out.push(Decl::Merge(r.clone())),
        Item::Import(r) => out.push(Decl::Import(r.clone())),
        Item::ConvertPanicToException(d) => out.push(Decl::ConvertPanicToException(d.clone())),
        Item::CppAdditionalIncludes(i) => out.push(Decl::CppAdditionalIncludes(i.clone())),
        // Aliases were taken above; `#unstable` gates are accepted and
        // not required; `active` removed conditionals.
        Item::Use(_) | Item::Unstable(_) | Item::Conditional(_) => {}
    }
}

fn declare_alias(scope: &Scope<'_>, alias: &UseAlias, diags: &mut Vec<Diagnostic>) -> Alias {
    if let Some(previous) = scope.aliases.iter().find(|a| a.name == alias.alias.node) {
        let target = scope.prefix(&alias.path, diags);
        if !super::render::same_path(&previous.target, &target) {
            diags.push(
                Diagnostic::new(
                    Code::E0060,
                    format!("`{}` is declared twice as an alias", alias.alias.node),
                    alias.alias.span,
                    format!("also an alias of `{}`", super::render::path(&target)),
                )
                .with_label(previous.target.span, "first declared here")
                .with_help("give one of the aliases another name"),
            );
        }
    }
    Alias {
        name: alias.alias.node.clone(),
        target: scope.prefix(&alias.path, diags),
    }
}

impl Scope<'_> {
    /// The path of the scope itself, spanned at `span`.
    fn base_path(&self, span: crate::source::Span) -> Path {
        Path {
            root: self.root,
            segments: self.base.clone(),
            span,
        }
    }

    /// `path` with this scope's prefix applied, but no alias expansion
    /// (used for `mod` paths and alias targets, as in Zngur).
    fn prefix(&self, path: &Path, diags: &mut Vec<Diagnostic>) -> Path {
        let segments: Vec<PathSegment> = path
            .segments
            .iter()
            .map(|s| self.segment(s, diags))
            .collect();
        match path.root {
            PathRoot::Relative => {
                let mut full = self.base_path(path.span);
                full.segments.extend(segments);
                full
            }
            root => Path {
                root,
                segments,
                span: path.span,
            },
        }
    }

    fn alias(&self, name: &str) -> Option<&Alias> {
        self.aliases
            .iter()
            .find(|a| a.name == name)
            .or_else(|| self.parent.and_then(|p| p.alias(name)))
    }

    fn segment(&self, segment: &PathSegment, diags: &mut Vec<Diagnostic>) -> PathSegment {
        PathSegment {
            name: segment.name.clone(),
            generics: self.generics(&segment.generics, diags),
        }
    }

    fn generics(&self, args: &[GenericArg], diags: &mut Vec<Diagnostic>) -> Vec<GenericArg> {
        args.iter()
            .map(|arg| match arg {
                GenericArg::Type(t) => GenericArg::Type(self.ty(t, diags)),
                GenericArg::Binding { name, ty } => GenericArg::Binding {
                    name: name.clone(),
                    ty: self.ty(ty, diags),
                },
            })
            .collect()
    }

    /// Resolves a path: alias expansion, then the scope prefix.
    fn path(&self, path: &Path, diags: &mut Vec<Diagnostic>) -> Path {
        let alias = match (path.root, path.segments.split_first()) {
            (PathRoot::Relative, Some((first, rest))) => {
                self.alias(&first.name.node).map(|a| (a, first, rest))
            }
            _ => None,
        };
        let Some((alias, first, rest)) = alias else {
            return self.prefix(path, diags);
        };
        let mut expanded = alias.target.clone();
        expanded.span = path.span;
        if let Some(last) = expanded.segments.last_mut() {
            last.generics.extend(self.generics(&first.generics, diags));
        }
        expanded
            .segments
            .extend(rest.iter().map(|s| self.segment(s, diags)));
        expanded
    }

    fn trait_ref(&self, tr: &TraitRef, diags: &mut Vec<Diagnostic>) -> TraitRef {
        match tr {
            TraitRef::Path { path } => TraitRef::Path {
                path: self.path(path, diags),
            },
            TraitRef::Fn {
                name,
                inputs,
                output,
                span,
            } => TraitRef::Fn {
                name: name.clone(),
                inputs: inputs.iter().map(|t| self.ty(t, diags)).collect(),
                output: output.as_ref().map(|t| Box::new(self.ty(t, diags))),
                span: *span,
            },
        }
    }

    fn ty(&self, ty: &Type, diags: &mut Vec<Diagnostic>) -> Type {
        let boxed = |t: &Type, diags: &mut Vec<Diagnostic>| Box::new(self.ty(t, diags));
        let kind = match &ty.kind {
            TypeKind::Path { path } => {
                check_primitive_like(path, |n| self.alias(n).is_some(), diags);
                TypeKind::Path {
                    path: self.path(path, diags),
                }
            }
            TypeKind::Boxed { inner } => TypeKind::Boxed {
                inner: boxed(inner, diags),
            },
            TypeKind::Ref { mutable, inner } => TypeKind::Ref {
                mutable: *mutable,
                inner: boxed(inner, diags),
            },
            TypeKind::Ptr { mutable, inner } => TypeKind::Ptr {
                mutable: *mutable,
                inner: boxed(inner, diags),
            },
            TypeKind::Slice { inner } => TypeKind::Slice {
                inner: boxed(inner, diags),
            },
            TypeKind::Tuple { elems } => TypeKind::Tuple {
                elems: elems.iter().map(|t| self.ty(t, diags)).collect(),
            },
            TypeKind::Dyn { tr, markers } => TypeKind::Dyn {
                tr: self.trait_ref(tr, diags),
                markers: markers.clone(),
            },
            TypeKind::Impl { tr, markers } => TypeKind::Impl {
                tr: self.trait_ref(tr, diags),
                markers: markers.clone(),
            },
            kind @ (TypeKind::Primitive { .. } | TypeKind::CppOpaqueOwnedObject) => kind.clone(),
        };
        Type {
            kind,
            span: ty.span,
        }
    }

    fn fn_decl(&self, f: &FnDecl, diags: &mut Vec<Diagnostic>) -> FnDecl {
        FnDecl {
            safety: f.safety.clone(),
            is_async: f.is_async,
            name: f.name.clone(),
            generics: f.generics.iter().map(|t| self.ty(t, diags)).collect(),
            params: f
                .params
                .iter()
                .map(|p| match p {
                    Param::Receiver(r) => Param::Receiver(r.clone()),
                    Param::Type(t) => Param::Type(self.ty(t, diags)),
                })
                .collect(),
            output: f.output.as_ref().map(|t| self.ty(t, diags)),
            use_trait: f.use_trait.as_ref().map(|p| self.path(p, diags)),
            deref: f.deref.as_ref().map(|t| self.ty(t, diags)),
            span: f.span,
        }
    }

    fn type_decl(&self, t: &TypeDecl, cfg: &CfgSet, diags: &mut Vec<Diagnostic>) -> TypeDecl {
        let mut items = Vec::new();
        let mut stack: Vec<&[TypeItem]> = vec![&t.items];
        while let Some(rest) = stack.pop() {
            let Some((first, tail)) = rest.split_first() else {
                continue;
            };
            stack.push(tail);
            match first {
                TypeItem::Conditional(c) => stack.push(cfg::select(c, cfg, diags)),
                item => items.push(self.type_item(item, diags)),
            }
        }
        TypeDecl {
            ty: self.ty(&t.ty, diags),
            items,
            span: t.span,
        }
    }

    fn type_item(&self, item: &TypeItem, diags: &mut Vec<Diagnostic>) -> TypeItem {
        use crate::syntax::ast::{ConstructorFields, NamedField};
        match item {
            TypeItem::Constructor(c) => {
                let fields = match &c.fields {
                    ConstructorFields::Unit => ConstructorFields::Unit,
                    ConstructorFields::Tuple(ts) => {
                        ConstructorFields::Tuple(ts.iter().map(|t| self.ty(t, diags)).collect())
                    }
                    ConstructorFields::Named(fs) => ConstructorFields::Named(
                        fs.iter()
                            .map(|f| NamedField {
                                name: f.name.clone(),
                                ty: self.ty(&f.ty, diags),
                            })
                            .collect(),
                    ),
                };
                TypeItem::Constructor(crate::syntax::ast::Constructor {
                    fields,
                    ..c.clone()
                })
            }
            TypeItem::Field(f) => TypeItem::Field(crate::syntax::ast::Field {
                ty: self.ty(&f.ty, diags),
                ..f.clone()
            }),
            TypeItem::Method(m) => TypeItem::Method(Box::new(self.fn_decl(m, diags))),
            other => other.clone(),
        }
    }
}

/// E0040: a name such as `f16` or `u7` reads as a primitive that zngc does
/// not support (and that Rust does not have, or C++ cannot spell).
fn check_primitive_like(path: &Path, is_alias: impl Fn(&str) -> bool, diags: &mut Vec<Diagnostic>) {
    let [segment] = path.segments.as_slice() else {
        return;
    };
    let name = segment.name.node.as_str();
    let looks_primitive = name.len() > 1
        && name.starts_with(['i', 'u', 'f'])
        && name[1..].bytes().all(|b| b.is_ascii_digit());
    if path.root != PathRoot::Relative
        || !segment.generics.is_empty()
        || !looks_primitive
        || Primitive::from_name(name).is_some()
        || is_alias(name)
    {
        return;
    }
    let supported: Vec<&str> = Primitive::ALL.iter().map(|(n, _)| *n).collect();
    diags.push(
        Diagnostic::new(
            Code::E0040,
            format!("`{name}` is not a supported primitive type"),
            segment.name.span,
            "unsupported primitive",
        )
        .with_help(format!("supported primitives: {}", supported.join(", "))),
    );
}
