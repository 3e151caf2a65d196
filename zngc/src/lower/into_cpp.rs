//! Calls from Rust into C++: C++ classes behind Rust traits (`trait`,
//! `Box<dyn Trait>`, `&dyn Trait`), C++ callables behind `Box<dyn Fn…>`,
//! and `extern "C++"` functions and impls.
//!
//! Each such call is a C++ thunk (an `extern "C"` function in the
//! generated `.cpp`) plus the Rust function that calls it. Rust passes every
//! argument as the address of a value C++ takes over (`from_rust<T>`) and
//! the address of the result's place (`to_rust<T>`), so one convention
//! serves every type.

use std::borrow::Cow;

use super::ir::{
    AbiParam, AbiType, BoxBuilder, CppName, CppSignature, CppThunk, DynBorrow, DynWrapper,
    ImplClass, RustFn, RustImpl, Shim, Storage,
};
use super::names::{cpp_ident, rust_ident, rust_path, rust_trait, rust_type};
use super::{byte_ptr_param, signature_key, Lowerer, Signature};
use crate::check::{ExternImplSpec, FnSpec, TraitSpec};
use crate::syntax::ast::{GenericArg, Path, Receiver, Safety, TraitRef, Type, TypeKind};

/// A declared trait, as box builders and `dyn` borrows need it.
#[derive(Clone, Debug)]
pub struct LoweredTrait {
    /// `::rust::crate::BlobStore`.
    pub class: String,
    /// The Rust struct owning a C++ object of the trait.
    pub owned: String,
    /// The zero-sized Rust struct whose address is a C++ object's.
    pub borrowed: String,
}

/// A Rust path with the associated-type bindings of its last segment
/// removed (`Iterator<Item = i32>` → `Iterator`), and those bindings with
/// their names as Rust spells them.
fn split_bindings(path: &Path) -> (Path, Vec<(String, Type)>) {
    let mut plain = path.clone();
    let mut bindings = Vec::new();
    if let Some(last) = plain.segments.last_mut() {
        last.generics.retain(|g| match g {
            GenericArg::Type(_) => true,
            GenericArg::Binding { name, ty } => {
                bindings.push((rust_ident(&name.node).into_owned(), ty.clone()));
                false
            }
        });
    }
    (plain, bindings)
}

fn receiver_type(ty: &Type, receiver: Receiver) -> Type {
    match receiver {
        Receiver::Value => ty.clone(),
        Receiver::Ref => super::reference_to(ty, false),
        Receiver::RefMut => super::reference_to(ty, true),
    }
}

fn receiver_param(receiver: Receiver) -> &'static str {
    match receiver {
        Receiver::Value => "self",
        Receiver::Ref => "&self",
        Receiver::RefMut => "&mut self",
    }
}

/// `i{first}`, `i{first+1}`, … for `count` inputs.
fn input_names(first: usize, count: usize) -> Vec<String> {
    (first..first + count).map(|i| format!("i{i}")).collect()
}

