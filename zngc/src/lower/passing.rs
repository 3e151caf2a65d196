//! How values cross the `extern "C"` boundary.
//!
//! Scalars (numbers, `bool`, `char`, thin references and pointers) travel
//! directly in registers. So do small `Copy` values stored inline: their
//! bytes travel in one or two integers (see [`Words`]), and a zero-sized one
//! does not travel at all. Everything else travels through a pointer to the
//! C++ object's slot: Rust reads arguments from it with `ptr::read` and
//! writes results into it with `ptr::write`. `#heap_allocated` values travel
//! as their `Box`.

use std::borrow::Cow;
use std::collections::HashMap;

use super::ir::{AbiType, Storage};
use super::names::{number_cpp, number_primitive, rust_type, Naming};
use crate::syntax::ast::{Primitive, Type, TypeKind};

/// What lowering needs to know about a declared type to pass its values.
#[derive(Clone, Debug)]
pub struct Declared {
    pub storage: Storage,
    pub unsized_type: bool,
    /// Declared `Copy` and stored inline: a C++ class without drop flag,
    /// whose bytes are the value.
    pub copy: bool,
}

/// Declared types by their Rust spelling.
pub type Catalog = HashMap<String, Declared>;

/// The shape of a value at the boundary.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shape {
    Unit,
    Number(Primitive),
    Bool,
    Char,
    /// `*const T` / `*mut T` to a number: a C++ pointer.
    NumberPtr {
        mutable: bool,
        target: Primitive,
    },
    /// `&T`, `&mut T`, `*const T`, `*mut T` to a sized `T`.
    ThinPointer {
        reference: bool,
        mutable: bool,
    },
    /// A pointer to an unsized `T`: two words, passed through its slot.
    FatPointer,
    /// An owned `Copy` value stored inline in at most
    /// [`MAX_DIRECT_COPY`] bytes (`size` is the declared size, for
    /// `#layout_conservative` an upper bound of the real one).
    SmallCopy {
        size: u64,
    },
    /// Any other owned value, inline (`heap: false`) or boxed.
    Owned {
        heap: bool,
    },
}

/// The largest `Copy` value passed in registers: two 64-bit integers,
/// which every C ABI zngc targets passes and returns alike in C and Rust.
const MAX_DIRECT_COPY: u64 = 16;

/// The integer type carrying the bytes of a small `Copy` value: the
/// smallest of `uint8_t`, `uint16_t`, `uint32_t` and `uint64_t` that holds
/// them, or for 9 to 16 bytes a pair of `uint64_t` (`Words` in C++,
/// `ZngcWords` in Rust). Both sides copy the bytes in and out with
/// `memcpy` / `ptr::*_unaligned` (no arithmetic, so any endianness works),
/// and Rust types it `MaybeUninit` because padding bytes may be
/// uninitialised. The words are at least the declared size, which is at
/// least the real size, so neither side reads or writes beyond them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Words {
    Int { c: &'static str, rust: &'static str },
    Pair,
}

fn words(size: u64) -> Words {
    let int = |c, rust| Words::Int { c, rust };
    match size {
        0 | 1 => int("::std::uint8_t", "u8"),
        2 => int("::std::uint16_t", "u16"),
        3 | 4 => int("::std::uint32_t", "u32"),
        5..=8 => int("::std::uint64_t", "u64"),
        _ => Words::Pair,
    }
}

impl Words {
    fn rust(self) -> &'static str {
        match self {
            Words::Int { rust, .. } => rust,
            Words::Pair => "ZngcWords",
        }
    }

    fn abi(self, naming: &Naming) -> AbiType {
        let c = match self {
            Words::Int { c, .. } => Cow::Borrowed(c),
            Words::Pair => Cow::Owned(naming.internal("Words")),
        };
        AbiType {
            c,
            rust: Cow::Owned(format!("::core::mem::MaybeUninit<{}>", self.rust())),
        }
    }
}

/// Whether a bridge with these declared types passes a `Copy` value as a
/// pair of words, so that the generated Rust defines `ZngcWords`.
pub fn uses_word_pairs(catalog: &Catalog) -> bool {
    catalog
        .values()
        .filter_map(small_copy_size)
        .any(|size| words(size) == Words::Pair)
}

