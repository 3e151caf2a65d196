//! The bridge IR: what the generated files contain, decided, with every
//! name, symbol and conversion spelled out. Templates only arrange it.
//!
//! A call from one language into the other is a [`Shim`] (the `extern "C"`
//! function, with its ABI signature and the code on the callee's side) plus
//! a [`CppCall`] (the caller's wrapper, with the expressions that produce
//! the shim's arguments). Nothing here says which side is the callee's
//! language beyond the strings, so the C++-to-Rust direction (issue 4) adds
//! items of the same kinds.

use std::borrow::Cow;
use std::fmt::{self, Display, Formatter};

use serde::Serialize;

use crate::source::Span;
use crate::syntax::ast::Receiver;

/// Text written by a closure straight into the template's output: the
/// helpers below assemble spellings piece by piece instead of allocating a
/// `String` for each of the thousands of wrappers in a large bridge.
pub struct Fmt<F: Fn(&mut Formatter<'_>) -> fmt::Result>(pub F);

impl<F: Fn(&mut Formatter<'_>) -> fmt::Result> Display for Fmt<F> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

/// Writes `items` separated by `, `, each through `write`.
fn comma_list<T>(
    f: &mut Formatter<'_>,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut Formatter<'_>, T) -> fmt::Result,
) -> fmt::Result {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write(f, item)?;
    }
    Ok(())
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Bridge {
    /// `#convert_panic_to_exception`: shims catch panics and C++ throws
    /// `rust::Panic`.
    pub panic_to_exception: bool,
    /// `#cpp_additional_includes`, verbatim.
    pub additional_includes: Vec<String>,
    /// Headers of imported bridges: `import "x.zng"` includes `"x.zng.h"`.
    pub imported_headers: Vec<String>,
    /// Macros defined for the active cfg (`ZNGUR_CFG_FEATURE_X`).
    pub cfg_defines: Vec<String>,
    /// `template <class... T> struct Name;` declarations needed before the
    /// specialisations, one per generic name.
    pub generic_primaries: Vec<CppName>,
    pub types: Vec<TypeIr>,
    /// Free functions (`fn` in a `mod`).
    pub functions: Vec<FreeFn>,
    /// Every `extern "C"` function Rust defines, in emission order.
    pub shims: Vec<Shim>,
    /// Compile-time checks on the Rust side.
    pub assertions: Vec<Assertion>,
    /// `usize` statics Rust exports and C++ reads: the offsets of
    /// `offset = auto` fields and the real sizes of `#layout_conservative`
    /// types.
    pub exported_usizes: Vec<ExportedUsize>,
    /// Declared fields, checked to exist with the declared type.
    pub field_checks: Vec<FieldCheck>,
    /// Rust types declared `Copy`, checked to be.
    pub copy_checks: Vec<CopyCheck>,
    /// C++ classes at the paths of declared `trait`s.
    pub trait_classes: Vec<TraitClass>,
    /// Traits named by `extern "C++"` impls that have no class: declared
    /// only, to name `rust::Impl<Type, Trait>`.
    pub trait_declarations: Vec<CppName>,
    /// `extern "C++"` free functions, declared in `rust::exported_functions`.
    pub exported_functions: Vec<CppSignature>,
    /// `extern "C++"` impl blocks: `rust::Impl<Type, Trait>` classes.
    pub impl_classes: Vec<ImplClass>,
    /// `Ref<Dyn<Trait>>(object)` support for declared `dyn Trait` types.
    pub dyn_borrows: Vec<DynBorrow>,
    /// Every `extern "C"` function C++ defines (in the generated `.cpp`).
    pub thunks: Vec<CppThunk>,
    /// Whether generated Rust owns C++ objects (trait objects, closures).
    pub owns_cpp_objects: bool,
    /// Rust structs standing for C++ objects behind `dyn Trait`.
    pub dyn_wrappers: Vec<DynWrapper>,
    /// Rust impl blocks whose methods call C++.
    pub rust_impls: Vec<RustImpl>,
    /// Rust free functions that call C++ (`extern "C++"` functions).
    pub rust_fns: Vec<RustFn>,
    /// Whether generated Rust defines `ZngcWords`, the pair of integers
    /// carrying a `Copy` value of 9 to 16 bytes.
    pub word_pairs: bool,
    /// Whether generated Rust defines `ZngurCppOpaqueOwnedObject` (for
    /// `#cpp_value` types and trait objects).
    pub opaque_owned: bool,
    /// The structs of `pub mod cpp`, which user types re-export.
    pub cpp_structs: Vec<CppStruct>,
}

impl Bridge {
    /// Appends the items of `other`, a bridge lowered from later parts of
    /// the same spec; its settings (which only the whole spec decides) are
    /// ignored.
    pub fn append(&mut self, other: Bridge) {
        let Bridge {
            panic_to_exception: _,
            additional_includes: _,
            imported_headers: _,
            cfg_defines: _,
            word_pairs: _,
            generic_primaries,
            types,
            functions,
            shims,
            assertions,
            exported_usizes,
            field_checks,
            copy_checks,
            trait_classes,
            trait_declarations,
            exported_functions,
            impl_classes,
            dyn_borrows,
            thunks,
            owns_cpp_objects,
            dyn_wrappers,
            rust_impls,
            rust_fns,
            opaque_owned,
            cpp_structs,
        } = other;
        self.generic_primaries.extend(generic_primaries);
        self.types.extend(types);
        self.functions.extend(functions);
        self.shims.extend(shims);
        self.assertions.extend(assertions);
        self.exported_usizes.extend(exported_usizes);
        self.field_checks.extend(field_checks);
        self.copy_checks.extend(copy_checks);
        self.trait_classes.extend(trait_classes);
        self.trait_declarations.extend(trait_declarations);
        self.exported_functions.extend(exported_functions);
        self.impl_classes.extend(impl_classes);
        self.dyn_borrows.extend(dyn_borrows);
        self.thunks.extend(thunks);
        self.owns_cpp_objects |= owns_cpp_objects;
        self.dyn_wrappers.extend(dyn_wrappers);
        self.rust_impls.extend(rust_impls);
        self.rust_fns.extend(rust_fns);
        self.opaque_owned |= opaque_owned;
        self.cpp_structs.extend(cpp_structs);
    }

    /// Whether the bridge has C++ code for Rust to call, which goes in the
    /// generated `.cpp` file.
    pub fn has_cpp_source(&self) -> bool {
        !self.thunks.is_empty()
    }

    /// Whether generated Rust defines `ZngurCppOpaqueOwnedObject`.
    pub fn defines_opaque_owned(&self) -> bool {
        self.opaque_owned || self.owns_cpp_objects
    }

    /// Whether generated Rust defines `zngc_catch_panic`, which the shims
    /// of `#convert_panic_to_exception` call.
    pub fn catches_panics(&self) -> bool {
        self.shims.iter().any(|shim| shim.catch_panic)
    }
}

/// A C++ function declaration without a body.
#[derive(Clone, Debug, Serialize)]
pub struct CppSignature {
    pub name: String,
    pub ret: String,
    pub params: Vec<String>,
}

impl CppSignature {
    /// `T0 i0, T1 i1`.
    pub fn param_list(&self) -> String {
        let parts: Vec<String> = self
            .params
            .iter()
            .enumerate()
            .map(|(i, ty)| format!("{ty} i{i}"))
            .collect();
        parts.join(", ")
    }
}

/// The abstract C++ class of a Rust trait: one pure virtual method per
/// trait method, without the receiver.
#[derive(Clone, Debug, Serialize)]
pub struct TraitClass {
    pub name: CppName,
    pub methods: Vec<CppSignature>,
}

/// `template <> class Impl<Type, Trait>` with static methods C++ defines.
#[derive(Clone, Debug, Serialize)]
pub struct ImplClass {
    pub ty: String,
    /// The trait class, or `::rust::Inherent`.
    pub tr: String,
    pub methods: Vec<CppSignature>,
}

/// A `borrow_dyn` specialisation: the `dyn` type, its trait class and the
/// Rust function writing a `&dyn Trait` for an object's address.
#[derive(Clone, Debug, Serialize)]
pub struct DynBorrow {
    pub dyn_cpp: String,
    pub trait_cpp: String,
    pub symbol: String,
}

/// An `extern "C"` function defined in C++ and called by Rust. Every
/// parameter is a `uint8_t*`: the object for trait methods (`data`), the
/// address of each argument (`i0`…) and of the result (`o`).
#[derive(Clone, Debug, Serialize)]
pub struct CppThunk {
    pub symbol: String,
    pub params: Vec<String>,
    /// The C++ statement that calls the user's code and hands the result
    /// to Rust.
    pub body: String,
    /// What is called, for the message when a C++ exception escapes.
    pub what: String,
}

impl CppThunk {
    pub fn c_params(&self) -> String {
        let parts: Vec<String> = self
            .params
            .iter()
            .map(|p| format!("::std::uint8_t* {p}"))
            .collect();
        parts.join(", ")
    }

    pub fn rust_params(&self) -> String {
        let parts: Vec<String> = self
            .params
            .iter()
            .map(|p| format!("{p}: *mut u8"))
            .collect();
        parts.join(", ")
    }
}

/// A Rust struct standing for a C++ object that implements a trait: owned
/// (`Box<dyn Trait>`, dropping runs the C++ destructor) or borrowed
/// (`&dyn Trait`, zero-sized, its address is the object's).
#[derive(Clone, Debug, Serialize)]
pub struct DynWrapper {
    pub name: String,
    pub owned: bool,
}

/// `impl Trait for Type { type A = T; fn … }` or `impl Type { pub fn … }`.
#[derive(Clone, Debug, Serialize)]
pub struct RustImpl {
    /// `impl ::std::iter::Iterator for ZngcDyn…`.
    pub header: String,
    pub assoc_types: Vec<(String, String)>,
    pub methods: Vec<RustFn>,
    /// The `trait` or `extern "C++" impl` declaration.
    pub origin: Origin,
}

/// A Rust function whose body calls C++.
#[derive(Clone, Debug, Serialize)]
pub struct RustFn {
    pub name: String,
    pub public: bool,
    pub unsafe_fn: bool,
    /// `&self`, `i1: u32`, …
    pub params: Vec<String>,
    /// The Rust output type.
    pub output: String,
    pub body: String,
    /// The `.zng` declaration; its `file:line` is written beside the
    /// signature, which rustc quotes when it does not match a trait's.
    pub origin: Origin,
}

impl RustFn {
    /// `pub unsafe fn name(params) -> out`, without `-> ()`.
    pub fn signature(&self) -> String {
        let output = if self.output == "()" {
            String::new()
        } else {
            format!(" -> {}", self.output)
        };
        format!(
            "{}{}fn {}({}){output}",
            if self.public { "pub " } else { "" },
            if self.unsafe_fn { "unsafe " } else { "" },
            self.name,
            self.params.join(", "),
        )
    }
}

/// How `Box<dyn …>::make_box` builds a Rust box around a C++ object.
#[derive(Clone, Debug, Serialize)]
pub enum BoxBuilder {
    /// `make_box<Impl>(args…)`: a new `Impl`, which derives from the trait
    /// class `trait_cpp`.
    Object { trait_cpp: String, symbol: String },
    /// `make_box(callable)` for `Box<dyn Fn(A…) -> R>`.
    Closure {
        symbol: String,
        ret: String,
        inputs: Vec<String>,
    },
}

impl BoxBuilder {
    /// For closures: `, ::std::uint8_t* i0, ::std::uint8_t* i1`.
    pub fn closure_params(&self) -> String {
        match self {
            BoxBuilder::Closure { inputs, .. } => (0..inputs.len())
                .map(|i| format!(", ::std::uint8_t* i{i}"))
                .collect(),
            BoxBuilder::Object { .. } => String::new(),
        }
    }

    /// For closures: `, i0, i1`.
    pub fn closure_args(&self) -> String {
        match self {
            BoxBuilder::Closure { inputs, .. } => {
                (0..inputs.len()).map(|i| format!(", i{i}")).collect()
            }
            BoxBuilder::Object { .. } => String::new(),
        }
    }

    /// For closures: the `closure<F, R, A…>` helper's type arguments after `F`.
    pub fn closure_types(&self) -> String {
        match self {
            BoxBuilder::Closure { ret, inputs, .. } => {
                let mut parts = vec![ret.clone()];
                parts.extend(inputs.iter().cloned());
                parts.join(", ")
            }
            BoxBuilder::Object { .. } => String::new(),
        }
    }
}

/// A free function in a C++ namespace.
#[derive(Clone, Debug, Serialize)]
pub struct FreeFn {
    /// `rust::crate::util`, without leading `::`.
    pub namespace: String,
    pub call: CppCall,
}

/// `owner.field` has type `ty` (Rust spellings).
#[derive(Clone, Debug, Serialize)]
pub struct FieldCheck {
    pub owner: String,
    pub field: String,
    pub ty: String,
    /// The `field` item.
    pub span: Span,
}

/// A compile-time check that a type declared `Copy` is `Copy` in Rust.
#[derive(Clone, Debug, Serialize)]
pub struct CopyCheck {
    pub ty: String,
    /// The type's declaration.
    pub span: Span,
}

/// A C++ name: `namespace::name<args>`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CppName {
    /// `rust::std::vec`, without leading `::`.
    pub namespace: String,
    pub name: String,
    /// `<::std::int32_t>` for a specialisation, empty otherwise.
    pub args: String,
}