impl Lowerer<'_> {
    fn is_heap(&self, ty: &Type) -> bool {
        self.catalog
            .get(&rust_type(ty))
            .is_some_and(|d| d.storage == Storage::Heap)
    }

    /// The Rust block calling the C++ thunk `callee`: `data` (the object)
    /// first if given, then the address of each input (given as Rust
    /// expressions) and of the result's place.
    fn rust_call_into_cpp(
        &self,
        callee: &str,
        data: Option<&str>,
        inputs: &[(String, &Type)],
        output: &Type,
    ) -> String {
        let mut lines = Vec::new();
        let mut args: Vec<String> = data.iter().map(|d| d.to_string()).collect();
        for (i, (value, ty)) in inputs.iter().enumerate() {
            let value = if self.is_heap(ty) {
                format!("::std::boxed::Box::new({value})")
            } else {
                value.clone()
            };
            lines.push(format!(
                "let mut a{i} = ::core::mem::ManuallyDrop::new({value});"
            ));
            args.push(format!("&mut *a{i} as *mut _ as *mut u8"));
        }
        let heap_output = self.is_heap(output);
        let rust_output = rust_type(output);
        let place = if heap_output {
            format!("::std::boxed::Box<{rust_output}>")
        } else {
            rust_output
        };
        lines.push(format!(
            "let mut o = ::core::mem::MaybeUninit::<{place}>::uninit();"
        ));
        args.push("o.as_mut_ptr() as *mut u8".to_string());
        lines.push(format!("{callee}({});", args.join(", ")));
        lines.push(if heap_output {
            "*o.assume_init()".to_string()
        } else {
            "o.assume_init()".to_string()
        });
        format!("unsafe {{\n        {}\n    }}", lines.join("\n        "))
    }

    /// The C++ statement of a thunk: call `callee` on the inputs taken
    /// from Rust and hand its result to Rust.
    fn cpp_thunk_body(&self, callee: &str, inputs: &[(String, &Type)], output: &Type) -> String {
        let args: Vec<String> = inputs
            .iter()
            .map(|(name, ty)| {
                format!(
                    "{}<{}>({name})",
                    self.naming.internal("from_rust"),
                    self.naming.cpp_type(ty)
                )
            })
            .collect();
        format!(
            "{}<{}>(o, {callee}({}))",
            self.naming.internal("to_rust"),
            self.naming.cpp_type(output),
            args.join(", ")
        )
    }

    fn thunk_symbol(&self, what: &str, params: &[Type], output: &Type, kind: &str) -> String {
        let signature = Signature {
            params: params.iter().collect(),
            output,
        };
        self.naming.symbol(what, &signature_key(&signature, kind))
    }

    /// A `trait` declaration: its C++ class, one thunk per method, and the
    /// Rust structs that implement the trait by calling them. Returns the
    /// class's name (for the generic primary).
    pub(super) fn lower_trait(&mut self, tr: &TraitSpec) -> Option<CppName> {
        let TraitRef::Path { path } = &tr.tr else {
            self.not_yet(tr.span, "`trait` declarations in `Fn(…)` form");
            return None;
        };
        let (namespace, name) = self.naming.cpp_segments(path);
        let class = CppName {
            namespace: namespace.join("::"),
            name,
            args: self.naming.cpp_generic_args(path),
        };
        let class_cpp = class.qualified();
        let rust = rust_trait(&tr.tr);
        let (plain, bindings) = split_bindings(path);
        let impl_trait = rust_path(&plain);
        let id = self.naming.symbol(&rust, "dyn");
        let lowered = LoweredTrait {
            class: class_cpp.clone(),
            owned: format!("ZngcOwned_{id}"),
            borrowed: format!("ZngcBorrowed_{id}"),
        };
        let mut virtuals = Vec::new();
        let mut owned_methods = Vec::new();
        let mut borrowed_methods = Vec::new();
        for method in &tr.methods {
            let receiver = match method.receiver_kind() {
                Some(r @ (Receiver::Ref | Receiver::RefMut)) => r,
                _ => {
                    self.not_yet(
                        method.span,
                        "trait methods taking `self` by value (C++ implements them as `dyn Trait`)",
                    );
                    continue;
                }
            };
            let cpp_name = cpp_ident(&method.name.node);
            let symbol = self.thunk_symbol(
                &format!("{rust}::{}", method.name.node),
                &method.inputs,
                &method.output,
                "trait method",
            );
            let names = input_names(1, method.inputs.len());
            let inputs: Vec<(String, &Type)> = names.iter().cloned().zip(&method.inputs).collect();
            let mut params = vec!["data".to_string()];
            params.extend(names.iter().cloned());
            params.push("o".to_string());
            self.bridge.thunks.push(CppThunk {
                symbol: symbol.clone(),
                params,
                body: self.cpp_thunk_body(
                    &format!("reinterpret_cast<{class_cpp}*>(data)->{cpp_name}"),
                    &inputs,
                    &method.output,
                ),
                what: format!("{}::{cpp_name}", class_cpp.trim_start_matches("::")),
            });
            virtuals.push(CppSignature {
                name: cpp_name,
                ret: self.naming.cpp_type(&method.output),
                params: method
                    .inputs
                    .iter()
                    .map(|t| self.naming.cpp_type(t))
                    .collect(),
            });
            let mut rust_params = vec![receiver_param(receiver).to_string()];
            rust_params.extend(
                inputs
                    .iter()
                    .map(|(name, ty)| format!("{name}: {}", rust_type(ty))),
            );
            let origin = self.origin(method.span);
            let rust_fn = |body: String| RustFn {
                name: rust_ident(&method.name.node).into_owned(),
                public: false,
                unsafe_fn: method.safety == Some(Safety::Unsafe),
                params: rust_params.clone(),
                output: rust_type(&method.output),
                body,
                origin: origin.clone(),
            };
            owned_methods.push(rust_fn(self.rust_call_into_cpp(
                &symbol,
                Some("self.0.0.data"),
                &inputs,
                &method.output,
            )));
            borrowed_methods.push(rust_fn(self.rust_call_into_cpp(
                &symbol,
                Some("self as *const Self as *mut u8"),
                &inputs,
                &method.output,
            )));
        }
        let assoc_types: Vec<(String, String)> = bindings
            .iter()
            .map(|(name, ty)| (name.clone(), rust_type(ty)))
            .collect();
        for (wrapper, owned, methods) in [
            (&lowered.owned, true, owned_methods),
            (&lowered.borrowed, false, borrowed_methods),
        ] {
            self.bridge.dyn_wrappers.push(DynWrapper {
                name: wrapper.clone(),
                owned,
            });
            self.bridge.rust_impls.push(RustImpl {
                header: format!("impl {impl_trait} for {wrapper}"),
                assoc_types: assoc_types.clone(),
                methods,
                origin: self.origin(tr.span),
            });
        }
        self.bridge.owns_cpp_objects = true;
        self.bridge.trait_classes.push(super::ir::TraitClass {
            name: class.clone(),
            methods: virtuals,
        });
        self.traits.insert(rust, lowered);
        (!class.args.is_empty()).then_some(CppName {
            args: String::new(),
            ..class
        })
    }

    /// `make_box` for a declared `Box<dyn Trait>` whose trait C++ can
    /// implement (a declared `trait`, or `Fn`/`FnMut`/`FnOnce`).
    pub(super) fn box_builder(&mut self, ty: &Type) -> Option<BoxBuilder> {
        let TypeKind::Boxed { inner } = &ty.kind else {
            return None;
        };
        let TypeKind::Dyn { tr, .. } = &inner.kind else {
            return None;
        };
        let rust = rust_type(ty);
        let destructor = AbiParam {
            name: "i1".into(),
            ty: AbiType {
                c: Cow::Borrowed("void (*)(::std::uint8_t*)"),
                rust: Cow::Borrowed("extern \"C\" fn(*mut u8)"),
            },
        };
        match tr {
            TraitRef::Path { .. } => {
                let lowered = self.traits.get(&rust_trait(tr))?.clone();
                let symbol = self.naming.symbol(&format!("{rust}::make_box"), "make_box");
                self.push_shim(Shim {
                    symbol: symbol.clone(),
                    params: vec![byte_ptr_param("i0"), destructor],
                    ret: None,
                    out: true,
                    use_trait: None,
                    body: format!(
                        "::core::ptr::write(o as *mut {rust}, ::std::boxed::Box::new({}(ZngcCppObject(ZngurCppOpaqueOwnedObject {{ data: i0, destructor: i1 }}))))",
                        lowered.owned
                    ),
                    catch_panic: false,
                    origin: self.origin(ty.span),
                });
                Some(BoxBuilder::Object {
                    trait_cpp: lowered.class,
                    symbol,
                })
            }
            TraitRef::Fn { inputs, output, .. } => {
                let unit = crate::check::unit_type(ty.span);
                let output: &Type = output.as_deref().unwrap_or(&unit);
                let symbol = self.naming.symbol(&format!("{rust}::make_box"), "make_box");
                let names = input_names(0, inputs.len());
                let named: Vec<(String, &Type)> = names.iter().cloned().zip(inputs).collect();
                let closure_params: Vec<String> = named
                    .iter()
                    .map(|(name, ty)| format!("{name}: {}", rust_type(ty)))
                    .collect();
                let call_body =
                    self.rust_call_into_cpp("call", Some("object.0.data"), &named, output);
                let pointers = vec!["*mut u8"; inputs.len() + 2].join(", ");
                let c_pointers = vec!["::std::uint8_t*"; inputs.len() + 2].join(", ");
                self.push_shim(Shim {
                    symbol: symbol.clone(),
                    params: vec![
                        byte_ptr_param("i0"),
                        destructor,
                        AbiParam {
                            name: "call".into(),
                            ty: AbiType {
                                c: Cow::Owned(format!("void (*)({c_pointers})")),
                                rust: Cow::Owned(format!("extern \"C\" fn({pointers})")),
                            },
                        },
                    ],
                    ret: None,
                    out: true,
                    use_trait: None,
                    body: format!(
                        "let object = ZngcCppObject(ZngurCppOpaqueOwnedObject {{ data: i0, destructor: i1 }});\n        \
                         ::core::ptr::write(o as *mut {rust}, ::std::boxed::Box::new(move |{}| -> {} {{\n    \
                         // The whole object, so that dropping the closure runs the C++ destructor.\n    \
                         let object = &object;\n    {call_body}\n    }}))",
                        closure_params.join(", "),
                        rust_type(output),
                    ),
                    catch_panic: false,
                    origin: self.origin(ty.span),
                });
                self.bridge.owns_cpp_objects = true;
                Some(BoxBuilder::Closure {
                    symbol,
                    ret: self.naming.cpp_type(output),
                    inputs: inputs.iter().map(|t| self.naming.cpp_type(t)).collect(),
                })
            }
        }
    }

    /// `Ref<Dyn<Trait>>(object)` for a declared `dyn Trait` whose trait C++
    /// implements.
    pub(super) fn dyn_borrow(&mut self, ty: &Type) {
        let TypeKind::Dyn { tr, markers } = &ty.kind else {
            return;
        };
        let Some(lowered) = self.traits.get(&rust_trait(tr)).cloned() else {
            return;
        };
        let rust = rust_type(ty);
        // `*mut dyn A + Send` would parse as `(*mut dyn A) + Send`.
        let pointee = if markers.is_empty() {
            rust.clone()
        } else {
            format!("({rust})")
        };
        let symbol = self.naming.symbol(&format!("{rust}::borrow"), "borrow");
        self.push_shim(Shim {
            symbol: symbol.clone(),
            params: vec![byte_ptr_param("i0")],
            ret: None,
            out: true,
            use_trait: None,
            body: format!(
                "::core::ptr::write(o as *mut *mut {pointee}, i0 as *mut {} as *mut {pointee})",
                lowered.borrowed
            ),
            catch_panic: false,
            origin: self.origin(ty.span),
        });
        self.bridge.dyn_borrows.push(DynBorrow {
            dyn_cpp: self.naming.cpp_type(ty),
            trait_cpp: lowered.class,
            symbol,
        });
    }

    /// An `extern "C++"` free function: declared in
    /// `rust::exported_functions`, called by a `pub fn` of the generated
    /// Rust module.
    pub(super) fn lower_extern_fn(&mut self, f: &FnSpec) {
        let name = cpp_ident(&f.name.node);
        let symbol = self.thunk_symbol(
            &format!("exported_functions::{}", f.name.node),
            &f.inputs,
            &f.output,
            "extern fn",
        );
        let names = input_names(0, f.inputs.len());
        let inputs: Vec<(String, &Type)> = names.iter().cloned().zip(&f.inputs).collect();
        let mut params = names.clone();
        params.push("o".to_string());
        let callee = format!(
            "::{}::exported_functions::{name}",
            self.naming.cpp_namespace
        );
        self.bridge.thunks.push(CppThunk {
            symbol: symbol.clone(),
            params,
            body: self.cpp_thunk_body(&callee, &inputs, &f.output),
            what: callee.trim_start_matches("::").to_string(),
        });
        self.bridge.exported_functions.push(CppSignature {
            name,
            ret: self.naming.cpp_type(&f.output),
            params: f.inputs.iter().map(|t| self.naming.cpp_type(t)).collect(),
        });
        let body = self.rust_call_into_cpp(&symbol, None, &inputs, &f.output);
        self.bridge.rust_fns.push(RustFn {
            name: rust_ident(&f.name.node).into_owned(),
            public: true,
            unsafe_fn: f.safety == Some(Safety::Unsafe),
            params: inputs
                .iter()
                .map(|(name, ty)| format!("{name}: {}", rust_type(ty)))
                .collect(),
            output: rust_type(&f.output),
            body,
            origin: self.origin(f.span),
        });
    }

    /// An `extern "C++"` impl block: a `rust::Impl<Type, Trait>` class
    /// whose static methods C++ defines, and the Rust impl calling them.
    pub(super) fn lower_extern_impl(&mut self, imp: &ExternImplSpec) {
        let ty_cpp = self.naming.cpp_type(&imp.ty);
        let ty_rust = rust_type(&imp.ty);
        let (tr_cpp, header, assoc_types) = match &imp.tr {
            None => (
                format!("::{}::Inherent", self.naming.cpp_namespace),
                format!("impl {ty_rust}"),
                Vec::new(),
            ),
            Some(tr @ TraitRef::Path { path }) => {
                self.declare_trait(tr);
                let (plain, bindings) = split_bindings(path);
                (
                    self.naming.cpp_trait(tr),
                    format!("impl {} for {ty_rust}", rust_path(&plain)),
                    bindings
                        .iter()
                        .map(|(n, t)| (n.clone(), rust_type(t)))
                        .collect(),
                )
            }
            Some(TraitRef::Fn { span, .. }) => {
                self.not_yet(*span, "`extern \"C++\"` impls of `Fn` traits");
                return;
            }
        };
        let impl_class = format!("::{}::Impl<{ty_cpp}, {tr_cpp}>", self.naming.cpp_namespace);
        let mut declarations = Vec::new();
        let mut methods = Vec::new();
        for method in &imp.methods {
            let mut all: Vec<Type> = Vec::new();
            let mut values: Vec<String> = Vec::new();
            let mut rust_params = Vec::new();
            if let Some(receiver) = method.receiver_kind() {
                all.push(receiver_type(&imp.ty, receiver));
                values.push("self".to_string());
                rust_params.push(receiver_param(receiver).to_string());
            }
            let first = all.len();
            for (i, ty) in method.inputs.iter().enumerate() {
                let name = format!("i{}", first + i);
                rust_params.push(format!("{name}: {}", rust_type(ty)));
                values.push(name);
                all.push(ty.clone());
            }
            let cpp_name = cpp_ident(&method.name.node);
            let symbol = self.thunk_symbol(
                &format!("{header}::{}", method.name.node),
                &all,
                &method.output,
                "extern impl method",
            );
            let names = input_names(0, all.len());
            let thunk_inputs: Vec<(String, &Type)> = names.iter().cloned().zip(&all).collect();
            let mut params = names.clone();
            params.push("o".to_string());
            let callee = format!("{impl_class}::{cpp_name}");
            self.bridge.thunks.push(CppThunk {
                symbol: symbol.clone(),
                params,
                body: self.cpp_thunk_body(&callee, &thunk_inputs, &method.output),
                what: callee.trim_start_matches("::").to_string(),
            });
            declarations.push(CppSignature {
                name: cpp_name,
                ret: self.naming.cpp_type(&method.output),
                params: all.iter().map(|t| self.naming.cpp_type(t)).collect(),
            });
            let rust_inputs: Vec<(String, &Type)> = values.into_iter().zip(&all).collect();
            let body = self.rust_call_into_cpp(&symbol, None, &rust_inputs, &method.output);
            methods.push(RustFn {
                name: rust_ident(&method.name.node).into_owned(),
                public: imp.tr.is_none(),
                unsafe_fn: method.safety == Some(Safety::Unsafe),
                params: rust_params,
                output: rust_type(&method.output),
                body,
                origin: self.origin(method.span),
            });
        }
        self.bridge.impl_classes.push(ImplClass {
            ty: ty_cpp,
            tr: tr_cpp,
            methods: declarations,
        });
        self.bridge.rust_impls.push(RustImpl {
            header,
            assoc_types,
            methods,
            origin: self.origin(imp.span),
        });
    }
}