/// The declared size of a `Copy` type passed in registers.
fn small_copy_size(declared: &Declared) -> Option<u64> {
    match declared.storage {
        Storage::Inline { size, .. } if declared.copy && size <= MAX_DIRECT_COPY => Some(size),
        _ => None,
    }
}

fn is_unsized(ty: &Type, catalog: &Catalog) -> bool {
    match &ty.kind {
        TypeKind::Primitive {
            primitive: Primitive::Str,
        }
        | TypeKind::Slice { .. }
        | TypeKind::Dyn { .. } => true,
        _ => catalog.get(&rust_type(ty)).is_some_and(|d| d.unsized_type),
    }
}

fn shape(ty: &Type, catalog: &Catalog) -> Shape {
    match &ty.kind {
        TypeKind::Tuple { elems } if elems.is_empty() => Shape::Unit,
        TypeKind::Primitive {
            primitive: Primitive::Bool,
        } => Shape::Bool,
        TypeKind::Primitive {
            primitive: Primitive::Char,
        } => Shape::Char,
        TypeKind::Primitive { primitive } if number_primitive(ty).is_some() => {
            Shape::Number(*primitive)
        }
        TypeKind::Ref { mutable, inner } | TypeKind::Ptr { mutable, inner } => {
            let reference = matches!(ty.kind, TypeKind::Ref { .. });
            if is_unsized(inner, catalog) {
                Shape::FatPointer
            } else if let (false, Some(target)) = (reference, number_primitive(inner)) {
                Shape::NumberPtr {
                    mutable: *mutable,
                    target,
                }
            } else {
                Shape::ThinPointer {
                    reference,
                    mutable: *mutable,
                }
            }
        }
        _ => {
            let declared = catalog.get(&rust_type(ty));
            match declared.and_then(small_copy_size) {
                Some(size) => Shape::SmallCopy { size },
                None => Shape::Owned {
                    heap: declared.is_some_and(|d| d.storage == Storage::Heap),
                },
            }
        }
    }
}

/// A lowered parameter: its C++ type, its ABI type (none for `()`), and
/// the Rust expression producing the Rust value from the ABI value. C++
/// passes the parameter by its type, by the same rules
/// (`rust::zng_internal::to_abi` in the runtime header).
pub struct LoweredArg {
    pub cpp_type: String,
    pub abi: Option<AbiType>,
    pub rust_value: String,
}

fn abi(c: impl Into<Cow<'static, str>>, rust: impl Into<Cow<'static, str>>) -> Option<AbiType> {
    Some(AbiType {
        c: c.into(),
        rust: rust.into(),
    })
}

const BYTE_PTR: &str = "::std::uint8_t*";

/// `name` is the parameter's name on the Rust side.
pub fn lower_arg(ty: &Type, name: &str, naming: &Naming, catalog: &Catalog) -> LoweredArg {
    let cpp_type = naming.cpp_type(ty);
    let (abi, rust_value) = match shape(ty, catalog) {
        Shape::Unit => (None, "()".to_string()),
        Shape::Number(p) => (abi(number_cpp(p), p.name()), name.to_string()),
        Shape::Bool => (abi("bool", "bool"), name.to_string()),
        Shape::Char => (
            abi("::std::uint32_t", "u32"),
            format!("::core::char::from_u32_unchecked({name})"),
        ),
        Shape::NumberPtr { mutable, target } => {
            let c = if mutable {
                format!("{}*", number_cpp(target))
            } else {
                format!("{} const*", number_cpp(target))
            };
            (abi(c, rust_type(ty)), name.to_string())
        }
        Shape::ThinPointer { reference, mutable } => {
            let target = rust_pointee(ty);
            let rust_value = match (reference, mutable) {
                (true, false) => format!("&*({name} as *const {target})"),
                (true, true) => format!("&mut *({name} as *mut {target})"),
                (false, false) => format!("{name} as *const {target}"),
                (false, true) => format!("{name} as *mut {target}"),
            };
            (abi(BYTE_PTR, "*mut u8"), rust_value)
        }
        Shape::FatPointer => (
            abi(BYTE_PTR, "*mut u8"),
            format!("::core::ptr::read({name} as *const {})", rust_type(ty)),
        ),
        Shape::SmallCopy { size: 0 } => (
            None,
            format!(
                "::core::ptr::read(::core::ptr::NonNull::<{}>::dangling().as_ptr())",
                rust_type(ty)
            ),
        ),
        Shape::SmallCopy { size } => {
            let rust_value = format!(
                "::core::ptr::read_unaligned({name}.as_ptr() as *const {})",
                rust_type(ty)
            );
            (Some(words(size).abi(naming)), rust_value)
        }
        Shape::Owned { heap } => (
            abi(BYTE_PTR, "*mut u8"),
            if heap {
                let rust = rust_type(ty);
                format!("*::core::ptr::read({name} as *mut ::std::boxed::Box<{rust}>)")
            } else {
                format!("::core::ptr::read({name} as *mut {})", rust_type(ty))
            },
        ),
    };
    LoweredArg {
        cpp_type,
        abi,
        rust_value,
    }
}

