//! Text to tokens.
//!
//! The lexer never fails: a character that starts no token, a `/* */`
//! comment, a lifetime, an unterminated string or an oversized number each
//! become a diagnostic, and lexing goes on, so that one run reports every
//! such problem in the file.

use std::fmt;

use chumsky::container::Container;
use chumsky::prelude::*;

use super::RESERVED_KEYWORDS;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// Every punctuation token, longest first so that `->` wins over `-`-less
/// prefixes like `>` and `::` over `:`. `_` is lexed as an identifier and
/// then turned into `Token::Punct("_")`.
pub const PUNCTUATION: &[&str] = &[
    "->", "=>", "::", "&&", "||", "<", ">", "[", "]", "(", ")", "{", "}", ":", "&", "*", "#", "+",
    "=", "?", ",", ";", "|", ".", "!", "_",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Token<'src> {
    /// An identifier, including the contextual keywords.
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

/// A token, or something in the text that is not one.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Lexeme<'src> {
    Token(Token<'src>),
    Stray,
    BlockComment,
    Lifetime,
    /// An unterminated string, with the text after its opening quote.
    Unterminated(&'src str),
    NumberTooLarge,
}

/// The lexer's output: the tokens, and the places that are not tokens.
#[derive(Default)]
struct Lexed<'src> {
    tokens: Vec<(Token<'src>, SimpleSpan)>,
    problems: Vec<(Lexeme<'src>, SimpleSpan)>,
}

impl<'src> Container<(Lexeme<'src>, SimpleSpan)> for Lexed<'src> {
    /// Bad lexemes are kept out of the token stream, except that an
    /// unterminated string still yields a string token and an oversized
    /// number the number `u64::MAX`, so that the parser does not report the
    /// same problem a second time.
    fn push(&mut self, (lexeme, span): (Lexeme<'src>, SimpleSpan)) {
        let token = match lexeme {
            Lexeme::Token(token) => {
                self.tokens.push((token, span));
                return;
            }
            Lexeme::Unterminated(rest) => Some(Token::Str(rest)),
            Lexeme::NumberTooLarge => Some(Token::Number(u64::MAX)),
            Lexeme::Stray | Lexeme::BlockComment | Lexeme::Lifetime => None,
        };
        self.tokens.extend(token.map(|t| (t, span)));
        self.problems.push((lexeme, span));
    }
}

/// Splits `text` into tokens with their byte spans, and reports what could
/// not be lexed.
pub fn lex(file: FileId, text: &str) -> (Vec<(Token<'_>, SimpleSpan)>, Vec<Diagnostic>) {
    let lexed = lexer().parse(text).into_output().unwrap_or_default();
    let mut diagnostics = Vec::new();
    let mut stray_run: Option<SimpleSpan> = None;
    for (lexeme, span) in lexed.problems {
        let diagnostic = match lexeme {
            Lexeme::Stray => {
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
            Lexeme::Unterminated(_) => unterminated_string(file, span),
            Lexeme::NumberTooLarge => number_too_large(file, span),
            Lexeme::BlockComment => block_comment(file, span),
            Lexeme::Lifetime => lifetime(file, span),
            Lexeme::Token(_) => continue,
        };
        diagnostics.push(diagnostic);
    }
    if let Some(run) = stray_run {
        diagnostics.push(stray_characters(file, text, run));
    }
    (lexed.tokens, diagnostics)
}

fn lexer<'src>() -> impl Parser<'src, &'src str, Lexed<'src>> {
    let line_comment = just("//").then(none_of('\n').repeated()).ignored();
    let whitespace = any().filter(|c: &char| c.is_whitespace()).ignored();
    let padding = whitespace.or(line_comment).repeated();

    let block_comment = just("/*")
        .then(any().and_is(just("*/").not()).repeated())
        .then(just("*/").or_not())
        .to(Lexeme::BlockComment);

    let string = just('"')
        .ignore_then(
            choice((just("\\\"").ignored(), none_of('"').ignored()))
                .repeated()
                .to_slice(),
        )
        .then(just('"').or_not())
        .map(|(body, close): (&str, _)| match close {
            Some(_) => Lexeme::Token(Token::Str(body)),
            None => Lexeme::Unterminated(body),
        });

    let number = text::digits(10)
        .to_slice()
        .map(|digits: &str| match digits.parse::<u64>() {
            Ok(n) => Lexeme::Token(Token::Number(n)),
            Err(_) => Lexeme::NumberTooLarge,
        });

    let word = text::ascii::ident().map(|word: &str| {
        Lexeme::Token(match RESERVED_KEYWORDS.iter().find(|k| **k == word) {
            Some(keyword) => Token::Keyword(keyword),
            None if word == "_" => Token::Punct("_"),
            None => Token::Ident(word),
        })
    });

    let lifetime = just('\'').then(text::ascii::ident()).to(Lexeme::Lifetime);

    // Two-character punctuation first, then one character; the text is
    // mapped back to its entry in PUNCTUATION.
    let punctuation = choice((just("->"), just("=>"), just("::"), just("&&"), just("||")))
        .or(one_of("<>[](){}:&*#+=?,;|.!").to_slice())
        .map(|p: &str| {
            PUNCTUATION
                .iter()
                .find(|q| **q == p)
                .map_or(Lexeme::Stray, |q| Lexeme::Token(Token::Punct(q)))
        });

    let lexeme = choice((
        word,
        punctuation,
        number,
        string,
        block_comment,
        lifetime,
        any().to(Lexeme::Stray),
    ));

    padding.ignore_then(
        lexeme
            .map_with(|lexeme, e| (lexeme, e.span()))
            .then_ignore(padding)
            .repeated()
            .collect(),
    )
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
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix("çç", 3), "ç");
        assert_eq!(prefix("ab", 10), "ab");
    }
}
