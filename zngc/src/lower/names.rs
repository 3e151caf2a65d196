//! Names in the generated code: C++ identifiers, type spellings in both
//! languages, and `extern "C"` symbols.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::syntax::ast::{
    FnTraitKind, GenericArg, Ident, Path, PathRoot, Primitive, TraitRef, Type, TypeKind,
};

/// Every C++ keyword and alternative token (C++20, plus the TS and
/// contextual words that cannot name a member), which a Rust name may be.
/// Sorted, for binary search.
const CPP_RESERVED: &[&str] = &[
    "alignas",
    "alignof",
    "and",
    "and_eq",
    "asm",
    "atomic_cancel",
    "atomic_commit",
    "atomic_noexcept",
    "auto",
    "bitand",
    "bitor",
    "bool",
    "break",
    "case",
    "catch",
    "char",
    "char16_t",
    "char32_t",
    "char8_t",
    "class",
    "co_await",
    "co_return",
    "co_yield",
    "compl",
    "concept",
    "const",
    "const_cast",
    "consteval",
    "constexpr",
    "constinit",
    "continue",
    "decltype",
    "default",
    "delete",
    "do",
    "double",
    "dynamic_cast",
    "else",
    "enum",
    "explicit",
    "export",
    "extern",
    "false",
    "float",
    "for",
    "friend",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "mutable",
    "namespace",
    "new",
    "noexcept",
    "not",
    "not_eq",
    "nullptr",
    "operator",
    "or",
    "or_eq",
    "private",
    "protected",
    "public",
    "reflexpr",
    "register",
    "reinterpret_cast",
    "requires",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "static_assert",
    "static_cast",
    "struct",
    "switch",
    "synchronized",
    "template",
    "this",
    "thread_local",
    "throw",
    "true",
    "try",
    "typedef",
    "typeid",
    "typename",
    "union",
    "unsigned",
    "using",
    "virtual",
    "void",
    "volatile",
    "wchar_t",
    "while",
    "xor",
    "xor_eq",
];

