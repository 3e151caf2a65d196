//! The checked specification: what a set of `.zng` files declares once
//! merges are followed, `#if`/`#match` are decided, `mod` blocks and `use`
//! aliases are resolved, and re-declarations of the same item are merged.
//!
//! Invariants, established by `check` and relied on by `layout` and `lower`:
//! - every [`Path`] has root [`PathRoot::Global`] or [`PathRoot::Crate`];
//! - no [`TypeKind::Impl`] appears except as a Rust function's output;
//! - every type has exactly one [`LayoutPolicy`];
//! - receivers come first and are split out of the parameters.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::syntax::ast::{
    FieldName, FieldOffset, Ident, Path, PathRoot, Receiver, Safety, Span, Spanned, TraitRef, Type,
    TypeKind, WellknownTrait,
};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    /// Declared types, merged by type, in order of first declaration.
    pub types: Vec<TypeSpec>,
    /// `trait` declarations (C++ classes implement these).
    pub traits: Vec<TraitSpec>,
    /// Rust functions C++ calls (`fn` in a `mod`), with full paths.
    pub functions: Vec<FnSpec>,
    /// `extern "C++"` free functions, which Rust calls.
    pub extern_fns: Vec<FnSpec>,
    /// `extern "C++"` impl blocks, merged by (trait, type).
    pub extern_impls: Vec<ExternImplSpec>,
    /// `import "FILE"`: separately generated bridges this one uses.
    pub imports: Vec<ImportSpec>,
    /// `#cpp_additional_includes`, in order.
    pub additional_includes: Vec<Spanned<String>>,
    pub convert_panic_to_exception: bool,
}

/// `import "FILE";`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportSpec {
    /// The path as written: the generated header includes `"FILE.h"`, the
    /// header name the imported bridge was generated with.
    pub written: String,
    /// The path resolved against the importing file's folder.
    pub path: PathBuf,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeSpec {
    pub ty: Type,
    pub layout: LayoutPolicy,
    pub wellknown_traits: BTreeSet<WellknownTrait>,
    pub constructors: Vec<ConstructorSpec>,
    pub fields: Vec<FieldSpec>,
    pub methods: Vec<FnSpec>,
    pub cpp_value: Option<CppValueSpec>,
    /// Span of the first `type` declaration.
    pub span: Span,
}

impl TypeSpec {
    /// The `#cpp_value`, `#cpp_ref` or `#cpp_stack_owned` directive that
    /// makes the type stand for a C++ object (and gives it a struct in the
    /// generated `pub mod cpp`), if any.
    pub fn cpp_object_directive(&self) -> Option<Span> {
        if let Some(value) = &self.cpp_value {
            return Some(value.span);
        }
        match &self.layout {
            LayoutPolicy::CppRef { span, .. } | LayoutPolicy::CppStackOwned { span, .. } => {
                Some(*span)
            }
            _ => None,
        }
    }
}

/// A type declared without any layout policy. `check` reports it (E0050);
/// only `zngc layout`, which discovers the layout, asks for these instead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnlaidType {
    pub ty: Type,
    pub fields: Vec<FieldSpec>,
    /// Span of the first `type` declaration.
    pub span: Span,
}

/// How C++ stores a value of the type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LayoutPolicy {
    /// `#layout(size, align)`: inline storage of exactly this size.
    Exact { size: u64, align: u64, span: Span },
    /// `#layout_conservative(size, align)`: inline storage of at least the
    /// real size; the Rust side asserts `real <= declared`.
    Conservative { size: u64, align: u64, span: Span },
    /// `#heap_allocated`: Rust allocates; C++ holds a pointer.
    HeapAllocated { span: Span },
    /// `#only_by_ref`: C++ never owns a value.
    OnlyByRef { span: Span },
    /// `wellknown_traits(?Sized)`: unsized, used by reference only.
    Unsized { span: Span },
    /// `#cpp_ref "T"`: a zero-sized stand-in for a borrowed C++ object.
    CppRef {
        cpp_type: Spanned<String>,
        span: Span,
    },
    /// `#cpp_stack_owned "T" (size, align)`: a C++ object stored inline.
    CppStackOwned {
        cpp_type: Spanned<String>,
        size: u64,
        align: u64,
        span: Span,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConstructorSpec {
    /// The enum variant, or `None` for the type itself.
    pub name: Option<Ident>,
    pub fields: ConstructorFieldsSpec,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "fields", rename_all = "snake_case")]
pub enum ConstructorFieldsSpec {
    Unit,
    Tuple(Vec<Type>),
    Named(Vec<(Ident, Type)>),
}

impl ConstructorFieldsSpec {
    /// The fields' types, in order.
    pub fn types(&self) -> Vec<&Type> {
        match self {
            ConstructorFieldsSpec::Unit => Vec::new(),
            ConstructorFieldsSpec::Tuple(types) => types.iter().collect(),
            ConstructorFieldsSpec::Named(named) => named.iter().map(|(_, t)| t).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldSpec {
    pub name: Spanned<FieldName>,
    pub offset: Spanned<FieldOffset>,
    pub ty: Type,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CppValueSpec {
    pub field: Spanned<String>,
    pub cpp_type: Spanned<String>,
    pub span: Span,
}

/// A function or method signature after resolution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FnSpec {
    pub name: Ident,
    /// For Rust free functions: the full path of the function, e.g.
    /// `crate::util::f`. `None` for methods (named by `name` within their
    /// owner, which need not be a path: `type [u8]`) and for `extern "C++"`
    /// functions (named by `name` alone, as in Zngur).
    pub path: Option<Path>,
    pub is_async: bool,
    pub safety: Option<Safety>,
    pub generics: Vec<Type>,
    /// `self`, `&self` or `&mut self`, where it is written.
    pub receiver: Option<Spanned<Receiver>>,
    pub inputs: Vec<Type>,
    /// `()` when no output was written.
    pub output: Type,
    pub use_trait: Option<Path>,
    pub deref: Option<Type>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraitSpec {
    pub tr: TraitRef,
    pub methods: Vec<FnSpec>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExternImplSpec {
    pub tr: Option<TraitRef>,
    pub ty: Type,
    pub methods: Vec<FnSpec>,
    pub span: Span,
}

impl FnSpec {
    /// The kind of receiver, if any.
    pub fn receiver_kind(&self) -> Option<Receiver> {
        self.receiver.as_ref().map(|r| r.node)
    }
}

/// The unit type `()` at `span`, the output of a function written without one.
pub fn unit_type(span: Span) -> Type {
    Type {
        kind: TypeKind::Tuple { elems: Vec::new() },
        span,
    }
}

/// True for paths that satisfy the [`Spec`] invariant.
pub fn is_resolved(path: &Path) -> bool {
    matches!(path.root, PathRoot::Global | PathRoot::Crate)
}