impl CppName {
    /// The fully qualified spelling, `::rust::std::vec::Vec<::std::int32_t>`.
    pub fn qualified(&self) -> String {
        if self.namespace.is_empty() {
            // A builtin C++ type (`double`, `::std::uint64_t`): `name` is
            // its whole spelling.
            return format!("{}{}", self.name, self.args);
        }
        format!("::{}::{}{}", self.namespace, self.name, self.args)
    }
}

/// How C++ holds a value of a declared type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Storage {
    /// Bytes inline (`#layout`, `#layout_conservative`).
    Inline { size: u64, align: u64 },
    /// A pointer to a Rust `Box` (`#heap_allocated`).
    Heap,
    /// No C++ value: only `Ref`/`RefMut` (`#only_by_ref`, `?Sized`).
    ByRef,
}

#[derive(Clone, Debug, Serialize)]
pub struct TypeIr {
    pub name: CppName,
    /// `::rust::crate::Inventory`.
    pub cpp: String,
    /// The Rust spelling, `crate::Inventory`.
    pub rust: String,
    /// True for primitive types and `()`, whose classes are C++ builtins or
    /// the runtime header's: the header defines no class for them.
    pub runtime_class: bool,
    pub storage: Storage,
    /// For `#layout_conservative`: the [`ExportedUsize`] holding the real
    /// size, which C++ copies to and from Rust's memory.
    pub real_size: Option<String>,
    pub unsized_type: bool,
    /// `Copy`: a copyable class without drop flag.
    pub copy: bool,
    /// The Rust drop shim, for owned non-`Copy` types and boxed `Copy`
    /// types.
    pub drop_symbol: Option<String>,
    /// For a `Copy` type that is `#heap_allocated`: the Rust shim that
    /// boxes a copy of a value, which the C++ copy constructor calls.
    pub box_copy_symbol: Option<String>,
    /// The Rust `{:#?}` printer, for `Debug` types.
    pub debug_symbol: Option<String>,
    /// `T(args…)` constructors (unnamed `constructor`).
    pub constructors: Vec<CppCall>,
    /// `constructor;` on a unit struct: `T()` builds the value.
    pub default_constructor: Option<CppCall>,
    /// Static functions of the class: no receiver, named constructors.
    pub statics: Vec<CppCall>,
    /// `self` methods: a static form and a member form on the owned class.
    pub by_value: Vec<CppCall>,
    /// `&self` methods (and `matches_X`).
    pub shared: Vec<CppCall>,
    /// `&mut self` methods.
    pub exclusive: Vec<CppCall>,
    /// `make_box` for `Box<dyn Trait>` of a trait C++ implements.
    pub box_builder: Option<BoxBuilder>,
    /// The C++ object the type stands for (`#cpp_value`, `#cpp_ref`,
    /// `#cpp_stack_owned`).
    pub cpp_object: Option<CppObject>,
    pub fields: Vec<FieldIr>,
    /// `file:line` of the declaration, for messages.
    pub location: String,
    /// The name of this type's members template (fields and member forms
    /// of methods), unique per type.
    pub api: String,
}