/// A Rust name as a C++ identifier: keywords get `_` appended (`new_`,
/// `or_`, `class_`).
pub fn cpp_ident(name: &str) -> String {
    if is_cpp_reserved(name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

fn is_cpp_reserved(name: &str) -> bool {
    // Every reserved word starts with a lowercase letter, and most Rust
    // type names do not, so they skip the search.
    name.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && CPP_RESERVED.binary_search(&name).is_ok()
}

fn push_cpp_ident(out: &mut String, name: &str) {
    out.push_str(name);
    if is_cpp_reserved(name) {
        out.push('_');
    }
}

/// Keywords that name something in a path and cannot be written raw.
const RUST_PATH_KEYWORDS: &[&str] = &["Self", "crate", "self", "super"];

/// Whether generated Rust must write `name` as a raw identifier: it is a
/// Rust keyword of some edition, strict or reserved (`gen` since 2024,
/// `try` since 2018), other than the path words `crate`, `self`, `super`
/// and `Self`, which have no raw form. (A `match`, which the compiler
/// turns into a switch on the length: this runs for every path segment.)
fn needs_raw(name: &str) -> bool {
    matches!(
        name,
        "abstract"
            | "as"
            | "async"
            | "await"
            | "become"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "final"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "override"
            | "priv"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "typeof"
            | "unsafe"
            | "unsized"
            | "use"
            | "virtual"
            | "where"
            | "while"
            | "yield"
    )
}

/// How a declared name is spelled in generated Rust: a keyword as a raw
/// identifier (`r#loop`), so that the file compiles in every edition.
/// `crate`, `self`, `super` and `Self` cannot be raw and stay as they are.
pub fn rust_ident(name: &str) -> Cow<'_, str> {
    if needs_raw(name) {
        Cow::Owned(format!("r#{name}"))
    } else {
        Cow::Borrowed(name)
    }
}

/// The name of a type's struct in the generated `pub mod cpp` (for
/// `#cpp_value`, `#cpp_ref` and `#cpp_stack_owned`): the last path segment,
/// as Zngur names it (`crate::Inventory` → `Inventory`), with generic
/// arguments spelled into it so that it is one identifier (`Holder<i32>` →
/// `Holder_i32`), written as Rust needs it (`r#loop`). Check reports two
/// types with one name (E0063); lower names the struct.
pub fn cpp_struct_name(ty: &Type) -> String {
    let mut name = String::new();
    match &ty.kind {
        TypeKind::Path { path } => match path.segments.last() {
            Some(last) if last.generics.is_empty() => name.push_str(&last.name.node),
            Some(last) => {
                let segment = Path {
                    root: PathRoot::Relative,
                    segments: vec![last.clone()],
                    span: path.span,
                };
                push_flattened(&mut name, &rust_path(&segment));
            }
            None => {}
        },
        _ => push_flattened(&mut name, &rust_type(ty)),
    }
    let name = name.trim_matches('_');
    match name {
        "" => "Opaque".to_string(),
        // No raw form: a different identifier.
        _ if RUST_PATH_KEYWORDS.contains(&name) => format!("{name}_"),
        _ => rust_ident(name).into_owned(),
    }
}

/// Appends the ASCII letters and digits of `text`, with one `_` for each
/// run of other characters.
fn push_flattened(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
}

fn push_rust_ident(out: &mut String, name: &str) {
    if needs_raw(name) {
        out.push_str("r#");
    }
    out.push_str(name);
}

/// What `crate` and the C++ root are called in this bridge.
#[derive(Clone, Debug)]
pub struct Naming {
    /// The C++ namespace of `crate` (the crate name with `-` as `_`, and
    /// `_` appended if it is a C++ keyword).
    cpp_crate: String,
    pub cpp_namespace: String,
    pub mangling_base: String,
}

impl Naming {
    pub fn new(crate_name: &str, cpp_namespace: &str, mangling_base: &str) -> Self {
        Naming {
            cpp_crate: cpp_ident(&crate_name.replace('-', "_")),
            cpp_namespace: cpp_namespace.to_string(),
            mangling_base: mangling_base.to_string(),
        }
    }

    /// The C++ namespace segments of a path's parent and its last name.
    pub fn cpp_segments(&self, path: &Path) -> (Vec<String>, String) {
        let mut names: Vec<String> = Vec::new();
        names.push(self.cpp_namespace.clone());
        if path.root == PathRoot::Crate {
            names.push(self.cpp_crate.clone());
        }
        names.extend(path.segments.iter().map(|s| cpp_ident(&s.name.node)));
        let last = names.pop().unwrap_or_default();
        (names, last)
    }

    /// The C++ template arguments of a path's last segment, `<A, B>`, with
    /// named arguments after positional ones, sorted by name.
    pub fn cpp_generic_args(&self, path: &Path) -> String {
        let mut out = String::new();
        self.write_cpp_generic_args(&mut out, path);
        out
    }

    fn write_cpp_generic_args(&self, out: &mut String, path: &Path) {
        let Some(last) = path.segments.last() else {
            return;
        };
        if last.generics.is_empty() {
            return;
        }
        let mut named: Vec<(&str, &Type)> = Vec::new();
        let mut first = true;
        let mut separate = |out: &mut String| {
            out.push_str(if first { "<" } else { ", " });
            first = false;
        };
        for arg in &last.generics {
            match arg {
                GenericArg::Type(ty) => {
                    separate(out);
                    self.write_cpp_type(out, ty);
                }
                GenericArg::Binding { name, ty } => named.push((&name.node, ty)),
            }
        }
        named.sort_by(|a, b| a.0.cmp(b.0));
        for (_, ty) in named {
            separate(out);
            self.write_cpp_type(out, ty);
        }
        out.push('>');
    }

    /// The fully qualified C++ type of a Rust path type.
    pub fn cpp_path(&self, path: &Path) -> String {
        let mut out = String::new();
        self.write_cpp_path(&mut out, path);
        out
    }

    fn write_cpp_path(&self, out: &mut String, path: &Path) {
        out.push_str("::");
        out.push_str(&self.cpp_namespace);
        if path.root == PathRoot::Crate {
            out.push_str("::");
            out.push_str(&self.cpp_crate);
        }
        for segment in &path.segments {
            out.push_str("::");
            push_cpp_ident(out, &segment.name.node);
        }
        self.write_cpp_generic_args(out, path);
    }

    /// An item of the runtime header's internal namespace.
    pub fn internal(&self, name: &str) -> String {
        format!("::{}::zng_internal::{}", self.cpp_namespace, name)
    }

    fn write_runtime(&self, out: &mut String, name: &str) {
        out.push_str("::");
        out.push_str(&self.cpp_namespace);
        out.push_str("::");
        out.push_str(name);
    }

    fn runtime(&self, name: &str) -> String {
        let mut out = String::new();
        self.write_runtime(&mut out, name);
        out
    }

    /// `::rust::Name<inner>`.
    fn write_runtime_of(&self, out: &mut String, name: &str, inner: &Type) {
        self.write_runtime(out, name);
        out.push('<');
        self.write_cpp_type(out, inner);
        out.push('>');
    }

    /// The C++ spelling of a Rust type.
    pub fn cpp_type(&self, ty: &Type) -> String {
        let mut out = String::with_capacity(48);
        self.write_cpp_type(&mut out, ty);
        out
    }

    /// Appends the C++ spelling of a Rust type to `out`; one buffer for the
    /// whole spelling, as lowering spells thousands of types.
    pub fn write_cpp_type(&self, out: &mut String, ty: &Type) {
        match &ty.kind {
            TypeKind::Primitive { primitive } => self.write_cpp_primitive(out, *primitive),
            TypeKind::Path { path } => self.write_cpp_path(out, path),
            TypeKind::Boxed { inner } => self.write_runtime_of(out, "Box", inner),
            TypeKind::Ref { mutable, inner } => {
                self.write_runtime_of(out, if *mutable { "RefMut" } else { "Ref" }, inner)
            }
            TypeKind::Ptr { mutable, inner } => match number_primitive(inner) {
                Some(p) => {
                    out.push_str(number_cpp(p));
                    out.push_str(if *mutable { "*" } else { " const*" });
                }
                None => self.write_runtime_of(out, if *mutable { "RawMut" } else { "Raw" }, inner),
            },
            TypeKind::Slice { inner } => self.write_runtime_of(out, "Slice", inner),
            TypeKind::Tuple { elems } if elems.is_empty() => self.write_runtime(out, "Unit"),
            TypeKind::Tuple { elems } => {
                self.write_runtime(out, "Tuple");
                for (i, elem) in elems.iter().enumerate() {
                    out.push_str(if i == 0 { "<" } else { ", " });
                    self.write_cpp_type(out, elem);
                }
                out.push('>');
            }
            TypeKind::Dyn { tr, markers } => out.push_str(&self.cpp_dyn(tr, markers)),
            TypeKind::Impl { tr, markers } => {
                self.write_runtime(out, "Box");
                out.push('<');
                out.push_str(&self.cpp_dyn(tr, markers));
                out.push('>');
            }
            TypeKind::CppOpaqueOwnedObject => self.write_runtime(out, "ZngurCppOpaqueOwnedObject"),
        }
    }

    fn cpp_dyn(&self, tr: &TraitRef, markers: &[Ident]) -> String {
        let mut args = vec![self.cpp_trait(tr)];
        args.extend(markers.iter().map(|m| self.runtime(&cpp_ident(&m.node))));
        format!("{}<{}>", self.runtime("Dyn"), args.join(", "))
    }

    /// `::rust::std::iter::Iterator<int32_t>`, `::rust::Fn<A, R>`.
    pub fn cpp_trait(&self, tr: &TraitRef) -> String {
        match tr {
            TraitRef::Path { path } => self.cpp_path(path),
            TraitRef::Fn {
                name,
                inputs,
                output,
                ..
            } => {
                let mut args: Vec<String> = inputs.iter().map(|t| self.cpp_type(t)).collect();
                args.push(
                    output
                        .as_ref()
                        .map_or_else(|| self.runtime("Unit"), |o| self.cpp_type(o)),
                );
                format!(
                    "{}<{}>",
                    self.runtime(fn_trait_name(name.node)),
                    args.join(", ")
                )
            }
        }
    }

    pub fn cpp_primitive(&self, p: Primitive) -> String {
        let mut out = String::new();
        self.write_cpp_primitive(&mut out, p);
        out
    }

    fn write_cpp_primitive(&self, out: &mut String, p: Primitive) {
        match p {
            Primitive::Bool => self.write_runtime(out, "Bool"),
            Primitive::Char => self.write_runtime(out, "Char"),
            Primitive::Str => self.write_runtime(out, "Str"),
            other => out.push_str(number_cpp(other)),
        }
    }

    /// An `extern "C"` symbol for `what` (a readable description such as
    /// `crate::Inventory::add_banana`) with a discriminating `signature`.
    /// The readable part keeps symbols recognisable in backtraces; the hash
    /// of everything makes them distinct per type, instantiation, overload
    /// and mangling base.
    pub fn symbol(&self, what: &str, signature: &str) -> String {
        let mut out = String::with_capacity(80);
        out.push_str("zngc_");
        for c in self.mangling_base.chars() {
            out.push(if c.is_ascii_alphanumeric() { c } else { '_' });
        }
        if !self.mangling_base.is_empty() {
            out.push('_');
        }
        let start = out.len();
        for c in what.chars() {
            if out.len() - start >= 48 {
                break;
            }
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if out.len() > start && !out.ends_with('_') {
                out.push('_');
            }
        }
        if !out.ends_with('_') {
            out.push('_');
        }
        let hash = fnv1a(&[&self.mangling_base, what, signature]);
        let _ = write!(out, "{hash:016x}");
        out
    }
}

/// FNV-1a over the parts, with a separator so that `("ab", "c")` and
/// `("a", "bc")` differ. Stable across runs and platforms.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn fn_trait_name(kind: FnTraitKind) -> &'static str {
    match kind {
        FnTraitKind::Fn => "Fn",
        FnTraitKind::FnMut => "FnMut",
        FnTraitKind::FnOnce => "FnOnce",
    }
}

