//! Checked specification to bridge IR: decides every C++ class, wrapper
//! function, `extern "C"` shim, symbol and Rust-side check that the
//! generated files contain.

mod cpp_objects;
mod into_cpp;
pub mod ir;
pub mod names;
mod passing;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::Path as FsPath;

use rayon::prelude::*;

use crate::check::{
    ConstructorFieldsSpec, ConstructorSpec, FieldSpec, FnSpec, LayoutPolicy, Spec, TypeSpec,
};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceMap, Span};
use crate::syntax::ast::{
    FieldName, FieldOffset, GenericArg, Ident, Path, PathRoot, PathSegment, Primitive, Receiver,
    TraitRef, Type, TypeKind, WellknownTrait,
};
use into_cpp::LoweredTrait;
use ir::{
    AbiParam, AbiType, Assertion, Bridge, CopyCheck, CppCall, CppName, CppParam, ExportedUsize,
    FieldCheck, FieldIr, FreeFn, Origin, Shim, Storage, TypeIr,
};
use names::{cpp_ident, rust_ident, rust_type, Naming};
use passing::{lower_arg, lower_result, uses_word_pairs, Catalog, Declared};

/// Names chosen by the user of `zngc generate`.
#[derive(Clone, Debug)]
pub struct LowerOptions {
    /// What `crate` is called in C++ (`rust::<crate_name>::…`).
    pub crate_name: String,
    /// The root C++ namespace, `rust` by default.
    pub cpp_namespace: String,
    /// Prefix that keeps two bridges' symbols apart in one binary.
    pub mangling_base: String,
}

impl Default for LowerOptions {
    fn default() -> Self {
        LowerOptions {
            crate_name: "crate".to_string(),
            cpp_namespace: "rust".to_string(),
            mangling_base: String::new(),
        }
    }
}

/// Lowers a checked spec. Constructs that zngc cannot generate yet are
/// reported as errors.
pub fn lower(
    spec: &Spec,
    sources: &SourceMap,
    options: &LowerOptions,
) -> Result<Bridge, Vec<Diagnostic>> {
    lower_in_chunks(spec, sources, options, TYPES_PER_CHUNK)
}

fn lower_in_chunks(
    spec: &Spec,
    sources: &SourceMap,
    options: &LowerOptions,
    types_per_chunk: usize,
) -> Result<Bridge, Vec<Diagnostic>> {
    let catalog = catalog(spec);
    let file_names = file_names(sources);
    let word_pairs = uses_word_pairs(&catalog);
    let mut lowerer = Lowerer {
        naming: Naming::new(
            &options.crate_name,
            &options.cpp_namespace,
            &options.mangling_base,
        ),
        catalog: &catalog,
        sources,
        file_names: &file_names,
        panic_to_exception: spec.convert_panic_to_exception,
        bridge: Bridge {
            panic_to_exception: spec.convert_panic_to_exception,
            additional_includes: spec
                .additional_includes
                .iter()
                .map(|i| i.node.clone())
                .collect(),
            imported_headers: spec
                .imports
                .iter()
                .map(|i| format!("{}.h", i.written))
                .collect(),
            word_pairs,
            ..Bridge::default()
        },
        diagnostics: Vec::new(),
        traits: HashMap::new(),
    };
    let mut primaries = BTreeSet::new();
    // Traits first: box builders and `dyn` borrows of their types use them.
    for tr in &spec.traits {
        if let Some(primary) = lowerer.lower_trait(tr) {
            if primaries.insert(primary.clone()) {
                lowerer.bridge.generic_primaries.push(primary);
            }
        }
    }
    lowerer.declare_dyn_traits(spec);
    for ty in &spec.types {
        if let Some(primary) = lowerer.generic_primary(&ty.ty) {
            if primaries.insert(primary.clone()) {
                lowerer.bridge.generic_primaries.push(primary);
            }
        }
    }
    // Types are lowered independently of each other, so big bridges are
    // lowered in chunks on all cores; the chunks are joined in order, which
    // keeps the output identical to a sequential run.
    let parts: Vec<Lowerer<'_>> = spec
        .types
        .par_chunks(types_per_chunk)
        .map(|chunk| {
            let mut part = lowerer.fork();
            for ty in chunk {
                let lowered = part.lower_type(ty);
                part.bridge.types.push(lowered);
            }
            part
        })
        .collect();
    for part in parts {
        lowerer.join(part);
    }
    for function in &spec.functions {
        // `check` gives every Rust free function its full path.
        if let Some(path) = &function.path {
            let lowered = lowerer.lower_free_fn(function, path);
            lowerer.bridge.functions.push(lowered);
        }
    }
    for function in &spec.extern_fns {
        lowerer.lower_extern_fn(function);
    }
    for imp in &spec.extern_impls {
        lowerer.lower_extern_impl(imp);
    }
    if lowerer.diagnostics.is_empty() {
        Ok(lowerer.bridge)
    } else {
        Err(lowerer.diagnostics)
    }
}