impl TypeIr {
    /// Adds a method's wrapper to the list of its receiver.
    pub fn add_method(&mut self, receiver: Option<Receiver>, call: CppCall) {
        match receiver {
            None => self.statics.push(call),
            Some(Receiver::Value) => self.by_value.push(call),
            Some(Receiver::Ref) => self.shared.push(call),
            Some(Receiver::RefMut) => self.exclusive.push(call),
        }
    }

    /// Whether C++ can own a value of this type.
    pub fn owned(&self) -> bool {
        self.storage != Storage::ByRef
    }

    /// The runtime base class of the generated class (in
    /// `::ns::zng_internal`): `owned<…>`, `copyable<…>` or `by_ref<…>`.
    pub fn base_class<'a>(&'a self, ns: &'a str) -> impl Display + 'a {
        Fmt(move |f| {
            let context = |f: &mut Formatter<'_>| match (&self.storage, &self.real_size) {
                (Storage::Inline { size, align }, None) => {
                    write!(f, "::{ns}::zng_internal::InlineCtx<{size}, {align}>")
                }
                (Storage::Inline { size, align }, Some(real)) => {
                    write!(
                        f,
                        "::{ns}::zng_internal::ConservativeCtx<{size}, {align}, &{real}>"
                    )
                }
                (Storage::Heap | Storage::ByRef, _) => {
                    write!(f, "::{ns}::zng_internal::HeapCtx")
                }
            };
            match (
                &self.storage,
                self.copy,
                &self.drop_symbol,
                &self.box_copy_symbol,
            ) {
                (Storage::ByRef, ..) => write!(f, "by_ref<{}>", self.cpp),
                (_, _, Some(drop), Some(copy)) => {
                    write!(f, "heap_copyable<{}, ", self.cpp)?;
                    context(f)?;
                    write!(f, ", &{drop}, &{copy}>")
                }
                (_, true, ..) | (_, _, None, _) => {
                    write!(f, "copyable<{}, ", self.cpp)?;
                    context(f)?;
                    f.write_str(">")
                }
                (_, false, Some(drop), None) => {
                    write!(f, "owned<{}, ", self.cpp)?;
                    context(f)?;
                    write!(f, ", &{drop}>")
                }
            }
        })
    }

    /// For closure boxes, `BoxBuilder::closure_types`; empty otherwise.
    pub fn closure_types(&self) -> String {
        self.box_builder
            .as_ref()
            .map_or_else(String::new, BoxBuilder::closure_types)
    }

    pub fn closure_params(&self) -> String {
        self.box_builder
            .as_ref()
            .map_or_else(String::new, BoxBuilder::closure_params)
    }

    pub fn closure_args(&self) -> String {
        self.box_builder
            .as_ref()
            .map_or_else(String::new, BoxBuilder::closure_args)
    }

    pub fn heap(&self) -> bool {
        self.storage == Storage::Heap
    }

    /// Whether the type needs its own `api<T>` specialisation.
    pub fn has_api(&self) -> bool {
        let has_members =
            !(self.fields.is_empty() && self.shared.is_empty() && self.exclusive.is_empty());
        !self.runtime_class && (has_members || self.cpp_object.is_some())
    }

    /// The fields that C++ reaches as members. A field named like a `&self`
    /// or `&mut self` method, or like `cpp()`, is left out: one class
    /// cannot have a data member and a member function of the same name.
    pub fn member_fields(&self) -> impl Iterator<Item = &FieldIr> + '_ {
        self.fields.iter().filter(|field| {
            let name = field.cpp_name.as_str();
            let is_method = |call: &CppCall| call.name == name;
            !(self.shared.iter().any(is_method)
                || self.exclusive.iter().any(is_method)
                || (self.cpp_object.is_some() && name == "cpp"))
        })
    }

    /// Whether the class has member forms of methods, which its static
    /// forms of the same names hide unless it names them again.
    pub fn has_member_forms(&self) -> bool {
        !(self.shared.is_empty() && self.exclusive.is_empty())
    }

    /// The C++ object behind `*this` in a `Self` of the members template
    /// (whose parameter `T` is this type).
    pub fn cpp_access(&self, ns: &str) -> String {
        let address = format!("::{ns}::Ref<T>(static_cast<const Self&>(*this)).__zng_target()");
        self.cpp_object
            .as_ref()
            .map_or_else(String::new, |object| object.access(&address))
    }

    /// Whether the class declares constructors, so that the default one
    /// must be declared too.
    pub fn declares_constructors(&self) -> bool {
        !self.constructors.is_empty() || self.cpp_object.is_some()
    }
}

