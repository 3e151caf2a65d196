//! Text to tokens.
//!
//! The lexer never fails: a character that starts no token, a `/* */`
//! comment, a lifetime, an unterminated string or an oversized number each
//! become a diagnostic, and lexing goes on, so that one run reports every
//! such problem in the file.

use std::fmt;

use chumsky::span::SimpleSpan;

use super::RESERVED_KEYWORDS;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// Every punctuation token: the five two-character ones first, so that
/// `::` wins over `:`. `_` is lexed as an identifier and then turned into
/// `Token::Punct("_")`.
pub const PUNCTUATION: &[&str] = &[
    "->", "=>", "::", "&&", "||", "<", ">", "[", "]", "(", ")", "{", "}", ":", "&", "*", "#", "+",
    "=", "?", ",", ";", "|", ".", "!", "_",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Token<'src> {
    /// An identifier, including the contextual keywords; a raw identifier
    /// keeps its `r#` (see [`ident_name`]).
    Ident(&'src str),
    /// One of [`RESERVED_KEYWORDS`].
    Keyword(&'static str),
    Number(u64),
    /// The text between the quotes, with `\"` still escaped.
    Str(&'src str),
    /// One of [`PUNCTUATION`].
    Punct(&'static str),
}

impl fmt::Display for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Ident(s) => write!(f, "`{}`", shortened(s)),
            Token::Keyword(s) | Token::Punct(s) => write!(f, "`{s}`"),
            Token::Number(n) => write!(f, "`{n}`"),
            Token::Str(s) => write!(f, "`\"{}\"`", shortened(s)),
        }
    }
}

/// `s`, cut to 40 bytes with `…` if longer, for messages.
fn shortened(s: &str) -> String {
    const MAX: usize = 40;
    if s.len() > MAX {
        format!("{}…", prefix(s, MAX))
    } else {
        s.to_string()
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character
/// boundary.
fn prefix(s: &str, max: usize) -> &str {
    let end = (0..=max.min(s.len()))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    s.get(..end).unwrap_or("")
}

/// The text of a string token with its `\"` escapes resolved.
pub fn unescape(raw: &str) -> String {
    raw.replace("\\\"", "\"")
}

/// Something in the text that is not a token.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Problem {
    Stray,
    BlockComment,
    Lifetime,
    NotRaw,
    Unterminated,
    NumberTooLarge,
}

/// The lexer's output: the tokens, and the places that are not tokens.
#[derive(Default)]
struct Lexed<'src> {
    tokens: Vec<(Token<'src>, SimpleSpan)>,
    problems: Vec<(Problem, SimpleSpan)>,
}

/// Splits `text` into tokens with their byte spans, and reports what could
/// not be lexed.
pub fn lex(file: FileId, text: &str) -> (Vec<(Token<'_>, SimpleSpan)>, Vec<Diagnostic>) {
    let lexed = scan(text);
    let mut diagnostics = Vec::new();
    let mut stray_run: Option<SimpleSpan> = None;
    for (problem, span) in lexed.problems {
        let diagnostic = match problem {
            Problem::Stray => {
                // A run of adjacent stray characters is one problem.
                match stray_run {
                    Some(run) if run.end == span.start => {
                        stray_run = Some((run.start..span.end).into());
                    }
                    previous => {
                        diagnostics.extend(previous.map(|run| stray_characters(file, text, run)));
                        stray_run = Some(span);
                    }
                }
                continue;
            }
            Problem::Unterminated => unterminated_string(file, span),
            Problem::NumberTooLarge => number_too_large(file, span),
            Problem::BlockComment => block_comment(file, span),
            Problem::Lifetime => lifetime(file, span),
            Problem::NotRaw => not_raw(file, text, span),
        };
        diagnostics.push(diagnostic);
    }
    if let Some(run) = stray_run {
        diagnostics.push(stray_characters(file, text, run));
    }
    (lexed.tokens, diagnostics)
}

/// The scanner: one pass over the bytes. It is written by hand rather than
/// with parser combinators because it runs over every byte of every file
/// (a third of the parse time of a large spec otherwise).
///
/// Bad lexemes are kept out of the token stream, except that an
/// unterminated string still yields a string token and an oversized number
/// the number `u64::MAX`, so that the parser does not report the same
/// problem a second time.
fn scan(text: &str) -> Lexed<'_> {
    let bytes = text.as_bytes();
    let mut lexed = Lexed {
        tokens: Vec::with_capacity(text.len() / 4),
        problems: Vec::new(),
    };
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii_whitespace() {
            at += 1;
            continue;
        }
        let start = at;
        let rest = &text[at..];
        let span = |end: usize| SimpleSpan::from(start..end);
        if is_raw_ident_start(bytes, at) {
            at = ident_end(bytes, at + 2);
            let word = &text[start..at];
            if !can_be_raw(ident_name(word)) {
                lexed.problems.push((Problem::NotRaw, span(at)));
            }
            lexed.tokens.push((Token::Ident(word), span(at)));
        } else if byte.is_ascii_alphabetic() || byte == b'_' {
            at = ident_end(bytes, at);
            let word = &text[start..at];
            let token = match keyword(word) {
                Some(keyword) => Token::Keyword(keyword),
                None if word == "_" => Token::Punct("_"),
                None => Token::Ident(word),
            };
            lexed.tokens.push((token, span(at)));
        } else if let Some(punct) = punctuation(rest) {
            at += punct.len();
            lexed.tokens.push((Token::Punct(punct), span(at)));
        } else if byte.is_ascii_digit() {
            at += rest.bytes().take_while(u8::is_ascii_digit).count();
            match text[start..at].parse::<u64>() {
                Ok(n) => lexed.tokens.push((Token::Number(n), span(at))),
                Err(_) => {
                    lexed.tokens.push((Token::Number(u64::MAX), span(at)));
                    lexed.problems.push((Problem::NumberTooLarge, span(at)));
                }
            }
        } else if byte == b'"' {
            let (body_end, closed) = string_end(bytes, at + 1);
            let body = &text[at + 1..body_end];
            at = body_end + usize::from(closed);
            lexed.tokens.push((Token::Str(body), span(at)));
            if !closed {
                lexed.problems.push((Problem::Unterminated, span(at)));
            }
        } else if rest.starts_with("//") {
            at += rest.find('\n').unwrap_or(rest.len());
        } else if let Some(comment) = rest.strip_prefix("/*") {
            at += comment.find("*/").map_or(rest.len(), |end| end + 4);
            lexed.problems.push((Problem::BlockComment, span(at)));
        } else if byte == b'\''
            && bytes
                .get(at + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        {
            at = ident_end(bytes, at + 1);
            lexed.problems.push((Problem::Lifetime, span(at)));
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            at += c.len_utf8();
            if !c.is_whitespace() {
                lexed.problems.push((Problem::Stray, span(at)));
            }
        }
    }
    lexed
}

/// The entry of [`RESERVED_KEYWORDS`] spelled `word`, if any. Most words
/// are longer than every keyword or start differently, so the length and
/// first byte are compared before the text.
fn keyword(word: &str) -> Option<&'static str> {
    let first = word.as_bytes().first()?;
    RESERVED_KEYWORDS
        .iter()
        .find(|k| k.len() == word.len() && k.as_bytes().first() == Some(first) && **k == word)
        .copied()
}

/// Whether a raw identifier (`r#type`) starts at `at`: `r#` directly
/// followed by an identifier.
fn is_raw_ident_start(bytes: &[u8], at: usize) -> bool {
    bytes.get(at..at + 2) == Some(b"r#")
        && bytes
            .get(at + 2)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
}

/// The name an identifier token stands for: a raw identifier without its
/// `r#`, so that `r#type` names what Rust's `r#type` does.
pub fn ident_name(token: &str) -> &str {
    token.strip_prefix("r#").unwrap_or(token)
}

/// Whether Rust accepts `r#name`: every word but `_` and the path words.
fn can_be_raw(name: &str) -> bool {
    !matches!(name, "_" | "crate" | "self" | "super" | "Self")
}

/// The end of the identifier starting at `at` (whose first byte is a letter
/// or `_`).
fn ident_end(bytes: &[u8], at: usize) -> usize {
    at + bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count()
}

/// The end of a string body starting at `at` (after the opening quote), and
/// whether a closing quote follows. `\"` never closes the string.
fn string_end(bytes: &[u8], mut at: usize) -> (usize, bool) {
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => return (at, true),
            b'\\' if bytes.get(at + 1) == Some(&b'"') => at += 2,
            _ => at += 1,
        }
    }
    (bytes.len(), false)
}

