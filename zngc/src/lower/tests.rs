//! Lowering and emission of small hand-built specs.

use std::collections::BTreeSet;

use super::*;
use crate::check::{unit_type, TypeSpec};
use crate::source::FileId;
use crate::syntax::ast::{GenericArg, Ident, Path, PathRoot, PathSegment, Spanned};

fn span() -> Span {
    Span::new(FileId(0), 0..0)
}

fn ident(name: &str) -> Ident {
    Spanned::new(name.to_string(), span())
}

/// A type from its Rust spelling; enough of the grammar for these tests.
pub(crate) fn ty(text: &str) -> Type {
    let tokens = tokenize(text);
    let mut pos = 0;
    parse_type(&tokens, &mut pos)
}

fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            let mut word = c.to_string();
            while let Some(&n) = chars.peek().filter(|n| n.is_alphanumeric() || **n == '_') {
                word.push(n);
                chars.next();
            }
            tokens.push(word);
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            tokens.push("::".into());
        } else {
            tokens.push(c.to_string());
        }
    }
    tokens
}

fn parse_type(tokens: &[String], pos: &mut usize) -> Type {
    let token = tokens[*pos].clone();
    *pos += 1;
    let kind = match token.as_str() {
        "&" => {
            let mutable = tokens[*pos] == "mut";
            *pos += usize::from(mutable);
            TypeKind::Ref {
                mutable,
                inner: Box::new(parse_type(tokens, pos)),
            }
        }
        "[" => {
            let inner = Box::new(parse_type(tokens, pos));
            *pos += 1;
            TypeKind::Slice { inner }
        }
        "(" => {
            let mut elems = Vec::new();
            while tokens[*pos] != ")" {
                elems.push(parse_type(tokens, pos));
                if tokens[*pos] == "," {
                    *pos += 1;
                }
            }
            *pos += 1;
            TypeKind::Tuple { elems }
        }
        "Box" => {
            *pos += 1;
            let inner = Box::new(parse_type(tokens, pos));
            *pos += 1;
            TypeKind::Boxed { inner }
        }
        word => match Primitive::from_name(word) {
            Some(primitive) => TypeKind::Primitive { primitive },
            None => {
                *pos -= 1;
                TypeKind::Path {
                    path: parse_path(tokens, pos),
                }
            }
        },
    };
    Type { kind, span: span() }
}

fn parse_path(tokens: &[String], pos: &mut usize) -> Path {
    let root = if tokens[*pos] == "::" {
        *pos += 1;
        PathRoot::Global
    } else if tokens[*pos] == "crate" {
        *pos += 2;
        PathRoot::Crate
    } else {
        PathRoot::Relative
    };
    let mut segments = Vec::new();
    loop {
        let name = ident(&tokens[*pos]);
        *pos += 1;
        let mut generics = Vec::new();
        if tokens.get(*pos).is_some_and(|t| t == "<") {
            *pos += 1;
            while tokens[*pos] != ">" {
                generics.push(GenericArg::Type(parse_type(tokens, pos)));
                if tokens[*pos] == "," {
                    *pos += 1;
                }
            }
            *pos += 1;
        }
        segments.push(PathSegment { name, generics });
        if tokens.get(*pos).is_some_and(|t| t == "::") {
            *pos += 1;
        } else {
            break;
        }
    }
    Path {
        root,
        segments,
        span: span(),
    }
}

pub(crate) fn type_spec(text: &str, layout: LayoutPolicy) -> TypeSpec {
    TypeSpec {
        ty: ty(text),
        layout,
        wellknown_traits: BTreeSet::new(),
        constructors: Vec::new(),
        fields: Vec::new(),
        methods: Vec::new(),
        cpp_value: None,
        span: span(),
    }
}

pub(crate) fn exact(size: u64, align: u64) -> LayoutPolicy {
    LayoutPolicy::Exact {
        size,
        align,
        span: span(),
    }
}

pub(crate) fn method(
    name: &str,
    receiver: Option<Receiver>,
    inputs: &[&str],
    output: Option<&str>,
) -> FnSpec {
    FnSpec {
        name: ident(name),
        path: None,
        is_async: false,
        safety: None,
        generics: Vec::new(),
        receiver: receiver.map(|r| Spanned::new(r, span())),
        inputs: inputs.iter().map(|t| ty(t)).collect(),
        output: output.map_or_else(|| unit_type(span()), ty),
        use_trait: None,
        deref: None,
        span: span(),
    }
}

