//! Names in the generated code: C++ identifiers, type spellings in both
//! languages, and `extern "C"` symbols.

use crate::syntax::ast::{
    FnTraitKind, GenericArg, Ident, Path, PathRoot, Primitive, TraitRef, Type, TypeKind,
};

/// Every C++ keyword and alternative token (C++20, plus the TS and
/// contextual words that cannot name a member), which a Rust name may be.
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
    "char8_t",
    "char16_t",
    "char32_t",
    "class",
    "co_await",
    "co_return",
    "co_yield",
    "compl",
    "concept",
    "const",
    "consteval",
    "constexpr",
    "constinit",
    "const_cast",
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
    if CPP_RESERVED.contains(&name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// What `crate` and the C++ root are called in this bridge.
#[derive(Clone, Debug)]
pub struct Naming {
    pub crate_name: String,
    pub cpp_namespace: String,
    pub mangling_base: String,
}

impl Naming {
    /// The C++ namespace segments of a path's parent and its last name.
    pub fn cpp_segments(&self, path: &Path) -> (Vec<String>, String) {
        let mut names: Vec<String> = Vec::new();
        names.push(self.cpp_namespace.clone());
        if path.root == PathRoot::Crate {
            names.push(cpp_ident(&self.crate_name.replace('-', "_")));
        }
        names.extend(path.segments.iter().map(|s| cpp_ident(&s.name.node)));
        let last = names.pop().unwrap_or_default();
        (names, last)
    }

    /// The C++ template arguments of a path's last segment, `<A, B>`, with
    /// named arguments after positional ones, sorted by name.
    pub fn cpp_generic_args(&self, path: &Path) -> String {
        let Some(last) = path.segments.last() else {
            return String::new();
        };
        let args = self.cpp_args(&last.generics);
        if args.is_empty() {
            String::new()
        } else {
            format!("<{}>", args.join(", "))
        }
    }

    fn cpp_args(&self, generics: &[GenericArg]) -> Vec<String> {
        let mut positional = Vec::new();
        let mut named: Vec<(&str, String)> = Vec::new();
        for arg in generics {
            match arg {
                GenericArg::Type(ty) => positional.push(self.cpp_type(ty)),
                GenericArg::Binding { name, ty } => named.push((&name.node, self.cpp_type(ty))),
            }
        }
        named.sort_by(|a, b| a.0.cmp(b.0));
        positional.extend(named.into_iter().map(|(_, t)| t));
        positional
    }

    /// The fully qualified C++ type of a Rust path type.
    pub fn cpp_path(&self, path: &Path) -> String {
        let (namespace, name) = self.cpp_segments(path);
        format!(
            "::{}::{}{}",
            namespace.join("::"),
            name,
            self.cpp_generic_args(path)
        )
    }

    /// An item of the runtime header's internal namespace.
    pub fn internal(&self, name: &str) -> String {
        format!("::{}::zng_internal::{}", self.cpp_namespace, name)
    }

    fn runtime(&self, name: &str) -> String {
        format!("::{}::{}", self.cpp_namespace, name)
    }

    /// The C++ spelling of a Rust type.
    pub fn cpp_type(&self, ty: &Type) -> String {
        match &ty.kind {
            TypeKind::Primitive { primitive } => self.cpp_primitive(*primitive),
            TypeKind::Path { path } => self.cpp_path(path),
            TypeKind::Boxed { inner } => {
                format!("{}<{}>", self.runtime("Box"), self.cpp_type(inner))
            }
            TypeKind::Ref { mutable, inner } => {
                let wrapper = if *mutable { "RefMut" } else { "Ref" };
                format!("{}<{}>", self.runtime(wrapper), self.cpp_type(inner))
            }
            TypeKind::Ptr { mutable, inner } => match number_primitive(inner) {
                Some(p) if *mutable => format!("{}*", self.cpp_primitive(p)),
                Some(p) => format!("{} const*", self.cpp_primitive(p)),
                None => {
                    let wrapper = if *mutable { "RawMut" } else { "Raw" };
                    format!("{}<{}>", self.runtime(wrapper), self.cpp_type(inner))
                }
            },
            TypeKind::Slice { inner } => {
                format!("{}<{}>", self.runtime("Slice"), self.cpp_type(inner))
            }
            TypeKind::Tuple { elems } if elems.is_empty() => self.runtime("Unit"),
            TypeKind::Tuple { elems } => {
                let elems: Vec<String> = elems.iter().map(|e| self.cpp_type(e)).collect();
                format!("{}<{}>", self.runtime("Tuple"), elems.join(", "))
            }
            TypeKind::Dyn { tr, markers } => self.cpp_dyn(tr, markers),
            TypeKind::Impl { tr, markers } => {
                format!("{}<{}>", self.runtime("Box"), self.cpp_dyn(tr, markers))
            }
            TypeKind::CppOpaqueOwnedObject => self.runtime("ZngurCppOpaqueOwnedObject"),
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
        match p {
            Primitive::Bool => self.runtime("Bool"),
            Primitive::Char => self.runtime("Char"),
            Primitive::Str => self.runtime("Str"),
            other => number_cpp(other).to_string(),
        }
    }

    /// An `extern "C"` symbol for `what` (a readable description such as
    /// `crate::Inventory::add_banana`) with a discriminating `signature`.
    /// The readable part keeps symbols recognisable in backtraces; the hash
    /// of everything makes them distinct per type, instantiation, overload
    /// and mangling base.
    pub fn symbol(&self, what: &str, signature: &str) -> String {
        let mut readable = String::new();
        for c in what.chars() {
            if c.is_ascii_alphanumeric() {
                readable.push(c);
            } else if !readable.ends_with('_') {
                readable.push('_');
            }
            if readable.len() >= 48 {
                break;
            }
        }
        let readable = readable.trim_matches('_');
        let hash = fnv1a(&[&self.mangling_base, what, signature]);
        if self.mangling_base.is_empty() {
            format!("zngc_{readable}_{hash:016x}")
        } else {
            let base: String = self
                .mangling_base
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            format!("zngc_{base}_{readable}_{hash:016x}")
        }
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
    match &ty.kind {
        TypeKind::Primitive { primitive } => primitive.name().to_string(),
        TypeKind::Path { path } => rust_path(path),
        TypeKind::Boxed { inner } => format!("::std::boxed::Box<{}>", rust_type(inner)),
        TypeKind::Ref { mutable, inner } => {
            format!(
                "&{}{}",
                if *mutable { "mut " } else { "" },
                rust_type(inner)
            )
        }
        TypeKind::Ptr { mutable, inner } => {
            format!(
                "*{} {}",
                if *mutable { "mut" } else { "const" },
                rust_type(inner)
            )
        }
        TypeKind::Slice { inner } => format!("[{}]", rust_type(inner)),
        TypeKind::Tuple { elems } if elems.len() == 1 => format!("({},)", rust_type(&elems[0])),
        TypeKind::Tuple { elems } => {
            let elems: Vec<String> = elems.iter().map(rust_type).collect();
            format!("({})", elems.join(", "))
        }
        TypeKind::Dyn { tr, markers } => format!("dyn {}", rust_bounds(tr, markers)),
        TypeKind::Impl { tr, markers } => format!("impl {}", rust_bounds(tr, markers)),
        TypeKind::CppOpaqueOwnedObject => "ZngurCppOpaqueOwnedObject".to_string(),
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
        TypeKind::Path { path } => rust_path_with(path, "::<"),
        _ => format!("<{}>", rust_type(ty)),
    }
}

/// The Rust spelling of a path, with generic arguments.
pub fn rust_path(path: &Path) -> String {
    rust_path_with(path, "<")
}

fn rust_path_with(path: &Path, open: &str) -> String {
    let mut out = match path.root {
        PathRoot::Global => "::".to_string(),
        PathRoot::Crate => "crate::".to_string(),
        PathRoot::Relative => String::new(),
    };
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|s| {
            if s.generics.is_empty() {
                s.name.node.clone()
            } else {
                let args: Vec<String> = s
                    .generics
                    .iter()
                    .map(|g| match g {
                        GenericArg::Type(t) => rust_type(t),
                        GenericArg::Binding { name, ty } => {
                            format!("{} = {}", name.node, rust_type(ty))
                        }
                    })
                    .collect();
                format!("{}{open}{}>", s.name.node, args.join(", "))
            }
        })
        .collect();
    out.push_str(&segments.join("::"));
    if path.root == PathRoot::Crate && path.segments.is_empty() {
        out = "crate".to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_alternative_tokens_get_an_underscore() {
        for name in ["new", "default", "or", "delete", "class", "not_eq", "this"] {
            assert_eq!(cpp_ident(name), format!("{name}_"));
        }
        assert_eq!(cpp_ident("push"), "push");
        assert_eq!(cpp_ident("crate"), "crate");
    }

    #[test]
    fn symbols_differ_by_signature_and_base_and_are_stable() {
        let naming = |base: &str| Naming {
            crate_name: "crate".into(),
            cpp_namespace: "rust".into(),
            mangling_base: base.into(),
        };
        let a = naming("").symbol("crate::Foo::f", "i32");
        assert_eq!(a, naming("").symbol("crate::Foo::f", "i32"));
        assert_ne!(a, naming("").symbol("crate::Foo::f", "i64"));
        assert_ne!(a, naming("other").symbol("crate::Foo::f", "i32"));
        assert!(a.starts_with("zngc_crate_Foo_f_"), "{a}");
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }
}