/// The punctuation token at the start of `text`, longest first.
fn punctuation(text: &str) -> Option<&'static str> {
    let two = text
        .get(..2)
        .and_then(|p| PUNCTUATION[..5].iter().find(|q| **q == p));
    two.or_else(|| {
        let one = text.get(..1)?;
        PUNCTUATION[5..].iter().find(|q| **q == one && **q != "_")
    })
    .copied()
}

fn span(file: FileId, span: SimpleSpan) -> Span {
    Span::new(file, span.into_range())
}

fn stray_characters(file: FileId, text: &str, run: SimpleSpan) -> Diagnostic {
    let chars = text.get(run.into_range()).unwrap_or("");
    let shown: String = prefix(chars, 16).escape_debug().collect();
    let (message, label) = if chars.chars().count() == 1 {
        (
            format!("unexpected character `{shown}`"),
            "not part of any token",
        )
    } else {
        (
            format!("unexpected characters `{shown}`"),
            "not part of any token",
        )
    };
    Diagnostic::new(Code::E0003, message, span(file, run), label).with_help(
        "remove them: .zng consists of ASCII identifiers, numbers, \"strings\", punctuation and // comments",
    )
}

fn block_comment(file: FileId, whole: SimpleSpan) -> Diagnostic {
    let start = span(file, (whole.start..whole.start + 2).into());
    Diagnostic::new(
        Code::E0003,
        "block comments are not supported",
        start,
        "`/*` starts a block comment",
    )
    .with_help("only // comments: start each commented line with `//`")
}