fn catalog(spec: &Spec) -> Catalog {
    spec.types
        .iter()
        .map(|t| {
            (
                rust_type(&t.ty),
                Declared {
                    storage: storage(&t.layout),
                    unsized_type: matches!(t.layout, LayoutPolicy::Unsized { .. }),
                    copy: is_inline_copy(t),
                },
            )
        })
        .collect()
}

/// Declared `Copy` with its bytes inline: C++ copies the bytes freely.
fn is_inline_copy(spec: &TypeSpec) -> bool {
    spec.wellknown_traits.contains(&WellknownTrait::Copy)
        && matches!(storage(&spec.layout), Storage::Inline { .. })
}

/// The file names generated code quotes (`main.zng:6`), without control
/// characters, which would end a `//` comment in the generated Rust.
fn file_names(sources: &SourceMap) -> Vec<String> {
    sources
        .iter()
        .map(|(_, file)| {
            let name = FsPath::new(&file.path).file_name().map_or_else(
                || file.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            name.replace(char::is_control, "?")
        })
        .collect()
}

fn storage(layout: &LayoutPolicy) -> Storage {
    match layout {
        LayoutPolicy::Exact { size, align, .. }
        | LayoutPolicy::Conservative { size, align, .. }
        | LayoutPolicy::CppStackOwned { size, align, .. } => Storage::Inline {
            size: *size,
            align: *align,
        },
        LayoutPolicy::HeapAllocated { .. } => Storage::Heap,
        LayoutPolicy::OnlyByRef { .. }
        | LayoutPolicy::Unsized { .. }
        | LayoutPolicy::CppRef { .. } => Storage::ByRef,
    }
}

/// Types per unit of parallel work: enough that a chunk outweighs handing
/// it to another thread.
const TYPES_PER_CHUNK: usize = 256;

struct Lowerer<'a> {
    naming: Naming,
    catalog: &'a Catalog,
    sources: &'a SourceMap,
    /// The name of each source file (its last path component), by id.
    file_names: &'a [String],
    panic_to_exception: bool,
    bridge: Bridge,
    diagnostics: Vec<Diagnostic>,
    /// Declared traits by their Rust spelling (`::std::iter::Iterator<Item = i32>`).
    traits: HashMap<String, LoweredTrait>,
}

/// A signature being lowered: parameters (receiver first) and output.
struct Signature<'t> {
    params: Vec<&'t Type>,
    output: &'t Type,
}

/// `&T` and `&mut T` for a declared `T`, built once per type for the
/// receivers of its methods.
struct Receivers {
    shared: Type,
    exclusive: Type,
}

