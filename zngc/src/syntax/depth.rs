//! A guard against inputs nested so deeply that parsing them, or walking
//! the resulting tree, could exhaust the stack.
//!
//! Before parsing, one linear scan over the tokens measures how deeply
//! constructs nest. Every level the parser recurses into starts with a token
//! this scan counts: an opening bracket (`(`, `[`, `{`, `<`), a prefix
//! operator (`&`, `&&`, `*`, `!`) or the `->` of a `Fn(…) -> T` output type.
//! Binary operator chains (`a || b || …`) are limited separately by the
//! parser.

use chumsky::span::SimpleSpan;

use super::lexer::Token;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// The deepest nesting accepted. Real specs nest a handful of levels; 128
/// leaves generous room while keeping every recursive walk over the tree
/// (parser, `check`, emitters, serde) far from the stack limit.
pub const MAX_NESTING: usize = 128;

/// What is open at one point of the scan: a bracket (by its closing
/// token), or the `->` of an output type, which stays open until the
/// enclosing bracket closes or the list or item ends.
#[derive(Clone, Copy, PartialEq)]
enum Level {
    Bracket(&'static str),
    Arrow,
}

/// Returns an E0006 diagnostic at the first token that nests deeper than
/// [`MAX_NESTING`], if any.
pub fn check(file: FileId, tokens: &[(Token<'_>, SimpleSpan)]) -> Option<Diagnostic> {
    let mut open: Vec<Level> = Vec::new();
    let mut prefix_run = 0usize;
    for (token, span) in tokens {
        match token {
            Token::Punct(opener @ ("(" | "[" | "{" | "<")) => {
                if *opener == "{" {
                    pop_arrows(&mut open);
                }
                open.push(Level::Bracket(closer_of(opener)));
            }
            Token::Punct(closer @ (")" | "]" | "}" | ">")) => {
                // A closer without its opener is a syntax error the parser
                // reports; here it closes nothing, so that mismatched
                // brackets do not add up to a false E0006.
                if let Some(at) = open.iter().rposition(|l| *l == Level::Bracket(closer)) {
                    open.truncate(at);
                }
            }
            Token::Punct(";" | ",") => pop_arrows(&mut open),
            Token::Punct("->") => open.push(Level::Arrow),
            _ => {}
        }
        prefix_run = match token {
            Token::Punct("&" | "*" | "!") => prefix_run + 1,
            Token::Punct("&&") => prefix_run + 2,
            // `&mut`, `*const`, `dyn`: part of the same run of prefixes.
            Token::Keyword("mut" | "const" | "dyn" | "impl") => prefix_run,
            _ => 0,
        };
        if open.len() + prefix_run > MAX_NESTING {
            return Some(
                Diagnostic::new(
                    Code::E0006,
                    "nesting too deep",
                    Span::new(file, span.into_range()),
                    format!("more than {MAX_NESTING} levels deep here"),
                )
                .with_help(format!(
                    "zngc accepts at most {MAX_NESTING} levels of nested brackets, references, pointers and `!`; split the construct up"
                )),
            );
        }
    }
    None
}

fn pop_arrows(open: &mut Vec<Level>) {
    while open.last() == Some(&Level::Arrow) {
        open.pop();
    }
}

fn closer_of(opener: &str) -> &'static str {
    match opener {
        "(" => ")",
        "[" => "]",
        "{" => "}",
        _ => ">",
    }
}