/// The primitive if `ty` is a number (not `bool`, `char` or `str`).
pub fn number_primitive(ty: &Type) -> Option<Primitive> {
    match ty.kind {
        TypeKind::Primitive { primitive }
            if !matches!(
                primitive,
                Primitive::Bool | Primitive::Char | Primitive::Str
            ) =>
        {
            Some(primitive)
        }
        _ => None,
    }
}

/// The C++ type of a number primitive; `isize` and the 128-bit integers
/// map to real C++ types.
pub fn number_cpp(p: Primitive) -> &'static str {
    match p {
        Primitive::I8 => "::std::int8_t",
        Primitive::I16 => "::std::int16_t",
        Primitive::I32 => "::std::int32_t",
        Primitive::I64 => "::std::int64_t",
        Primitive::I128 => "__int128",
        Primitive::Isize => "::std::ptrdiff_t",
        Primitive::U8 => "::std::uint8_t",
        Primitive::U16 => "::std::uint16_t",
        Primitive::U32 => "::std::uint32_t",
        Primitive::U64 => "::std::uint64_t",
        Primitive::U128 => "unsigned __int128",
        Primitive::Usize => "::std::size_t",
        Primitive::F32 => "float",
        Primitive::F64 => "double",
        Primitive::Bool => "bool",
        Primitive::Char => "char32_t",
        Primitive::Str => "void",
    }
}