/// The C++ object a Rust type stands for.
#[derive(Clone, Debug, Serialize)]
pub struct CppObject {
    /// The C++ type, as written in the `.zng` file.
    pub cpp_type: String,
    pub kind: CppObjectKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum CppObjectKind {
    /// `#cpp_value`: the Rust value holds a pointer to a heap object and
    /// its deleter (a `ZngurCppOpaqueOwnedObject`).
    Value,
    /// `#cpp_stack_owned`: the Rust value's bytes are the object.
    StackOwned { size: u64, align: u64 },
    /// `#cpp_ref`: only references exist; their address is the object's.
    Ref,
}

impl CppObject {
    /// C++ expression: the object, given `address`, an expression of the
    /// Rust value's address.
    pub fn access(&self, address: &str) -> String {
        match self.kind {
            CppObjectKind::Value => format!(
                "*reinterpret_cast<{}*>(*reinterpret_cast<::std::uint8_t* const*>({address}))",
                self.cpp_type
            ),
            CppObjectKind::StackOwned { .. } | CppObjectKind::Ref => {
                format!("*reinterpret_cast<{}*>({address})", self.cpp_type)
            }
        }
    }

    pub fn is_value(&self) -> bool {
        self.kind == CppObjectKind::Value
    }

    pub fn is_ref(&self) -> bool {
        self.kind == CppObjectKind::Ref
    }

