//! The syntax tree of one `.zng` file, as written.
//!
//! The tree keeps every construct the user wrote — `mod` blocks, `merge`,
//! `use` aliases, `#if`/`#match` — with its span. Nothing is resolved here:
//! paths are as written (relative, `crate::…` or `::…`), and conditional items
//! keep all their branches. `check` turns a set of these trees into a resolved
//! [`crate::check::Spec`].
//!
//! The names follow `spec.md`; each type's doc comment gives the syntax it
//! stands for.

use serde::{Deserialize, Serialize};

pub use crate::source::{Span, Spanned};

/// An identifier, as written.
pub type Ident = Spanned<String>;

/// A whole `.zng` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct File {
    pub items: Vec<Item>,
}

/// An item at the top level of a file or inside a `mod` block.
///
/// Enums whose variants wrap structs are adjacently tagged in JSON
/// (`{"kind": …, "value": …}`): an internal tag would clash with a `kind`
/// field of the wrapped value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Item {
    /// `type PATH { TypeItem… }`
    Type(TypeDecl),
    /// `trait PATH { fn …; … }`
    Trait(TraitDecl),
    /// `[async] fn NAME(…) -> T;` — a Rust function callable from C++.
    Fn(Box<FnDecl>),
    /// `mod PATH { Item… }`
    Mod(ModBlock),
    /// `extern "C++" { … }`
    ExternCpp(ExternCppBlock),
    /// `use PATH as NAME;`
    Use(UseAlias),
    /// `merge "FILE";`
    Merge(FileRef),
    /// `import "FILE";`
    Import(FileRef),
    /// `#convert_panic_to_exception`
    ConvertPanicToException(Directive),
    /// `#cpp_additional_includes "TEXT"`
    CppAdditionalIncludes(CppAdditionalIncludes),
    /// `#unstable(FEATURE)`
    Unstable(Unstable),
    /// `#if …` / `#match …` choosing items.
    Conditional(Conditional<Item>),
}

/// A directive without arguments; the span covers `#name`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Directive {
    pub span: Span,
}

/// `#cpp_additional_includes "TEXT"`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CppAdditionalIncludes {
    pub text: Spanned<String>,
    pub span: Span,
}

/// `#unstable(FEATURE)`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unstable {
    pub feature: Spanned<UnstableFeature>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnstableFeature {
    CfgIf,
    CfgMatch,
}

/// `merge "FILE";` or `import "FILE";` — the path is relative to the
/// directory of the file that contains the item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileRef {
    pub path: Spanned<String>,
    pub span: Span,
}

/// `use PATH as NAME;`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UseAlias {
    pub path: Path,
    pub alias: Ident,
    pub span: Span,
}

/// `mod PATH { Item… }` — relative paths inside are prefixed with `PATH`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModBlock {
    pub path: Path,
    pub items: Vec<Item>,
    pub span: Span,
}

/// `type TYPE { TypeItem… }` — exposes one concrete Rust type to C++.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeDecl {
    pub ty: Type,
    pub items: Vec<TypeItem>,
    pub span: Span,
}

/// An item inside a `type` body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum TypeItem {
    /// `#layout(size = N, align = N);` or `#layout_conservative(…);`
    Layout(LayoutDirective),
    /// `#heap_allocated;` (also spelled `#heap_allocate;`)
    HeapAllocated(Directive),
    /// `#only_by_ref;`
    OnlyByRef(Directive),
    /// `wellknown_traits(T, …);`
    WellknownTraits(WellknownTraits),
    /// `constructor …;`
    Constructor(Constructor),
    /// `field NAME (offset = N | auto, type = T);`
    Field(Field),
    /// `fn …;`
    Method(Box<FnDecl>),
    /// `#cpp_value "FIELD" "CPP_TYPE";`
    CppValue(CppValue),
    /// `#cpp_ref "CPP_TYPE";`
    CppRef(CppRef),
    /// `#cpp_stack_owned "CPP_TYPE" (size = N, align = N);`
    CppStackOwned(CppStackOwned),
    /// `#if …` / `#match …` choosing type items.
    Conditional(Conditional<TypeItem>),
}