/// The Rust spelling of a type, valid in type position.
pub fn rust_type(ty: &Type) -> String {
    let mut out = String::with_capacity(32);
    write_rust_type(&mut out, ty);
    out
}

/// Appends the Rust spelling of a type to `out`.
pub fn write_rust_type(out: &mut String, ty: &Type) {
    match &ty.kind {
        TypeKind::Primitive { primitive } => out.push_str(primitive.name()),
        TypeKind::Path { path } => write_rust_path(out, path, "<"),
        TypeKind::Boxed { inner } => {
            out.push_str("::std::boxed::Box<");
            write_rust_type(out, inner);
            out.push('>');
        }
        TypeKind::Ref { mutable, inner } => {
            out.push_str(if *mutable { "&mut " } else { "&" });
            write_rust_type(out, inner);
        }
        TypeKind::Ptr { mutable, inner } => {
            out.push_str(if *mutable { "*mut " } else { "*const " });
            write_rust_type(out, inner);
        }
        TypeKind::Slice { inner } => {
            out.push('[');
            write_rust_type(out, inner);
            out.push(']');
        }
        TypeKind::Tuple { elems } => {
            out.push('(');
            for (i, elem) in elems.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_rust_type(out, elem);
            }
            if elems.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        TypeKind::Dyn { tr, markers } => {
            out.push_str("dyn ");
            out.push_str(&rust_bounds(tr, markers));
        }
        TypeKind::Impl { tr, markers } => {
            out.push_str("impl ");
            out.push_str(&rust_bounds(tr, markers));
        }
        TypeKind::CppOpaqueOwnedObject => out.push_str("ZngurCppOpaqueOwnedObject"),
    }
}

fn rust_bounds(tr: &TraitRef, markers: &[Ident]) -> String {
    let mut parts = vec![rust_trait(tr)];
    parts.extend(markers.iter().map(|m| m.node.clone()));
    parts.join(" + ")
}