    pub fn is_stack_owned(&self) -> bool {
        matches!(self.kind, CppObjectKind::StackOwned { .. })
    }
}

/// A struct of the generated `pub mod cpp`, which a user type re-exports.
#[derive(Clone, Debug, Serialize)]
pub struct CppStruct {
    pub name: String,
    pub kind: CppStructKind,
}

#[derive(Clone, Debug, Serialize)]
pub enum CppStructKind {
    /// `#cpp_value`: a wrapper of `ZngurCppOpaqueOwnedObject`.
    Value,
    /// `#cpp_stack_owned`.
    Stack(StackObject),
    /// `#cpp_ref`: zero-sized, seen only through references.
    Borrowed,
}

/// `#cpp_stack_owned`: the object's bytes, and the C++ thunk running its
/// destructor.
#[derive(Clone, Debug, Serialize)]
pub struct StackObject {
    pub size: u64,
    pub align: u64,
    pub destructor: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FieldIr {
    /// The C++ member name: the field name escaped, or `f0` for `0`.
    pub cpp_name: String,
    pub cpp_type: String,
    /// The C++ offset type: `StaticOffset<N>` or `AutoOffset<&symbol>`.
    pub offset: String,
}

/// One wrapper function on the calling side. For methods, the first
/// parameter is the receiver.
///
/// Its body is one call of a runtime function template that passes the
/// parameters by their C++ types (`call<R>(symbol, i0, i1)`); the shim's
/// signature, derived from the same types, is the [`Shim`] of `symbol`.
#[derive(Clone, Debug, Serialize)]
pub struct CppCall {
    pub name: String,
    pub params: Vec<CppParam>,
    pub ret: String,
    pub symbol: String,
    /// `noexcept` unless panics become exceptions.
    pub noexcept: bool,
    /// Whether a panic flag is passed as the last argument.
    pub panic_flag: bool,
}

impl CppCall {
    /// Parameters after the receiver, for member forms.
    pub fn rest_params(&self) -> &[CppParam] {
        self.params.get(1..).unwrap_or(&[])
    }

