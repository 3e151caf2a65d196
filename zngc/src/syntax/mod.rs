//! `.zng` text to syntax tree: a chumsky lexer and parser with error
//! recovery, so that one run reports every syntax error of a file.

pub mod ast;
mod depth;
mod lexer;
mod parser;
mod split;

use crate::diagnostics::{Code, Diagnostic};
use crate::source::FileId;

pub use depth::MAX_NESTING;

/// At most this many diagnostics are reported per file; the last one says
/// how many more were dropped. Binary garbage would otherwise yield one per
/// byte.
pub const MAX_DIAGNOSTICS: usize = 100;

/// The stack the parser may need. Each nesting level costs up to ~50 KiB
/// of stack in unoptimized builds (a few KiB optimized), so
/// [`MAX_NESTING`] levels fit in 16 MiB with room to spare; when the calling
/// thread has less left, the parser runs on a fresh stack of this size.
/// (chumsky grows the stack by itself too, but checks for only 64 KiB of
/// headroom, which one level can exceed in unoptimized builds.)
const PARSE_STACK: usize = 16 << 20;

/// Parses one `.zng` file. Returns the syntax tree — partial when there are
/// errors: broken items are left out — and every diagnostic, in source
/// order. All spans carry `file`.
///
/// Never panics; the time taken is linear in the length of `text`. Input
/// nested deeper than [`MAX_NESTING`] levels is rejected (E0006) before
/// parsing.
pub fn parse(file: FileId, text: &str) -> (ast::File, Vec<Diagnostic>) {
    let (tokens, mut diagnostics) = lexer::lex(file, text);
    let tree = match depth::check(file, &tokens) {
        Some(too_deep) => {
            diagnostics.push(too_deep);
            ast::File { items: Vec::new() }
        }
        None => {
            let (tree, parse_diagnostics) = parser::parse_tokens(file, &tokens, text.len());
            diagnostics.extend(parse_diagnostics);
            tree
        }
    };
    if diagnostics.iter().any(|d| d.code == Code::E0004) {
        // An unterminated string runs to the end of the file, so whatever
        // the parser then misses there, and every block left open, is the
        // same problem again.
        let end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        diagnostics.retain(|d| {
            d.code != Code::E0010
                || (d.message != parser::UNCLOSED_BLOCK
                    && d.primary.as_ref().is_none_or(|l| l.span.start < end))
        });
    }
    diagnostics.sort_by_key(|d| d.primary.as_ref().map(|l| (l.span.start, l.span.end)));
    (tree, cap(diagnostics))
}

fn cap(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diagnostics.len() > MAX_DIAGNOSTICS {
        let dropped = diagnostics.len() - MAX_DIAGNOSTICS;
        diagnostics.truncate(MAX_DIAGNOSTICS);
        if let Some(last) = diagnostics.last_mut() {
            last.notes.push(format!(
                "too many errors: {dropped} more in this file are not shown"
            ));
        }
    }
    diagnostics
}

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
