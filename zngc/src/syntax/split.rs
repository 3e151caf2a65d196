//! Where a token stream can be cut into runs of whole top-level items, so
//! that a big file is parsed on several threads.
//!
//! A file is a sequence of items, so parsing the runs one by one and
//! concatenating their items gives the tree of the whole file, provided
//! every cut falls between two items. The cuts here are conservative: at
//! brace depth 0, after a `}` or `;` that ends an item, before a token that
//! can only start one. Where that is not enough (a run that does not parse
//! on its own), the caller parses the whole file instead.

use std::ops::Range;

use chumsky::span::SimpleSpan;

use super::lexer::Token;

/// Up to `runs` ranges of `tokens` of about equal length, at least
/// `min_len` tokens each, that together cover it, each a whole number of
/// top-level items. One range when the file is small or has no place to
/// cut.
pub fn item_runs(
    tokens: &[(Token<'_>, SimpleSpan)],
    runs: usize,
    min_len: usize,
) -> Vec<Range<usize>> {
    let runs = runs.clamp(1, tokens.len() / min_len.max(1) + 1);
    let target = tokens.len().div_ceil(runs);
    let mut ranges = Vec::with_capacity(runs);
    let mut start = 0;
    let mut depth = 0usize;
    for (i, (token, _)) in tokens.iter().enumerate() {
        if depth == 0 && i - start >= target && i > 0 && starts_item(tokens, i) {
            let after_item = matches!(tokens[i - 1].0, Token::Punct("}" | ";"));
            if after_item {
                ranges.push(start..i);
                start = i;
            }
        }
        match token {
            Token::Punct("{") => depth += 1,
            Token::Punct("}") => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    ranges.push(start..tokens.len());
    ranges
}

/// Whether the token at `i` can only be the first of an item. `#else`
/// continues an `#if`, so a `#` counts only before another directive.
fn starts_item(tokens: &[(Token<'_>, SimpleSpan)], i: usize) -> bool {
    match tokens[i].0 {
        Token::Keyword("type" | "mod" | "trait" | "fn" | "extern") => true,
        Token::Ident("merge" | "import") => true,
        Token::Punct("#") => matches!(
            tokens.get(i + 1).map(|t| &t.0),
            Some(Token::Keyword("if" | "match") | Token::Ident(_))
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::syntax::lexer::lex;

    /// The text of each run.
    fn runs_of(text: &str, runs: usize, min_len: usize) -> Vec<String> {
        let (tokens, _) = lex(FileId(0), text);
        item_runs(&tokens, runs, min_len)
            .iter()
            .map(|r| {
                let start = tokens[r.start].1.start;
                let end = tokens.get(r.end).map_or(text.len(), |t| t.1.start);
                text[start..end].trim().to_string()
            })
            .collect()
    }

    #[test]
    fn short_files_are_one_run() {
        let text = "type A { #layout(size = 1, align = 1); }\nmod crate { fn f(); }\n";
        assert_eq!(runs_of(text, 4, 1000), [text.trim()]);
    }

    #[test]
    fn cuts_fall_between_items_only() {
        let text = "#convert_panic_to_exception\n\
                    type A { #layout(size = 1, align = 1); }\n\
                    #if cfg!(feature = \"x\") { type B { #layout(size = 1, align = 1); } }\n\
                    #else { type B { #layout(size = 2, align = 1); } }\n\
                    mod crate { fn f(); fn g(); }\n\
                    merge \"other.zng\";\n\
                    trait crate::T { fn t(&self); }\n";
        assert_eq!(
            runs_of(text, 100, 1),
            [
                "#convert_panic_to_exception\ntype A { #layout(size = 1, align = 1); }",
                "#if cfg!(feature = \"x\") { type B { #layout(size = 1, align = 1); } }\n\
                 #else { type B { #layout(size = 2, align = 1); } }",
                "mod crate { fn f(); fn g(); }",
                "merge \"other.zng\";",
                "trait crate::T { fn t(&self); }",
            ]
        );
    }

    #[test]
    fn runs_are_about_equal() {
        let text = "type A { #layout(size = 1, align = 1); }\n".repeat(100);
        let runs = runs_of(&text, 2, 1);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].lines().count(), 50);
    }
}