/// The Zngur tutorial's inventory, by hand.
pub(crate) fn inventory_spec() -> Spec {
    let mut string = type_spec("::std::string::String", exact(24, 8));
    string.wellknown_traits.insert(WellknownTrait::Debug);
    let mut str_ty = type_spec("str", LayoutPolicy::Unsized { span: span() });
    str_ty.methods.push(method(
        "to_owned",
        Some(Receiver::Ref),
        &[],
        Some("::std::string::String"),
    ));
    let mut item = type_spec("crate::Item", exact(32, 8));
    item.constructors.push(ConstructorSpec {
        name: None,
        fields: ConstructorFieldsSpec::Named(vec![
            (ident("name"), ty("::std::string::String")),
            (ident("size"), ty("u32")),
        ]),
        span: span(),
    });
    item.fields.push(FieldSpec {
        name: Spanned::new(FieldName::Named("size".into()), span()),
        offset: Spanned::new(FieldOffset::Bytes(24), span()),
        ty: ty("u32"),
        span: span(),
    });
    let mut vec = type_spec("::std::vec::Vec<crate::Item>", exact(24, 8));
    vec.wellknown_traits.insert(WellknownTrait::Debug);
    vec.methods
        .push(method("len", Some(Receiver::Ref), &[], Some("usize")));
    let mut inventory = type_spec("crate::Inventory", exact(32, 8));
    inventory.wellknown_traits.insert(WellknownTrait::Debug);
    for (name, receiver, inputs, output) in [
        ("new_empty", None, &["u32"][..], Some("crate::Inventory")),
        ("add_banana", Some(Receiver::RefMut), &["u32"][..], None),
        (
            "add_item",
            Some(Receiver::RefMut),
            &["crate::Item"][..],
            None,
        ),
        (
            "into_items",
            Some(Receiver::Value),
            &[][..],
            Some("::std::vec::Vec<crate::Item>"),
        ),
        ("count", Some(Receiver::Ref), &[][..], Some("usize")),
    ] {
        inventory
            .methods
            .push(method(name, receiver, inputs, output));
    }
    Spec {
        types: vec![str_ty, string, item, vec, inventory],
        ..Spec::default()
    }
}

fn sources() -> SourceMap {
    let mut sources = SourceMap::new();
    sources.add("main.zng".into(), "type crate::Inventory {}\n".into());
    sources
}

#[test]
fn methods_are_sorted_by_receiver() {
    let bridge = lower(&inventory_spec(), &sources(), &LowerOptions::default()).unwrap();
    let inventory = &bridge.types[4];
    assert_eq!(inventory.cpp, "::rust::crate::Inventory");
    let names = |calls: &[CppCall]| calls.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&inventory.statics), ["new_empty"]);
    assert_eq!(names(&inventory.exclusive), ["add_banana", "add_item"]);
    assert_eq!(names(&inventory.by_value), ["into_items"]);
    assert_eq!(names(&inventory.shared), ["count"]);
    assert!(inventory.drop_symbol.is_some());
    assert_eq!(bridge.generic_primaries.len(), 1);
    assert_eq!(
        bridge.generic_primaries[0].qualified(),
        "::rust::std::vec::Vec"
    );
}

#[test]
fn scalars_travel_directly_and_values_through_slots() {
    let bridge = lower(&inventory_spec(), &sources(), &LowerOptions::default()).unwrap();
    let shim_of = |call: &CppCall| {
        bridge
            .shims
            .iter()
            .find(|s| s.symbol == call.symbol)
            .unwrap()
    };
    let c_params = |call: &CppCall| {
        shim_of(call)
            .params
            .iter()
            .map(|p| p.ty.c.to_string())
            .collect::<Vec<_>>()
    };
    let add_banana = &bridge.types[4].exclusive[0];
    assert_eq!(c_params(add_banana), ["::std::uint8_t*", "::std::uint32_t"]);
    let add_item = &bridge.types[4].exclusive[1];
    assert_eq!(c_params(add_item), ["::std::uint8_t*", "::std::uint8_t*"]);
    assert_eq!(
        shim_of(add_item).body,
        "<crate::Inventory>::add_item(&mut *(i0 as *mut crate::Inventory), \
         ::core::ptr::read(i1 as *mut crate::Item))"
    );
}