impl Lowerer<'_> {
    /// A lowerer for a share of the types: the same names and traits, and
    /// an empty bridge for what it lowers.
    fn fork(&self) -> Self {
        Lowerer {
            naming: self.naming.clone(),
            catalog: self.catalog,
            sources: self.sources,
            file_names: self.file_names,
            panic_to_exception: self.panic_to_exception,
            bridge: Bridge::default(),
            diagnostics: Vec::new(),
            traits: self.traits.clone(),
        }
    }

    /// Appends what a [`fork`](Self::fork) lowered.
    fn join(&mut self, part: Self) {
        self.bridge.append(part.bridge);
        self.diagnostics.extend(part.diagnostics);
    }

    fn not_yet(&mut self, span: Span, what: &str) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::E0080,
                format!("zngc cannot generate code for {what} yet"),
                span,
                "not supported by the code generator",
            )
            .with_help(
                "remove this item, or generate this bridge with Zngur until zngc supports it",
            ),
        );
    }

    /// `file:line` of a span, for messages in generated code.
    fn location(&self, span: Span) -> String {
        let (line, _) = self.sources.get(span.file).line_col(span.start as usize);
        let name = self
            .file_names
            .get(span.file.0 as usize)
            .map_or("", String::as_str);
        format!("{name}:{line}")
    }

    /// The `.zng` declaration at `span`, for generated code to name.
    fn origin(&self, span: Span) -> Origin {
        Origin {
            location: self.location(span),
            span,
        }
    }

    /// The C++ class name of a declared type.
    fn cpp_name(&self, ty: &Type) -> CppName {
        let root = self.naming.cpp_namespace.clone();
        let runtime = |name: &str, args: String| CppName {
            namespace: root.clone(),
            name: name.to_string(),
            args,
        };
        let args = |types: &[&Type]| {
            let parts: Vec<String> = types.iter().map(|t| self.naming.cpp_type(t)).collect();
            format!("<{}>", parts.join(", "))
        };
        match &ty.kind {
            TypeKind::Path { path } => {
                let (namespace, name) = self.naming.cpp_segments(path);
                CppName {
                    namespace: namespace.join("::"),
                    name,
                    args: self.naming.cpp_generic_args(path),
                }
            }
            TypeKind::Boxed { inner } => runtime("Box", args(&[inner])),
            TypeKind::Slice { inner } => runtime("Slice", args(&[inner])),
            TypeKind::Tuple { elems } => runtime("Tuple", args(&elems.iter().collect::<Vec<_>>())),
            TypeKind::Primitive {
                primitive: Primitive::Str,
            } => runtime("Str", String::new()),
            _ => {
                // `dyn Trait`, `bool`, numbers…: the spelling is a full type.
                let cpp = self.naming.cpp_type(ty);
                match cpp.strip_prefix(&format!("::{root}::")) {
                    Some(rest) => match rest.split_once('<') {
                        Some((name, tail)) => runtime(name, format!("<{tail}")),
                        None => runtime(rest, String::new()),
                    },
                    None => CppName {
                        namespace: String::new(),
                        name: cpp,
                        args: String::new(),
                    },
                }
            }
        }
    }

    /// Declares the C++ class of a trait that no `trait` item declares, so
    /// that types naming it (`Box<Dyn<Trait>>`, `Impl<T, Trait>`) compile.
    fn declare_trait(&mut self, tr: &TraitRef) {
        let TraitRef::Path { path } = tr else {
            return;
        };
        if self.traits.contains_key(&names::rust_trait(tr)) {
            return;
        }
        let (namespace, name) = self.naming.cpp_segments(path);
        let declaration = CppName {
            namespace: namespace.join("::"),
            name,
            args: self.naming.cpp_generic_args(path),
        };
        let declared = self
            .bridge
            .trait_declarations
            .iter()
            .any(|d| d.namespace == declaration.namespace && d.name == declaration.name);
        if !declared {
            self.bridge.trait_declarations.push(declaration);
        }
    }

    /// Declares the trait of every `dyn Trait` that the bridge's types and
    /// signatures name, including the boxes in which C++ receives the
    /// results of `-> impl Trait` and `async fn` ([`boxed_output`]).
    fn declare_dyn_traits(&mut self, spec: &Spec) {
        let functions = spec
            .types
            .iter()
            .flat_map(|t| &t.methods)
            .chain(&spec.functions)
            .chain(&spec.extern_fns)
            .chain(spec.extern_impls.iter().flat_map(|i| &i.methods))
            .chain(spec.traits.iter().flat_map(|t| &t.methods));
        let mut types: Vec<Cow<'_, Type>> = Vec::new();
        for ty in &spec.types {
            types.push(Cow::Borrowed(&ty.ty));
            types.extend(
                ty.constructors
                    .iter()
                    .flat_map(|c| c.fields.types())
                    .map(Cow::Borrowed),
            );
            types.extend(ty.fields.iter().map(|f| Cow::Borrowed(&f.ty)));
        }
        for function in functions {
            types.extend(function.inputs.iter().map(Cow::Borrowed));
            types.push(boxed_output(function).0);
        }
        let mut traits = Vec::new();
        for ty in &types {
            collect_dyn_traits(ty, &mut traits);
        }
        for tr in traits {
            self.declare_trait(tr);
        }
    }

    /// The primary template a generic path type specialises.
    fn generic_primary(&self, ty: &Type) -> Option<CppName> {
        match &ty.kind {
            TypeKind::Path { path }
                if path.segments.last().is_some_and(|s| !s.generics.is_empty()) =>
            {
                let name = self.cpp_name(ty);
                Some(CppName {
                    args: String::new(),
                    ..name
                })
            }
            _ => None,
        }
    }

    fn lower_type(&mut self, spec: &TypeSpec) -> TypeIr {
        let rust = rust_type(&spec.ty);
        let name = self.cpp_name(&spec.ty);
        let cpp = name.qualified();
        let storage = storage(&spec.layout);
        let unsized_type = matches!(spec.layout, LayoutPolicy::Unsized { .. });
        let owned = storage != Storage::ByRef;
        let copy = is_inline_copy(spec);
        let runtime_class = matches!(
            spec.ty.kind,
            TypeKind::Primitive { primitive } if primitive != Primitive::Str
        ) || matches!(&spec.ty.kind, TypeKind::Tuple { elems } if elems.is_empty());
        let location = self.location(spec.span);
        let origin = self.origin(spec.ty.span);
        let repr = if storage == Storage::Heap {
            format!("::std::boxed::Box<{rust}>")
        } else {
            rust.clone()
        };

        self.layout_assertions(spec, &rust);
        let real_size = self.real_size(spec, &rust);
        if spec.wellknown_traits.contains(&WellknownTrait::Copy) {
            self.bridge.copy_checks.push(CopyCheck {
                ty: rust.clone(),
                span: spec.ty.span,
            });
        }

        let drop_symbol = (owned && !copy && !runtime_class).then(|| {
            let symbol = self.naming.symbol(&format!("{rust}::drop"), "drop");
            self.push_shim(Shim {
                symbol: symbol.clone(),
                params: vec![byte_ptr_param("i0")],
                ret: None,
                out: false,
                use_trait: None,
                body: format!("::core::ptr::drop_in_place(i0 as *mut {repr})"),
                catch_panic: false,
                origin: origin.clone(),
            });
            symbol
        });
        // A boxed `Copy` value is copied by Rust, into a new box.
        let heap_copy =
            storage == Storage::Heap && spec.wellknown_traits.contains(&WellknownTrait::Copy);
        let box_copy_symbol = heap_copy.then(|| {
            let symbol = self.naming.symbol(&format!("{rust}::copy"), "box copy");
            self.push_shim(Shim {
                symbol: symbol.clone(),
                params: vec![byte_ptr_param("i0"), byte_ptr_param("i1")],
                ret: None,
                out: false,
                use_trait: None,
                body: format!(
                    "::core::ptr::write(i1 as *mut {repr}, ::std::boxed::Box::new(**(i0 as *const {repr})))"
                ),
                catch_panic: false,
                origin: origin.clone(),
            });
            symbol
        });
        // `bool` prints alike in both languages, and the runtime header
        // already has its printer; other numbers declared `Debug` print
        // through Rust (`0.1`, not C++'s `0.10000000000000001`).
        let is_bool = matches!(
            spec.ty.kind,
            TypeKind::Primitive {
                primitive: Primitive::Bool
            }
        );
        let debug_symbol = (spec.wellknown_traits.contains(&WellknownTrait::Debug) && !is_bool)
            .then(|| self.debug_shim(&rust, &origin));

        let mut ir = TypeIr {
            name,
            cpp,
            rust: rust.clone(),
            runtime_class,
            storage,
            real_size,
            unsized_type,
            copy,
            drop_symbol,
            box_copy_symbol,
            debug_symbol,
            constructors: Vec::new(),
            default_constructor: None,
            statics: Vec::new(),
            by_value: Vec::new(),
            shared: Vec::new(),
            exclusive: Vec::new(),
            box_builder: None,
            cpp_object: None,
            fields: Vec::new(),
            location,
            api: self.naming.symbol(&rust, "api"),
        };
        let receivers = Receivers {
            shared: reference_to(&spec.ty, false),
            exclusive: reference_to(&spec.ty, true),
        };
        for constructor in &spec.constructors {
            self.lower_constructor(spec, constructor, &receivers, &mut ir);
        }
        if let TypeKind::Tuple { elems } = &spec.ty.kind {
            if owned && !elems.is_empty() {
                let fields = ConstructorFieldsSpec::Tuple(elems.clone());
                let value = |args: &[String]| format!("({},)", args.join(", "));
                let call = self.constructor_call(spec.span, spec, "Tuple", &fields, value);
                ir.constructors.push(call);
            }
        }
        for field in &spec.fields {
            let lowered = self.lower_field(field, &rust);
            ir.fields.push(lowered);
        }
        // The class of a primitive is a C++ builtin or the runtime header's
        // (`rust::Bool`), which cannot get members: its methods are functions
        // in a namespace named like the Rust type (`rust::u64::count_ones`).
        let primitive_namespace = self.primitive_namespace(&spec.ty);
        for method in &spec.methods {
            let call = self.lower_method(spec, method, &receivers, &rust);
            match &primitive_namespace {
                Some(namespace) => self.bridge.functions.push(FreeFn {
                    namespace: namespace.clone(),
                    call,
                }),
                None => ir.add_method(method.receiver_kind(), call),
            }
        }
        if owned {
            ir.box_builder = self.box_builder(&spec.ty);
        }
        ir.cpp_object = self.cpp_object(spec, &ir.storage);
        self.dyn_borrow(&spec.ty);
        ir
    }

    fn layout_assertions(&mut self, spec: &TypeSpec, rust: &str) {
        let (size, align, exact, span) = match spec.layout {
            LayoutPolicy::Exact {
                size, align, span, ..
            } => (size, align, true, span),
            LayoutPolicy::Conservative {
                size, align, span, ..
            } => (size, align, false, span),
            LayoutPolicy::CppStackOwned {
                size, align, span, ..
            } => (size, align, true, span),
            _ => return,
        };
        let location = self.location(span);
        for (what, declared, function) in [("size", size, "size_of"), ("align", align, "align_of")]
        {
            self.bridge.assertions.push(Assertion {
                location: location.clone(),
                what: format!("{what} of {rust}"),
                declared,
                real: format!("::core::mem::{function}::<{rust}>()"),
                exact,
            });
        }
    }

    /// For a `#layout_conservative` type, the `usize` static holding its
    /// real size, by which C++ copies its values to and from Rust's memory
    /// (the declared size only bounds it).
    fn real_size(&mut self, spec: &TypeSpec, rust: &str) -> Option<String> {
        if !matches!(spec.layout, LayoutPolicy::Conservative { .. }) {
            return None;
        }
        let symbol = self.naming.symbol(&format!("{rust}::size"), "real size");
        self.bridge.exported_usizes.push(ExportedUsize {
            symbol: symbol.clone(),
            value: format!("::core::mem::size_of::<{rust}>()"),
        });
        Some(symbol)
    }

    fn debug_shim(&mut self, rust: &str, origin: &Origin) -> String {
        let symbol = self.naming.symbol(&format!("{rust}::debug"), "debug");
        let c_str = AbiType {
            c: Cow::Borrowed("const char*"),
            rust: Cow::Borrowed("*const ::core::ffi::c_char"),
        };
        self.push_shim(Shim {
            symbol: symbol.clone(),
            params: vec![
                AbiParam {
                    name: "i0".into(),
                    ty: c_str.clone(),
                },
                AbiParam {
                    name: "i1".into(),
                    ty: AbiType {
                        c: Cow::Borrowed("int"),
                        rust: Cow::Borrowed("i32"),
                    },
                },
                AbiParam {
                    name: "i2".into(),
                    ty: c_str,
                },
                AbiParam {
                    name: "i3".into(),
                    ty: AbiType {
                        c: Cow::Borrowed("const ::std::uint8_t*"),
                        rust: Cow::Borrowed("*const u8"),
                    },
                },
            ],
            ret: None,
            out: false,
            use_trait: None,
            body: format!(
                "::std::eprintln!(\"[{{}}:{{}}] {{}} = {{:#?}}\", \
                 ::core::ffi::CStr::from_ptr(i0).to_string_lossy(), i1, \
                 ::core::ffi::CStr::from_ptr(i2).to_string_lossy(), \
                 ::core::ptr::read(i3 as *const &{rust}))"
            ),
            catch_panic: false,
            origin: origin.clone(),
        });
        symbol
    }

    fn push_shim(&mut self, shim: Shim) {
        self.bridge.shims.push(shim);
    }

    /// Lowers one call: the C++ wrapper and the Rust shim. `rust_value`
    /// builds the Rust value from the parameters' Rust values; `origin` is
    /// the `.zng` declaration of the call.
    fn lower_call(
        &mut self,
        origin: Span,
        cpp_name: String,
        symbol: String,
        signature: &Signature<'_>,
        use_trait: Option<String>,
        rust_value: &dyn Fn(&[String]) -> String,
    ) -> CppCall {
        let mut params = Vec::new();
        let mut abi_params = Vec::new();
        let mut rust_args = Vec::new();
        for (i, ty) in signature.params.iter().enumerate() {
            let name = format!("i{i}");
            let lowered = lower_arg(ty, &name, &self.naming, self.catalog);
            params.push(CppParam {
                ty: lowered.cpp_type,
                name: name.clone(),
                passed: lowered.abi.is_some(),
            });
            if let Some(abi) = lowered.abi {
                abi_params.push(AbiParam {
                    name: name.clone(),
                    ty: abi,
                });
            }
            rust_args.push(lowered.rust_value);
        }
        let result = lower_result(signature.output, &self.naming, self.catalog);
        let value = rust_value(&rust_args);
        let body = result.rust_return.replace("{}", &value);
        self.push_shim(Shim {
            symbol: symbol.clone(),
            params: abi_params,
            ret: result.abi,
            out: result.out,
            use_trait,
            body,
            catch_panic: self.panic_to_exception,
            origin: self.origin(origin),
        });
        CppCall {
            name: cpp_name,
            params,
            ret: result.cpp_type,
            symbol,
            noexcept: !self.panic_to_exception,
            panic_flag: self.panic_to_exception,
        }
    }

    fn constructor_call(
        &mut self,
        origin: Span,
        spec: &TypeSpec,
        cpp_name: &str,
        fields: &ConstructorFieldsSpec,
        value: impl Fn(&[String]) -> String,
    ) -> CppCall {
        let rust = rust_type(&spec.ty);
        let signature = Signature {
            params: fields.types(),
            output: &spec.ty,
        };
        let symbol = self.naming.symbol(
            &format!("{rust}::{cpp_name}"),
            &signature_key(&signature, "constructor"),
        );
        self.lower_call(
            origin,
            cpp_name.to_string(),
            symbol,
            &signature,
            None,
            &value,
        )
    }

    fn lower_constructor(
        &mut self,
        spec: &TypeSpec,
        constructor: &ConstructorSpec,
        receivers: &Receivers,
        ir: &mut TypeIr,
    ) {
        let variant = constructor.name.as_ref().map(|n| n.node.clone());
        let constructed = names::rust_expr_type(&spec.ty);
        let target = match &variant {
            Some(v) => format!("{constructed}::{}", rust_ident(v)),
            None => constructed,
        };
        // Written as a Rust programmer would, so that Clippy has nothing to
        // say about the generated file.
        let value = |args: &[String]| match &constructor.fields {
            ConstructorFieldsSpec::Unit => format!("{target} {{}}"),
            ConstructorFieldsSpec::Tuple(_) => format!("{target}({})", args.join(", ")),
            ConstructorFieldsSpec::Named(named) => {
                let inits: Vec<String> = named
                    .iter()
                    .zip(args)
                    .map(|((n, _), a)| format!("{}: {a}", rust_ident(&n.node)))
                    .collect();
                format!("{target} {{ {} }}", inits.join(", "))
            }
        };
        let cpp_name = variant
            .as_deref()
            .map_or_else(|| ir.name.name.clone(), cpp_ident);
        let call = self.constructor_call(
            constructor.span,
            spec,
            &cpp_name,
            &constructor.fields,
            value,
        );
        match (&variant, &constructor.fields) {
            (None, ConstructorFieldsSpec::Unit) => ir.default_constructor = Some(call),
            (None, _) => ir.constructors.push(call),
            (Some(v), _) => {
                ir.statics.push(call);
                let unit = matches!(constructor.fields, ConstructorFieldsSpec::Unit);
                let matcher = self.matcher(constructor.span, spec, v, unit, receivers);
                ir.shared.push(matcher);
            }
        }
    }

    /// `matches_Variant()`: whether a value is that enum variant (`unit`:
    /// a variant without fields).
    fn matcher(
        &mut self,
        origin: Span,
        spec: &TypeSpec,
        variant: &str,
        unit: bool,
        receivers: &Receivers,
    ) -> CppCall {
        let rust = rust_type(&spec.ty);
        let output = Type {
            kind: TypeKind::Primitive {
                primitive: Primitive::U8,
            },
            span: spec.span,
        };
        let signature = Signature {
            params: vec![&receivers.shared],
            output: &output,
        };
        let name = format!("matches_{variant}");
        let symbol = self.naming.symbol(
            &format!("{rust}::{name}"),
            &signature_key(&signature, "matches"),
        );
        let fields = if unit { "" } else { " { .. }" };
        let pattern = format!(
            "{}::{}{fields}",
            names::rust_expr_type(&spec.ty),
            rust_ident(variant)
        );
        let value = |args: &[String]| {
            format!(
                "::core::matches!({}, {pattern}) as u8",
                args.first().map_or("", String::as_str)
            )
        };
        self.lower_call(origin, cpp_ident(&name), symbol, &signature, None, &value)
    }

    fn lower_field(&mut self, field: &FieldSpec, rust: &str) -> FieldIr {
        let (cpp_name, rust_name) = match &field.name.node {
            FieldName::Named(n) => (cpp_ident(n), rust_ident(n).into_owned()),
            FieldName::Index(i) => (format!("f{i}"), i.to_string()),
        };
        self.bridge.field_checks.push(FieldCheck {
            owner: rust.to_string(),
            field: rust_name.clone(),
            ty: rust_type(&field.ty),
            span: field.span,
        });
        let offset = match field.offset.node {
            FieldOffset::Bytes(n) => {
                self.bridge.assertions.push(Assertion {
                    location: self.location(field.span),
                    what: format!("offset of field {rust_name} in {rust}"),
                    declared: n,
                    real: format!("::core::mem::offset_of!({rust}, {rust_name})"),
                    exact: true,
                });
                format!("{}<{n}>", self.naming.internal("StaticOffset"))
            }
            FieldOffset::Auto => {
                let symbol = self
                    .naming
                    .symbol(&format!("{rust}::{rust_name}::offset"), "auto offset");
                self.bridge.exported_usizes.push(ExportedUsize {
                    symbol: symbol.clone(),
                    value: format!("::core::mem::offset_of!({rust}, {rust_name})"),
                });
                format!("{}<&{symbol}>", self.naming.internal("AutoOffset"))
            }
        };
        FieldIr {
            cpp_name,
            cpp_type: self.naming.cpp_type(&field.ty),
            offset,
        }
    }

    /// `rust::u64`, `rust::bool_`: where the methods of a primitive type
    /// other than `str` (whose class `rust::Str` holds them) go.
    fn primitive_namespace(&self, ty: &Type) -> Option<String> {
        match ty.kind {
            TypeKind::Primitive { primitive } if primitive != Primitive::Str => Some(format!(
                "{}::{}",
                self.naming.cpp_namespace,
                cpp_ident(primitive.name())
            )),
            _ => None,
        }
    }

    fn lower_method(
        &mut self,
        spec: &TypeSpec,
        method: &FnSpec,
        receivers: &Receivers,
        owner: &str,
    ) -> CppCall {
        let mut params = Vec::with_capacity(method.inputs.len() + 1);
        if let Some(receiver) = method.receiver_kind() {
            params.push(match receiver {
                Receiver::Value => &spec.ty,
                Receiver::Ref => &receivers.shared,
                Receiver::RefMut => &receivers.exclusive,
            });
        }
        params.extend(&method.inputs);
        let (output, boxed) = boxed_output(method);
        let signature = Signature {
            params,
            output: &output,
        };
        let turbofish = turbofish(&method.generics);
        let name = rust_ident(&method.name.node);
        let callee = match &method.deref {
            Some(target) => format!("<{}>::{name}{turbofish}", rust_type(target)),
            None => format!("<{owner}>::{name}{turbofish}"),
        };
        let deref = method
            .deref
            .is_some()
            .then_some(method.receiver_kind())
            .flatten();
        let value = |args: &[String]| {
            let mut args = args.to_vec();
            if let Some(first) = args.first_mut() {
                match deref {
                    Some(Receiver::RefMut) => {
                        *first = format!("::core::ops::DerefMut::deref_mut({first})")
                    }
                    Some(_) => *first = format!("::core::ops::Deref::deref({first})"),
                    None => {}
                }
            }
            wrap_boxed(format!("{callee}({})", args.join(", ")), boxed)
        };
        let key = format!("{callee} {}", signature_key(&signature, "method"));
        let symbol = self
            .naming
            .symbol(&format!("{owner}::{}", method.name.node), &key);
        let use_trait = method.use_trait.as_ref().map(names::rust_path);
        self.lower_call(
            method.span,
            cpp_ident(&method.name.node),
            symbol,
            &signature,
            use_trait,
            &value,
        )
    }

    fn lower_free_fn(&mut self, function: &FnSpec, path: &Path) -> FreeFn {
        let (output, boxed) = boxed_output(function);
        let signature = Signature {
            params: function.inputs.iter().collect(),
            output: &output,
        };
        let rust_path = names::rust_path(path);
        let callee = format!("{rust_path}{}", turbofish(&function.generics));
        let value = |args: &[String]| wrap_boxed(format!("{callee}({})", args.join(", ")), boxed);
        let symbol = self.naming.symbol(
            &rust_path,
            &format!("{callee} {}", signature_key(&signature, "fn")),
        );
        let use_trait = function.use_trait.as_ref().map(names::rust_path);
        let (namespace, name) = self.naming.cpp_segments(path);
        let call = self.lower_call(function.span, name, symbol, &signature, use_trait, &value);
        FreeFn {
            namespace: namespace.join("::"),
            call,
        }
    }
}