/// Which layout directive was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayoutKind {
    /// `#layout`: the exact size and alignment.
    Exact,
    /// `#layout_conservative`: upper bounds of size and alignment.
    Conservative,
}

/// `#layout(size = N, align = N)` and `#layout_conservative(…)`.
///
/// The parser requires both properties exactly once; their spans are kept so
/// that checks (and `zngc layout --fix`) can point at each number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayoutDirective {
    pub kind: LayoutKind,
    pub size: Spanned<u64>,
    pub align: Spanned<u64>,
    pub span: Span,
}

/// `wellknown_traits(T, …);`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WellknownTraits {
    pub traits: Vec<Spanned<WellknownTrait>>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WellknownTrait {
    Debug,
    Copy,
    /// `?Sized`: the type is unsized and used by reference only.
    #[serde(rename = "?Sized")]
    Unsized,
}

impl WellknownTrait {
    /// Every trait `wellknown_traits(…)` accepts, as written.
    pub const ALL: [(&'static str, WellknownTrait); 3] = [
        ("Debug", WellknownTrait::Debug),
        ("Copy", WellknownTrait::Copy),
        ("?Sized", WellknownTrait::Unsized),
    ];
}

/// `constructor [NAME] [FIELDS];`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Constructor {
    /// The enum variant, or `None` for the type's own constructor.
    pub name: Option<Ident>,
    pub fields: ConstructorFields,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "fields", rename_all = "snake_case")]
pub enum ConstructorFields {
    /// `constructor;` / `constructor Name;`
    Unit,
    /// `constructor(T, …);` / `constructor Name(T, …);`
    Tuple(Vec<Type>),
    /// `constructor { a: T, … };` / `constructor Name { a: T, … };`
    Named(Vec<NamedField>),
}

/// `NAME: TYPE` in a struct-like constructor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedField {
    pub name: Ident,
    pub ty: Type,
}

/// `field NAME (offset = N | auto, type = T);`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub name: Spanned<FieldName>,
    pub offset: Spanned<FieldOffset>,
    pub ty: Type,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldName {
    /// A named field: `field len (…)`.
    Named(String),
    /// A tuple field: `field 0 (…)`, spelled `f0` in C++.
    Index(u64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldOffset {
    /// `offset = N`: a fixed byte offset, asserted by the Rust side.
    Bytes(u64),
    /// `offset = auto`: computed by Rust and read by C++ at run time.
    Auto,
}

/// `#cpp_value "FIELD" "CPP_TYPE";` — the Rust type owns a C++ object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CppValue {
    pub field: Spanned<String>,
    pub cpp_type: Spanned<String>,
    pub span: Span,
}

/// `#cpp_ref "CPP_TYPE";` — the Rust type stands for a borrowed C++ object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CppRef {
    pub cpp_type: Spanned<String>,
    pub span: Span,
}

/// `#cpp_stack_owned "CPP_TYPE" (size = N, align = N);` — a trivially
/// relocatable C++ object stored inline in a Rust value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CppStackOwned {
    pub cpp_type: Spanned<String>,
    pub size: Spanned<u64>,
    pub align: Spanned<u64>,
    pub span: Span,
}

/// `trait PATH { fn …; … }` — a Rust trait that C++ classes implement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraitDecl {
    pub tr: TraitRef,
    pub methods: Vec<FnDecl>,
    pub span: Span,
}

