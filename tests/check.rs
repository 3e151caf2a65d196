//! The check pipeline on in-memory files: resolution of paths and aliases,
//! `#if`/`#match` around merges, and merging of re-declarations.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zngc::check::{check_in_memory, render, CfgSet, CheckResult, LayoutPolicy, Spec};
use zngc::diagnostics::{render_plain, Code};

fn check_files(files: &[(&str, &str)], cfg: &CfgSet) -> CheckResult {
    let files: BTreeMap<PathBuf, Vec<u8>> = files
        .iter()
        .map(|(p, t)| (PathBuf::from(p), t.as_bytes().to_vec()))
        .collect();
    check_in_memory(Path::new("main.zng"), &files, cfg)
}

fn rendered(result: &CheckResult) -> String {
    result
        .diagnostics
        .iter()
        .map(|d| render_plain(d, &result.sources))
        .collect()
}

/// The spec of a valid bridge (panics with the report otherwise).
fn spec_with(files: &[(&str, &str)], cfg: &CfgSet) -> Spec {
    let result = check_files(files, cfg);
    match result.spec {
        Some(spec) => spec,
        None => panic!("{}", rendered(&result)),
    }
}

fn spec(files: &[(&str, &str)]) -> Spec {
    spec_with(files, &CfgSet::new())
}

fn codes(text: &str) -> Vec<Code> {
    let result = check_files(&[("main.zng", text)], &CfgSet::new());
    result.diagnostics.iter().map(|d| d.code).collect()
}

fn type_names(spec: &Spec) -> Vec<String> {
    spec.types.iter().map(|t| render::ty(&t.ty)).collect()
}