fn byte_ptr_param(name: &str) -> AbiParam {
    AbiParam {
        name: name.to_string(),
        ty: AbiType {
            c: Cow::Borrowed("::std::uint8_t*"),
            rust: Cow::Borrowed("*mut u8"),
        },
    }
}

fn reference_to(ty: &Type, mutable: bool) -> Type {
    Type {
        kind: TypeKind::Ref {
            mutable,
            inner: Box::new(ty.clone()),
        },
        span: ty.span,
    }
}

fn collect_dyn_traits<'a>(ty: &'a Type, out: &mut Vec<&'a TraitRef>) {
    match &ty.kind {
        TypeKind::Dyn { tr, .. } | TypeKind::Impl { tr, .. } => {
            match tr {
                TraitRef::Path { path } => collect_in_path(path, out),
                TraitRef::Fn { inputs, output, .. } => {
                    for t in inputs.iter().chain(output.as_deref()) {
                        collect_dyn_traits(t, out);
                    }
                }
            }
            out.push(tr);
        }
        TypeKind::Path { path } => collect_in_path(path, out),
        TypeKind::Boxed { inner }
        | TypeKind::Ref { inner, .. }
        | TypeKind::Ptr { inner, .. }
        | TypeKind::Slice { inner } => collect_dyn_traits(inner, out),
        TypeKind::Tuple { elems } => {
            for t in elems {
                collect_dyn_traits(t, out);
            }
        }
        TypeKind::Primitive { .. } | TypeKind::CppOpaqueOwnedObject => {}
    }
}