/// A function or method signature.
///
/// `[safe|unsafe] [async] fn NAME [<T, …>] (PARAM, …) [-> T] [use PATH] [deref T];`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FnDecl {
    /// Only in `extern "C++"` blocks; `None` there is the 0.9.0 form, warned.
    pub safety: Option<Spanned<Safety>>,
    pub is_async: bool,
    pub name: Ident,
    /// Explicit instantiation: `fn sum<i32>(self)` calls `sum::<i32>`.
    pub generics: Vec<Type>,
    /// Parameters as written. A receiver anywhere but first is an error that
    /// `check` reports, so the parser keeps it where it was.
    pub params: Vec<Param>,
    pub output: Option<Type>,
    /// `use PATH`: a trait to import so that the method resolves.
    pub use_trait: Option<Path>,
    /// `deref T`: call the method on the receiver's `Deref` target `T`.
    pub deref: Option<Type>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Safety {
    Safe,
    Unsafe,
}

/// One parameter: a receiver or a type (parameters have no names).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Param {
    Receiver(Spanned<Receiver>),
    Type(Type),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Receiver {
    /// `self`
    Value,
    /// `&self`
    Ref,
    /// `&mut self`
    RefMut,
}

/// `extern "C++" { … }`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExternCppBlock {
    pub items: Vec<ExternItem>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExternItem {
    /// `safe fn f(…) -> T;` — a C++ function Rust calls.
    Fn(FnDecl),
    /// `impl [TRAIT for] TYPE { fn …; … }` — methods written in C++.
    Impl(ExternImpl),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExternImpl {
    pub tr: Option<TraitRef>,
    pub ty: Type,
    pub methods: Vec<FnDecl>,
    pub span: Span,
}

/// A path as written: `a::b<T>`, `crate::a`, `::std::vec::Vec::<i32>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Path {
    pub root: PathRoot,
    pub segments: Vec<PathSegment>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathRoot {
    /// `a::b`: relative to the enclosing `mod` (or a `use` alias).
    Relative,
    /// `::a::b`: an external crate.
    Global,
    /// `crate::a::b` (or `crate` alone): the crate holding the generated Rust.
    Crate,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PathSegment {
    pub name: Ident,
    pub generics: Vec<GenericArg>,
}

/// `T` or `Name = T` inside `<…>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum GenericArg {
    Type(Type),
    Binding { name: Ident, ty: Type },
}

/// A type as written, with its span.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Type {
    pub kind: TypeKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    /// `i32`, `bool`, `str`, … — recognised by name, even inside `mod`.
    Primitive { primitive: Primitive },
    /// A named type, possibly generic: `crate::Foo`, `Vec<i32>`.
    Path { path: Path },
    /// `Box<T>` — the bare name `Box`, whatever the scope.
    Boxed { inner: Box<Type> },
    /// `&T`, `&mut T`
    Ref { mutable: bool, inner: Box<Type> },
    /// `*const T`, `*mut T`
    Ptr { mutable: bool, inner: Box<Type> },
    /// `[T]`
    Slice { inner: Box<Type> },
    /// `(A, B, …)`; `()` is the unit type.
    Tuple { elems: Vec<Type> },
    /// `dyn Trait + Marker…`
    Dyn { tr: TraitRef, markers: Vec<Ident> },
    /// `impl Trait + Marker…` — only valid as a Rust function's output.
    Impl { tr: TraitRef, markers: Vec<Ident> },
    /// `ZngurCppOpaqueOwnedObject`, kept so that older files still work.
    CppOpaqueOwnedObject,
}

/// The name of a trait in `trait`, `dyn`, `impl` and `extern "C++"` impls.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TraitRef {
    /// `path::Trait<G…, Assoc = T>`
    Path { path: Path },
    /// `Fn(A, B) -> R`, `FnMut(…)`, `FnOnce(…)`.
    Fn {
        name: Spanned<FnTraitKind>,
        inputs: Vec<Type>,
        output: Option<Box<Type>>,
        span: Span,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FnTraitKind {
    Fn,
    FnMut,
    FnOnce,
}

/// Primitive types, by their Rust names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Primitive {
    Bool,
    Char,
    Str,
    I8,
    I16,
    I32,
    I64,
    I128,
    Isize,
    U8,
    U16,
    U32,
    U64,
    U128,
    Usize,
    F32,
    F64,
}