#[test]
fn mods_and_aliases_resolve_every_path() {
    let spec = spec(&[(
        "main.zng",
        "use ::std::string::String as S;
         type S { #heap_allocated; }
         type Local { #heap_allocated; }
         mod ::std {
             mod vec {
                 type Vec<S> { #layout(size = 24, align = 8); fn push(&mut self, S); }
             }
         }
         mod crate {
             use inner::Thing as T;
             type T { #heap_allocated; fn get(&self) -> ::std::option::Option<T> use ops::Deref; }
             mod a::b { fn f(S, T) -> Box<dyn Fn(i32) -> bool>; }
         }
         mod crate::x { use ::other::Thing as T; type T { #heap_allocated; } }",
    )]);
    assert_eq!(
        type_names(&spec),
        [
            "::std::string::String",
            "::Local",
            "::std::vec::Vec<::std::string::String>",
            "crate::inner::Thing",
            "::other::Thing",
        ]
    );
    let vec = &spec.types[2];
    assert_eq!(
        render::ty(&vec.methods[0].inputs[0]),
        "::std::string::String"
    );
    let thing = &spec.types[3];
    let get = &thing.methods[0];
    assert_eq!(
        render::ty(&get.output),
        "::std::option::Option<crate::inner::Thing>"
    );
    assert_eq!(
        get.use_trait.as_ref().map(render::path).as_deref(),
        Some("crate::ops::Deref")
    );
    let f = &spec.functions[0];
    assert_eq!(
        f.path.as_ref().map(render::path).as_deref(),
        Some("crate::a::b::f")
    );
    let inputs: Vec<String> = f.inputs.iter().map(render::ty).collect();
    assert_eq!(inputs, ["::std::string::String", "crate::inner::Thing"]);
    assert_eq!(render::ty(&f.output), "Box<dyn Fn(i32) -> bool>");
}

#[test]
fn unsupported_primitives_unless_aliased() {
    assert_eq!(
        codes("mod crate { fn f(f16, u7, i256) -> f128; }"),
        [Code::E0040; 4]
    );
    assert_eq!(
        codes("use ::half::f16 as f16; mod crate { fn f(f16) -> f32; }"),
        []
    );
    // Longer paths and generic names are ordinary paths.
    assert_eq!(codes("mod crate { fn f(crate::f16, u8x<i32>); }"), []);
}

#[test]
fn merges_follow_active_branches_only() {
    let files = [
        (
            "main.zng",
            "#if cfg!(feature.big) { merge \"big.zng\"; } #else { merge \"small.zng\"; }\n\
             #match cfg!(target_os) { \"linux\" => merge \"sub/linux.zng\"; _ => {} }",
        ),
        (
            "big.zng",
            "type crate::A { #layout(size = 64, align = 8); }",
        ),
        (
            "small.zng",
            "type crate::A { #layout(size = 8, align = 8); }",
        ),
        (
            "sub/linux.zng",
            "merge \"../small.zng\"; type crate::L { #heap_allocated; }",
        ),
    ];
    let layouts = |cfg: &CfgSet| -> Vec<String> {
        spec_with(&files, cfg)
            .types
            .iter()
            .map(|t| {
                let layout = format!("{:?}", t.layout);
                let kind = layout.split(' ').next().unwrap_or_default();
                format!("{} {kind}", render::ty(&t.ty))
            })
            .collect()
    };
    let mut cfg = CfgSet::new();
    assert_eq!(layouts(&cfg), ["crate::A Exact"]);
    cfg.add_feature("big");
    cfg.insert("target_os", ["linux"]);
    // `big` and `small` then disagree on the layout of `A`.
    let result = check_files(&files, &cfg);
    let codes: Vec<Code> = result.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::E0060], "{}", rendered(&result));
    let mut cfg = CfgSet::new();
    cfg.insert("target_os", ["linux"]);
    assert_eq!(layouts(&cfg), ["crate::A Exact", "crate::L HeapAllocated"]);
}

#[test]
fn redeclarations_merge() {
    let spec = spec(&[
        (
            "main.zng",
            "merge \"other.zng\";
             #cpp_additional_includes \"#include <a>\"
             type crate::A {
                 #layout(size = 8, align = 8);
                 wellknown_traits(Debug);
                 constructor { x: i64 };
                 field x (offset = 0, type = i64);
                 fn get(&self) -> i64;
                 fn set(&mut self, i64);
             }
             type str { wellknown_traits(?Sized); }
             trait crate::T { fn a(&self); }
             mod crate { fn f(i32); fn f(i64); }
             extern \"C++\" { safe fn g(); impl crate::A { safe fn h(&self); } }",
        ),
        (
            "other.zng",
            "#cpp_additional_includes \"#include <b>\"
             type crate::A {
                 #layout(size = 8, align = 8);
                 wellknown_traits(Copy);
                 constructor { x: i64 };
                 field x (offset = 0, type = i64);
                 fn get(&self) -> i64;
                 fn get(&self, usize) -> i64;
             }
             type str { #only_by_ref; }
             trait crate::T { fn a(&self); fn b(&self); }
             mod crate { fn f(i32); }
             extern \"C++\" { safe fn g(); impl crate::A { safe fn k(&self); } }",
        ),
    ]);
    assert_eq!(type_names(&spec), ["crate::A", "str"]);
    let a = &spec.types[0];
    assert_eq!(a.wellknown_traits.len(), 2);
    assert_eq!(a.constructors.len(), 1);
    assert_eq!(a.fields.len(), 1);
    let methods: Vec<String> = a
        .methods
        .iter()
        .map(|m| {
            format!(
                "{}{}",
                m.name.node,
                render::params(m.receiver_kind(), &m.inputs)
            )
        })
        .collect();
    assert_eq!(
        methods,
        ["get(&self)", "set(&mut self, i64)", "get(&self, usize)"]
    );
    assert!(matches!(spec.types[1].layout, LayoutPolicy::Unsized { .. }));
    assert_eq!(spec.traits.len(), 1);
    assert_eq!(spec.traits[0].methods.len(), 2);
    assert_eq!(spec.functions.len(), 2);
    assert_eq!(spec.extern_fns.len(), 1);
    assert_eq!(spec.extern_impls.len(), 1);
    assert_eq!(spec.extern_impls[0].methods.len(), 2);
    let includes: Vec<&str> = spec
        .additional_includes
        .iter()
        .map(|i| i.node.as_str())
        .collect();
    assert_eq!(includes, ["#include <a>", "#include <b>"]);
}

#[test]
fn contradictions_point_at_both_declarations() {
    let result = check_files(
        &[
            ("main.zng", "merge \"b.zng\"; type crate::A { #heap_allocated; constructor V(i32); #cpp_value \"0\" \"::X\"; }"),
            ("b.zng", "type crate::A { #only_by_ref; constructor V(i64); #cpp_value \"0\" \"::Y\"; }"),
        ],
        &CfgSet::new(),
    );
    let codes: Vec<Code> = result.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::E0060; 3], "{}", rendered(&result));
    for d in &result.diagnostics {
        let primary = d.primary.as_ref().expect("spanned");
        assert_eq!(d.secondary.len(), 1);
        assert_ne!(primary.span.file, d.secondary[0].span.file);
    }
}

#[test]
fn validation_codes() {
    let cases: &[(&str, &[Code])] = &[
        (
            "mod crate { fn f() -> impl ::std::fmt::Debug; async fn g() -> i32; }",
            &[],
        ),
        (
            "mod crate { fn f() -> ::std::option::Option<impl ::std::fmt::Debug>; }",
            &[Code::E0041],
        ),
        (
            "mod crate { async fn f() -> impl ::std::fmt::Debug; }",
            &[Code::E0041],
        ),
        (
            "extern \"C++\" { safe fn f() -> impl ::std::fmt::Debug; }",
            &[Code::E0041],
        ),
        (
            "type Box<impl ::std::fmt::Debug> { #heap_allocated; }",
            &[Code::E0041],
        ),
        ("trait crate::T { async fn f(&self); }", &[Code::E0045]),
        (
            "extern \"C++\" { impl crate::A { safe async fn f(&self); } }",
            &[Code::E0045],
        ),
        (
            "type crate::A { #heap_allocated; fn f() deref i32; }",
            &[Code::E0044],
        ),
        (
            "type crate::A { #heap_allocated; fn f(&mut self) deref i32; }",
            &[],
        ),
        (
            "type crate::A { #layout(size = 0, align = 0); }",
            &[Code::E0052],
        ),
        (
            "type crate::A { #layout_conservative(size = 12, align = 8); }",
            &[],
        ),
        (
            "type crate::A { #cpp_stack_owned \"X\" (size = 12, align = 8); }",
            &[Code::E0053],
        ),
        (
            "type crate::A { #layout(size = 9223372036854775808, align = 1); }",
            &[Code::E0054],
        ),
        (
            "type crate::A { #layout(size = 8, align = 8); #cpp_ref \"X\"; }",
            &[Code::E0051],
        ),
        (
            "type crate::A { #layout(size = 8, align = 8); #layout(size = 8, align = 8); }",
            &[Code::E0051],
        ),
        (
            "type crate::A { #layout(size = 8, align = 8); fn f(&self, &self); }",
            &[Code::E0042],
        ),
        ("use ::a as X; use ::b as X;", &[Code::E0060]),
        ("use ::a as X; use ::a as X;", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(&codes(text), expected, "{text}");
    }
}

/// E0047 marks every by-value use of a type without C++ values, and only
/// those: behind a pointer, inside another type and as a field of an
/// `#only_by_ref` type the use is fine.
#[test]
fn by_value_uses_of_types_without_values() {
    let declarations = "type crate::R { #only_by_ref; }
         type crate::U { wellknown_traits(?Sized); }
         type ::core::primitive::str { wellknown_traits(?Sized); }
         type crate::V { #layout(size = 8, align = 8); }";
    let cases: &[(&str, usize)] = &[
        ("mod crate { fn f(&R, &mut U, *const R, Box<U>, Box<dyn Fn(i32)>) -> &str; }", 0),
        ("mod crate { fn f(::std::option::Option<&R>, ::std::vec::Vec<R>) -> Box<dyn T>; }", 0),
        ("type crate::R { fn get(&self) -> i32; fn set(&mut self, i32); fn new() -> Box<R>; }", 0),
        ("type crate::V { field r (offset = 0, type = crate::R); }", 0),
        ("type crate::V { fn into_r(self) -> &crate::R; }", 0),
        ("mod crate { fn f(R); }", 1),
        ("mod crate { fn f(i32, U) -> R; }", 2),
        ("mod crate { fn f(str, [u8], dyn T) -> ::core::primitive::str; }", 4),
        ("type crate::R { fn take(self); }", 1),
        ("type crate::V { constructor(crate::R); constructor Named { r: crate::R }; }", 2),
        ("type crate::V { field s (offset = 0, type = [u8]); field t (offset = 8, type = crate::U); }", 2),
        ("type crate::R { #cpp_value \"0\" \"::Cpp\"; }", 1),
        ("trait crate::T { fn f(&self, crate::R) -> str; }", 2),
        ("extern \"C++\" { safe fn f(crate::U); impl crate::R { safe fn g(self) -> crate::R; } }", 3),
    ];
    for (text, count) in cases {
        let text = format!("{declarations}\n{text}");
        let found = codes(&text);
        assert_eq!(found, vec![Code::E0047; *count], "{text}");
    }
}