fn collect_in_path<'a>(path: &'a Path, out: &mut Vec<&'a TraitRef>) {
    for arg in path.segments.iter().flat_map(|s| &s.generics) {
        match arg {
            GenericArg::Type(t) | GenericArg::Binding { ty: t, .. } => collect_dyn_traits(t, out),
        }
    }
}

/// What a Rust function exported to C++ returns through the bridge, and
/// whether its value must be boxed: `-> impl Trait` is returned as
/// `Box<dyn Trait>`, and `async fn f() -> T`, which returns
/// `impl Future<Output = T>`, as `Box<dyn Future<Output = T>>`.
fn boxed_output(function: &FnSpec) -> (Cow<'_, Type>, bool) {
    let output = &function.output;
    let boxed_dyn = |tr: TraitRef, markers: Vec<Ident>| Type {
        kind: TypeKind::Boxed {
            inner: Box::new(Type {
                kind: TypeKind::Dyn { tr, markers },
                span: output.span,
            }),
        },
        span: output.span,
    };
    if function.is_async {
        return (Cow::Owned(boxed_dyn(future_of(output), Vec::new())), true);
    }
    match &output.kind {
        TypeKind::Impl { tr, markers } => {
            (Cow::Owned(boxed_dyn(tr.clone(), markers.clone())), true)
        }
        _ => (Cow::Borrowed(output), false),
    }
}