/// The Rust spelling of a trait: `::std::iter::Iterator<Item = i32>`,
/// `Fn(i32) -> i32`.
pub fn rust_trait(tr: &TraitRef) -> String {
    match tr {
        TraitRef::Path { path } => rust_path(path),
        TraitRef::Fn {
            name,
            inputs,
            output,
            ..
        } => {
            let inputs: Vec<String> = inputs.iter().map(rust_type).collect();
            let output = output
                .as_ref()
                .map_or(String::new(), |o| format!(" -> {}", rust_type(o)));
            format!(
                "{}({}){}",
                fn_trait_name(name.node),
                inputs.join(", "),
                output
            )
        }
    }
}

/// The Rust spelling of a type in expression and pattern position, where
/// generic arguments need a turbofish: `::std::option::Option::<i32>`.
pub fn rust_expr_type(ty: &Type) -> String {
    match &ty.kind {
        TypeKind::Path { path } => {
            let mut out = String::with_capacity(32);
            write_rust_path(&mut out, path, "::<");
            out
        }
        _ => format!("<{}>", rust_type(ty)),
    }
}

/// The Rust spelling of a path, with generic arguments.
pub fn rust_path(path: &Path) -> String {
    let mut out = String::with_capacity(32);
    write_rust_path(&mut out, path, "<");
    out
}

fn write_rust_path(out: &mut String, path: &Path, open: &str) {
    match path.root {
        PathRoot::Global => out.push_str("::"),
        PathRoot::Crate if path.segments.is_empty() => out.push_str("crate"),
        PathRoot::Crate => out.push_str("crate::"),
        PathRoot::Relative => {}
    }
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        push_rust_ident(out, &segment.name.node);
        for (j, arg) in segment.generics.iter().enumerate() {
            out.push_str(if j == 0 { open } else { ", " });
            match arg {
                GenericArg::Type(t) => write_rust_type(out, t),
                GenericArg::Binding { name, ty } => {
                    push_rust_ident(out, &name.node);
                    out.push_str(" = ");
                    write_rust_type(out, ty);
                }
            }
        }
        if !segment.generics.is_empty() {
            out.push('>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_words_are_sorted_for_binary_search() {
        assert!(CPP_RESERVED.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn keywords_and_alternative_tokens_get_an_underscore() {
        for name in ["new", "default", "or", "delete", "class", "not_eq", "this"] {
            assert_eq!(cpp_ident(name), format!("{name}_"));
        }
        assert_eq!(cpp_ident("push"), "push");
        assert_eq!(cpp_ident("crate"), "crate");
    }

    #[test]
    fn rust_keywords_are_raw_except_path_keywords() {
        for name in ["loop", "move", "gen", "try", "type", "yield"] {
            assert_eq!(rust_ident(name), format!("r#{name}"));
        }
        for name in ["crate", "self", "super", "Self", "push", "union", "u8"] {
            assert_eq!(rust_ident(name), name);
        }
    }

    #[test]
    fn cpp_struct_names_are_identifiers() {
        let name = |text: &str| {
            let (tree, diagnostics) =
                crate::syntax::parse(crate::source::FileId(0), &format!("type {text} {{}}"));
            assert!(diagnostics.is_empty(), "{text}: {diagnostics:?}");
            match &tree.items[0] {
                crate::syntax::ast::Item::Type(t) => cpp_struct_name(&t.ty),
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(name("crate::Inventory"), "Inventory");
        assert_eq!(name("crate::Holder<i32>"), "Holder_i32");
        assert_eq!(
            name("crate::Holder<::std::vec::Vec<&str>, Item = (u8, u8)>"),
            "Holder_std_vec_Vec_str_Item_u8_u8"
        );
        assert_eq!(name("crate::r#loop"), "r#loop");
        assert_eq!(name("crate::Self"), "Self_");
        assert_eq!(name("u8"), "u8");
        assert_eq!(name("[u8]"), "u8");
    }

    #[test]
    fn symbols_differ_by_signature_and_base_and_are_stable() {
        let naming = |base: &str| Naming::new("crate", "rust", base);
        let a = naming("").symbol("crate::Foo::f", "i32");
        assert_eq!(a, naming("").symbol("crate::Foo::f", "i32"));
        assert_ne!(a, naming("").symbol("crate::Foo::f", "i64"));
        assert_ne!(a, naming("other").symbol("crate::Foo::f", "i32"));
        assert!(a.starts_with("zngc_crate_Foo_f_"), "{a}");
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }
}