fn lifetime(file: FileId, at: SimpleSpan) -> Diagnostic {
    Diagnostic::new(
        Code::E0003,
        "lifetimes are not written in .zng",
        span(file, at),
        "a lifetime",
    )
    .with_help("remove the lifetime: write `&T` for `&'a T`; .zng types carry no lifetimes")
}

fn not_raw(file: FileId, text: &str, at: SimpleSpan) -> Diagnostic {
    let word = text.get(at.into_range()).unwrap_or("");
    Diagnostic::new(
        Code::E0003,
        format!("`{word}` is not a raw identifier"),
        span(file, at),
        "Rust has no raw form of this word",
    )
    .with_help("`_`, `crate`, `self`, `super` and `Self` cannot be raw identifiers; write the word without `r#` where the grammar allows it")
}

fn unterminated_string(file: FileId, whole: SimpleSpan) -> Diagnostic {
    let quote = span(file, (whole.start..whole.start + 1).into());
    Diagnostic::new(
        Code::E0004,
        "unterminated string",
        quote,
        "this string is never closed",
    )
    .with_help("add the closing `\"`; a `\"` inside a string is written `\\\"`")
}

fn number_too_large(file: FileId, at: SimpleSpan) -> Diagnostic {
    Diagnostic::new(
        Code::E0005,
        "number out of range",
        span(file, at),
        "does not fit in 64 bits",
    )
    .with_help(format!("numbers must be at most {}", u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Token<'_>> {
        lex(FileId(0), text).0.into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn raw_identifiers_keep_their_prefix_and_name_the_word() {
        assert_eq!(
            tokens("r#type r#loop r #x r#"),
            vec![
                Token::Ident("r#type"),
                Token::Ident("r#loop"),
                Token::Ident("r"),
                Token::Punct("#"),
                Token::Ident("x"),
                Token::Ident("r"),
                Token::Punct("#"),
            ]
        );
        assert_eq!(ident_name("r#type"), "type");
        assert_eq!(ident_name("merge"), "merge");
        for word in ["r#crate", "r#self", "r#super", "r#Self", "r#_"] {
            let (_, diagnostics) = lex(FileId(0), word);
            assert_eq!(diagnostics.len(), 1, "{word}");
            assert_eq!(diagnostics[0].code, Code::E0003);
        }
    }

    #[test]
    fn splits_punctuation_longest_first() {
        assert_eq!(
            tokens("-> => :: : && & || | _ _x"),
            vec![
                Token::Punct("->"),
                Token::Punct("=>"),
                Token::Punct("::"),
                Token::Punct(":"),
                Token::Punct("&&"),
                Token::Punct("&"),
                Token::Punct("||"),
                Token::Punct("|"),
                Token::Punct("_"),
                Token::Ident("_x"),
            ]
        );
    }

    #[test]
    fn keywords_come_from_the_shared_list() {
        for keyword in RESERVED_KEYWORDS {
            assert_eq!(tokens(keyword), vec![Token::Keyword(keyword)]);
        }
        assert_eq!(tokens("merge"), vec![Token::Ident("merge")]);
    }

    #[test]
    fn strings_span_lines_and_escape_quotes() {
        assert_eq!(tokens("\"a\nb\""), vec![Token::Str("a\nb")]);
        assert_eq!(tokens(r#""say \"hi\"""#), vec![Token::Str(r#"say \"hi\""#)]);
        assert_eq!(unescape(r#"say \"hi\" \n"#), r#"say "hi" \n"#);
    }

    #[test]
    fn comments_and_whitespace_are_skipped() {
        assert_eq!(tokens("// only a comment"), vec![]);
        assert_eq!(
            tokens("a // c\n b"),
            vec![Token::Ident("a"), Token::Ident("b")]
        );
    }

    #[test]
    fn stray_runs_are_one_diagnostic() {
        let (toks, diags) = lex(FileId(0), "a $$$ b @");
        assert_eq!(toks.len(), 2);
        assert_eq!(diags.len(), 2);
        assert!(diags.iter().all(|d| d.code == Code::E0003));
    }

    #[test]
    fn problems_keep_their_spans_and_lexing_goes_on() {
        let text = "a /* b */ 'x 99999999999999999999 é\u{3000}c \"open";
        let (toks, diags) = lex(FileId(0), text);
        let mut found: Vec<(Code, std::ops::Range<usize>)> = diags
            .iter()
            .filter_map(|d| Some((d.code, d.primary.as_ref()?.span.range())))
            .collect();
        found.sort_by_key(|(_, range)| range.start);
        assert_eq!(
            found,
            vec![
                (Code::E0003, 2..4),
                (Code::E0003, 10..12),
                (Code::E0005, 13..33),
                (Code::E0003, 34..36),
                (Code::E0004, 41..42),
            ]
        );
        assert_eq!(
            toks.into_iter().map(|(t, _)| t).collect::<Vec<_>>(),
            vec![
                Token::Ident("a"),
                Token::Number(u64::MAX),
                Token::Ident("c"),
                Token::Str("open"),
            ]
        );
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix("çç", 3), "ç");
        assert_eq!(prefix("ab", 10), "ab");
    }
}