/// `::std::future::Future<Output = T>`, spanned at `output`.
fn future_of(output: &Type) -> TraitRef {
    let segment = |name: &str, generics: Vec<GenericArg>| PathSegment {
        name: Ident::new(name.to_string(), output.span),
        generics,
    };
    TraitRef::Path {
        path: Path {
            root: PathRoot::Global,
            segments: vec![
                segment("std", Vec::new()),
                segment("future", Vec::new()),
                segment(
                    "Future",
                    vec![GenericArg::Binding {
                        name: Ident::new("Output".to_string(), output.span),
                        ty: output.clone(),
                    }],
                ),
            ],
            span: output.span,
        },
    }
}

fn wrap_boxed(call: String, boxed: bool) -> String {
    if boxed {
        format!("::std::boxed::Box::new({call})")
    } else {
        call
    }
}

fn turbofish(generics: &[Type]) -> String {
    if generics.is_empty() {
        String::new()
    } else {
        let args: Vec<String> = generics.iter().map(rust_type).collect();
        format!("::<{}>", args.join(", "))
    }
}

/// What distinguishes overloads and kinds of shim in a symbol's hash.
fn signature_key(signature: &Signature<'_>, kind: &str) -> String {
    let mut key = String::with_capacity(64);
    key.push_str(kind);
    key.push('(');
    for (i, param) in signature.params.iter().enumerate() {
        if i > 0 {
            key.push_str(", ");
        }
        names::write_rust_type(&mut key, param);
    }
    key.push_str(") -> ");
    names::write_rust_type(&mut key, signature.output);
    key
}

#[cfg(test)]
pub(crate) mod tests;