    /// `, ::std::move(a), ::std::move(b)`: the parameters after the
    /// receiver, forwarded by a member form to the static form.
    pub fn forwarded_rest(&self) -> impl Display + '_ {
        Fmt(move |f| {
            for p in self.rest_params() {
                write!(f, ", ::std::move({})", p.name)?;
            }
            Ok(())
        })
    }

    /// `typename Zng::template type<T> a, …`: the parameters of a wrapper
    /// template, whose types depend on its parameter `Zng` so that they are
    /// only instantiated when the wrapper is used.
    pub fn deferred_params(&self, skip_receiver: bool) -> impl Display + '_ {
        let params = if skip_receiver {
            self.rest_params()
        } else {
            &self.params
        };
        Fmt(move |f| {
            comma_list(f, params, |f, p| {
                let unused = if p.passed { "" } else { "[[maybe_unused]] " };
                write!(
                    f,
                    "{unused}typename Zng::template type<{}> {}",
                    p.ty, p.name
                )
            })
        })
    }

    /// `, i0, i1`: the parameters handed to the runtime's call, which
    /// passes each to the shim (`()` is not passed).
    pub fn call_args(&self) -> impl Display + '_ {
        Fmt(move |f| {
            for p in self.params.iter().filter(|p| p.passed) {
                write!(f, ", {}", p.name)?;
            }
            Ok(())
        })
    }

    /// The runtime function a wrapper's body calls.
    pub fn call_fn(&self) -> &'static str {
        if self.panic_flag {
            "call_or_throw"
        } else {
            "call"
        }
    }

    /// The runtime function a constructor's body calls.
    pub fn construct_fn(&self) -> &'static str {
        if self.panic_flag {
            "construct_or_throw"
        } else {
            "construct"
        }
    }

    /// ` noexcept` or nothing.
    pub fn noexcept_suffix(&self) -> &'static str {
        if self.noexcept {
            " noexcept"
        } else {
            ""
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct CppParam {
    pub ty: String,
    pub name: String,
    /// False for `()` and zero-sized `Copy` values, which are not passed
    /// to the shim.
    pub passed: bool,
}

/// An `extern "C"` function, defined on the callee's side.
#[derive(Clone, Debug, Serialize)]
pub struct Shim {
    pub symbol: String,
    pub params: Vec<AbiParam>,
    /// The C and Rust spellings of the returned scalar or words, if any.
    pub ret: Option<AbiType>,
    /// Whether the result goes through an output pointer `o`.
    pub out: bool,
    /// `use TRAIT as _;` before the call.
    pub use_trait: Option<String>,
    /// The callee-side code: a Rust expression of the ABI return type.
    pub body: String,
    /// Catches panics and reports them through a flag argument.
    pub catch_panic: bool,
    /// The `.zng` declaration the shim comes from. Its `file:line` is
    /// written beside the body: rustc quotes that line when the declaration
    /// does not match the Rust code (a wrong method name or signature),
    /// which leads from the error back to the `.zng` file.
    pub origin: Origin,
}

/// The `.zng` declaration generated code comes from: written as its
/// `file:line`, and kept as a span for `zngc layout`, which reports build
/// errors of the generated code at the declaration.
#[derive(Clone, Debug, Serialize)]
pub struct Origin {
    /// `main.zng:6`
    pub location: String,
    pub span: Span,
}

impl Display for Origin {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&self.location)
    }
}