/// A lowered result: its C++ type, what the shim returns (or `out`: it
/// writes the value into an output slot), and the Rust code that hands the
/// value `v` over (an expression of the ABI type). C++ turns the shim's
/// result into its type by the same rules (`rust::zng_internal::invoke` in
/// the runtime header).
pub struct LoweredResult {
    pub cpp_type: String,
    pub abi: Option<AbiType>,
    pub out: bool,
    /// Rust statement/expression template; `{}` stands for the value.
    pub rust_return: String,
}

pub fn lower_result(ty: &Type, naming: &Naming, catalog: &Catalog) -> LoweredResult {
    let cpp_type = naming.cpp_type(ty);
    let rust = rust_type(ty);
    let direct = |abi_type: Option<AbiType>, rust_return: String| LoweredResult {
        cpp_type: cpp_type.clone(),
        abi: abi_type,
        out: false,
        rust_return,
    };
    let slot = |repr: String, wrap: &str| LoweredResult {
        cpp_type: cpp_type.clone(),
        abi: None,
        out: true,
        rust_return: if wrap.is_empty() {
            format!("::core::ptr::write(o as *mut {repr}, {{}})")
        } else {
            format!("::core::ptr::write(o as *mut {repr}, {wrap}({{}}))")
        },
    };
    match shape(ty, catalog) {
        Shape::Unit => direct(None, "{}".to_string()),
        Shape::Number(p) => direct(abi(number_cpp(p), p.name()), "{}".into()),
        Shape::Bool => direct(abi("bool", "bool"), "{}".into()),
        Shape::Char => direct(abi("::std::uint32_t", "u32"), "{} as u32".into()),
        Shape::NumberPtr { .. } => direct(abi(cpp_type.clone(), rust), "{}".into()),
        Shape::ThinPointer { reference, mutable } => {
            let target = rust_pointee(ty);
            let ptr = if mutable { "*mut" } else { "*const" };
            // A reference becomes a pointer of its own type first.
            let rust_return = if reference {
                format!("{{}} as {ptr} {target} as *mut u8")
            } else {
                "{} as *mut u8".to_string()
            };
            direct(abi(BYTE_PTR, "*mut u8"), rust_return)
        }
        Shape::FatPointer => slot(rust, ""),
        Shape::SmallCopy { size: 0 } => direct(None, "let _ = {};".to_string()),
        Shape::SmallCopy { size } => {
            let words = words(size);
            direct(
                Some(words.abi(naming)),
                format!(
                    "{{ let mut o = ::core::mem::MaybeUninit::<{}>::uninit(); \
                     ::core::ptr::write_unaligned(o.as_mut_ptr() as *mut {rust}, {{}}); o }}",
                    words.rust()
                ),
            )
        }
        Shape::Owned { heap: true } => slot(
            format!("::std::boxed::Box<{rust}>"),
            "::std::boxed::Box::new",
        ),
        Shape::Owned { heap: false } => slot(rust, ""),
    }
}

/// The Rust spelling of what a reference or pointer type points to.
fn rust_pointee(ty: &Type) -> String {
    match &ty.kind {
        TypeKind::Ref { inner, .. } | TypeKind::Ptr { inner, .. } => rust_type(inner),
        _ => rust_type(ty),
    }
}