/// `async fn f() -> T` returns its future boxed, as
/// `Box<dyn ::std::future::Future<Output = T>>`.
#[test]
fn async_functions_return_a_boxed_future() {
    let mut spec = inventory_spec();
    spec.types[4].methods[4].is_async = true;
    let bridge = lower(&spec, &sources(), &LowerOptions::default()).unwrap();
    let count = &bridge.types[4].shared[0];
    let shim = bridge
        .shims
        .iter()
        .find(|s| s.symbol == count.symbol)
        .unwrap();
    assert_eq!(
        shim.body,
        "::core::ptr::write(o as *mut ::std::boxed::Box<dyn ::std::future::Future<Output = usize>>, \
         ::std::boxed::Box::new(<crate::Inventory>::count(&*(i0 as *const crate::Inventory))))"
    );
    // Declared for C++ even though no type of the bridge names the trait.
    let future = &bridge.trait_declarations[0];
    assert_eq!(
        (future.namespace.as_str(), future.name.as_str()),
        ("rust::std::future", "Future")
    );
}

/// C++ keywords are escaped wherever a Rust name becomes a C++ name: in
/// namespace segments, class names, fields and methods.
#[test]
fn keywords_are_escaped_in_namespaces_classes_fields_and_methods() {
    let mut spec = type_spec("crate::class::union::delete", exact(8, 8));
    spec.fields.push(crate::check::FieldSpec {
        name: Spanned {
            node: crate::syntax::ast::FieldName::Named("or".into()),
            span: span(),
        },
        offset: Spanned {
            node: crate::syntax::ast::FieldOffset::Bytes(0),
            span: span(),
        },
        ty: ty("u64"),
        span: span(),
    });
    spec.methods
        .push(method("not", Some(Receiver::Ref), &[], Some("bool")));
    let spec = Spec {
        types: vec![spec],
        ..Spec::default()
    };
    let bridge = lower(&spec, &sources(), &LowerOptions::default()).unwrap();
    let ty = &bridge.types[0];
    assert_eq!(ty.cpp, "::rust::crate::class_::union_::delete_");
    assert_eq!(ty.fields[0].cpp_name, "or_");
    assert_eq!(ty.shared[0].name, "not_");
}

/// Lowering types in parallel chunks gives the same files as lowering them
/// in one piece, for every example bridge.
#[test]
fn chunked_lowering_matches_lowering_in_one_piece() {
    let examples = FsPath::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut bridges = 0;
    for entry in std::fs::read_dir(examples).unwrap() {
        let zng = entry.unwrap().path().join("main.zng");
        if !zng.exists() {
            continue;
        }
        let checked = crate::check::check_file(&zng, &crate::check::CfgSet::new());
        let spec = checked.spec.expect("the examples check clean");
        let options = LowerOptions::default();
        let emitted = |types_per_chunk| {
            let bridge = lower_in_chunks(&spec, &checked.sources, &options, types_per_chunk)
                .expect("the examples lower");
            (
                crate::emit::cpp_header(&bridge, "rust", false),
                crate::emit::rust_file(&bridge),
            )
        };
        assert_eq!(emitted(1), emitted(usize::MAX), "{}", zng.display());
        bridges += 1;
    }
    assert!(bridges >= 8, "only {bridges} example bridges found");
}

/// A `#layout_conservative` type's real size is a `usize` static Rust
/// exports, named with the mangling base so that two bridges in one
/// program keep theirs apart; C++ stores the type with it.
#[test]
fn conservative_types_export_their_real_size_per_bridge() {
    let conservative = LayoutPolicy::Conservative {
        size: 64,
        align: 8,
        span: span(),
    };
    let spec = Spec {
        types: vec![type_spec("crate::Stamp", conservative)],
        ..Spec::default()
    };
    let exported = |base: &str| {
        let options = LowerOptions {
            mangling_base: base.to_string(),
            ..LowerOptions::default()
        };
        let bridge = lower(&spec, &sources(), &options).unwrap();
        let [size] = &bridge.exported_usizes[..] else {
            panic!("one exported usize: {:?}", bridge.exported_usizes);
        };
        assert_eq!(size.value, "::core::mem::size_of::<crate::Stamp>()");
        let base_class = bridge.types[0].base_class("rust").to_string();
        assert!(
            base_class.contains(&format!("ConservativeCtx<64, 8, &{}>", size.symbol)),
            "{base_class}"
        );
        size.symbol.clone()
    };
    let (first, second) = (exported(""), exported("second"));
    assert_ne!(first, second);
    assert!(second.starts_with("zngc_second_"), "{second}");
}

/// A file name is quoted in comments of the generated Rust, so a newline
/// in it must not end the comment.
#[test]
fn quoted_file_names_have_no_control_characters() {
    let mut sources = SourceMap::new();
    sources.add("dir/odd\nname.zng".into(), String::new());
    assert_eq!(super::file_names(&sources), ["odd?name.zng"]);
}