impl Shim {
    /// The C++ declaration's parameter list.
    pub fn c_params(&self) -> impl Display + '_ {
        Fmt(move |f| {
            let params = self.params.iter().map(|p| &*p.ty.c);
            let out = self.out.then_some("::std::uint8_t*");
            let flag = self.catch_panic.then_some("::std::uint8_t*");
            comma_list(f, params.chain(out).chain(flag), |f, p| f.write_str(p))
        })
    }

    pub fn c_ret(&self) -> &str {
        self.ret.as_ref().map_or("void", |r| &r.c)
    }

    /// The Rust definition's parameter list.
    pub fn rust_params(&self) -> impl Display + '_ {
        Fmt(move |f| {
            let params = self.params.iter().map(|p| (p.name.as_str(), &*p.ty.rust));
            let out = self.out.then_some(("o", "*mut u8"));
            let flag = self.catch_panic.then_some(("panicked", "*mut u8"));
            comma_list(f, params.chain(out).chain(flag), |f, (name, ty)| {
                write!(f, "{name}: {ty}")
            })
        })
    }

    /// ` -> T` or nothing.
    pub fn rust_ret(&self) -> impl Display + '_ {
        Fmt(move |f| match &self.ret {
            Some(r) => write!(f, " -> {}", r.rust),
            None => Ok(()),
        })
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AbiParam {
    pub name: String,
    pub ty: AbiType,
}

/// A type that crosses `extern "C"`: its C++ and Rust spellings (mostly
/// fixed words, so not allocated for each of thousands of parameters).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AbiType {
    pub c: Cow<'static, str>,
    pub rust: Cow<'static, str>,
}

/// A compile-time check that a declared number matches Rust's.
#[derive(Clone, Debug, Serialize)]
pub struct Assertion {
    /// `main.zng:3`
    pub location: String,
    /// What is measured, for the message: `size of crate::Inventory`.
    pub what: String,
    pub declared: u64,
    /// A Rust `usize` expression giving the real value.
    pub real: String,
    /// `true`: real must equal declared; `false`: real ≤ declared.
    pub exact: bool,
}

/// A `usize` static that Rust exports for C++ to read.
#[derive(Clone, Debug, Serialize)]
pub struct ExportedUsize {
    pub symbol: String,
    /// The Rust constant expression of its value.
    pub value: String,
}
