//! `.zng` text to syntax tree: a chumsky lexer and parser with error
//! recovery, so that one run reports every syntax error of a file.

pub mod ast;

/// Words with a fixed meaning that can never be identifiers.
pub const RESERVED_KEYWORDS: &[&str] = &[
    "as", "async", "const", "crate", "dyn", "else", "extern", "fn", "for", "if", "impl", "match",
    "mod", "mut", "self", "trait", "type", "unsafe", "use",
];

/// Words with a meaning only where the grammar expects them; elsewhere they
/// are ordinary identifiers (so a Rust method may be called `merge`).
pub const CONTEXTUAL_KEYWORDS: &[&str] = &[
    "merge",
    "import",
    "safe",
    "constructor",
    "field",
    "offset",
    "auto",
    "deref",
    "wellknown_traits",
    "cfg",
    "Some",
    "None",
    "Box",
    "Fn",
    "FnMut",
    "FnOnce",
    "ZngurCppOpaqueOwnedObject",
];

/// Names after `#`. `heap_allocate` is the book's spelling of
/// `heap_allocated`, accepted with a warning.
pub const DIRECTIVES: &[&str] = &[
    "layout",
    "layout_conservative",
    "heap_allocated",
    "heap_allocate",
    "only_by_ref",
    "cpp_value",
    "cpp_ref",
    "cpp_stack_owned",
    "convert_panic_to_exception",
    "cpp_additional_includes",
    "unstable",
    "if",
    "else",
    "match",
];