impl Primitive {
    /// Every primitive with its Rust spelling.
    pub const ALL: [(&'static str, Primitive); 17] = [
        ("bool", Primitive::Bool),
        ("char", Primitive::Char),
        ("str", Primitive::Str),
        ("i8", Primitive::I8),
        ("i16", Primitive::I16),
        ("i32", Primitive::I32),
        ("i64", Primitive::I64),
        ("i128", Primitive::I128),
        ("isize", Primitive::Isize),
        ("u8", Primitive::U8),
        ("u16", Primitive::U16),
        ("u32", Primitive::U32),
        ("u64", Primitive::U64),
        ("u128", Primitive::U128),
        ("usize", Primitive::Usize),
        ("f32", Primitive::F32),
        ("f64", Primitive::F64),
    ];

    pub fn from_name(name: &str) -> Option<Primitive> {
        Primitive::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, p)| p)
    }

    pub fn name(self) -> &'static str {
        Primitive::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("?", |(n, _)| n)
    }
}

/// `#if …` or `#match …`, generic over the kind of item it chooses between
/// (top-level [`Item`]s or [`TypeItem`]s).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conditional<T> {
    If(CfgIf<T>),
    Match(CfgMatch<T>),
}

/// `#if G { … } #else if G { … } #else { … }`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CfgIf<T> {
    /// The `#if` branch followed by every `#else if` branch.
    pub branches: Vec<CfgBranch<T>>,
    pub else_items: Option<Vec<T>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CfgBranch<T> {
    pub guard: CfgGuard,
    pub items: Vec<T>,
}

/// A boolean condition over cfg values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CfgGuard {
    pub kind: CfgGuardKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CfgGuardKind {
    /// `cfg!(KEY)` (= `Some`) or `cfg!(KEY = PATTERN)`.
    Test {
        key: CfgKey,
        pattern: Option<CfgPattern>,
    },
    Not {
        inner: Box<CfgGuard>,
    },
    And {
        lhs: Box<CfgGuard>,
        rhs: Box<CfgGuard>,
    },
    Or {
        lhs: Box<CfgGuard>,
        rhs: Box<CfgGuard>,
    },
}

/// The `KEY` in `cfg!(KEY)`: `name` is the set of values of a rustc cfg
/// key; `name.item` (or `name."item"`) tests whether one value is present.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CfgKey {
    pub name: Spanned<String>,
    pub item: Option<Spanned<String>>,
    pub span: Span,
}

/// `#match SCRUTINEE { PATTERN => ITEMS, … }`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CfgMatch<T> {
    pub scrutinee: CfgScrutinee,
    pub arms: Vec<CfgArm<T>>,
    pub span: Span,
}

/// `cfg!(KEY)` or a tuple `(cfg!(A), cfg!(B), …)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CfgScrutinee {
    Single { key: CfgKey },
    Tuple { keys: Vec<CfgKey>, span: Span },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CfgArm<T> {
    pub pattern: CfgPattern,
    pub items: Vec<T>,
    pub span: Span,
}

/// A pattern matched against the set of values of a cfg key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CfgPattern {
    pub kind: CfgPatternKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum CfgPatternKind {
    /// `"value"`: the value is in the set.
    Str(String),
    /// `32`: a numeric value is in the set.
    Number(u64),
    /// `Some`: the key has at least one value.
    Some,
    /// `None`: the key has no value.
    None,
    /// `_`
    Wildcard,
    Not(Box<CfgPattern>),
    And(Box<CfgPattern>, Box<CfgPattern>),
    Or(Box<CfgPattern>, Box<CfgPattern>),
    /// `(P, Q, …)` against a tuple scrutinee.
    Tuple(Vec<CfgPattern>),
}
