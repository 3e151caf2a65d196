//! Tokens to syntax tree: the chumsky grammar of `.zng`.
//!
//! Grammar errors come out of chumsky as `Rich` errors and become E0010.
//! Everything the grammar accepts but that is still wrong (an unknown
//! directive or property, `Box<A, B>`, a bare `fn` in `extern "C++"`, …)
//! is reported while building the tree, into [`ParseState`]; diagnostics
//! from alternatives that the parser backtracks out of are discarded with
//! them.
//!
//! Recovery happens at item level: a broken item (top level, `mod`, `type`
//! body, `trait` body, `extern "C++"` block) is skipped up to its `;` or its
//! balanced `{…}` body, or up to the next token that starts an item, and
//! parsing goes on with the next one.

use chumsky::error::{EmptyErr, RichPattern, RichReason};
use chumsky::input::{Checkpoint, Cursor, Input as _, MapExtra, MappedInput};
use chumsky::inspector::Inspector;
use chumsky::label::LabelError;
use chumsky::prelude::*;

use super::ast::*;
use super::ast::{Span, Spanned};
use super::depth::MAX_NESTING;
use super::lexer::{ident_name, unescape, Token, PUNCTUATION};
use super::split::item_runs;
use super::PARSE_STACK;
use super::{CONTEXTUAL_KEYWORDS, DIRECTIVES, RESERVED_KEYWORDS};
use crate::diagnostics::{did_you_mean, Code, Diagnostic};
use crate::source::FileId;
use rayon::prelude::*;

type Tokens<'src> = MappedInput<'src, Token<'src>, SimpleSpan, &'src [(Token<'src>, SimpleSpan)]>;
type Extra<'src, E> = extra::Full<E, ParseState, ()>;
type PBox<'src, O, E> = Boxed<'src, 'src, Tokens<'src>, O, Extra<'src, E>>;
type Ex<'src, 'b, E> = MapExtra<'src, 'b, Tokens<'src>, Extra<'src, E>>;

/// The error types the grammar is built with: [`EmptyErr`] for the fast
/// first attempt, [`Rich`] for the one that explains errors.
pub trait SyntaxError<'src>:
    chumsky::error::Error<'src, Tokens<'src>> + LabelError<'src, Tokens<'src>, &'static str> + 'src
{
}

impl<'src, E> SyntaxError<'src> for E where
    E: chumsky::error::Error<'src, Tokens<'src>>
        + LabelError<'src, Tokens<'src>, &'static str>
        + 'src
{
}

/// Diagnostics found while building the tree. Rewinding the parser (when an
/// alternative fails) drops the diagnostics that alternative reported.
pub struct ParseState {
    file: FileId,
    diagnostics: Vec<Diagnostic>,
}

impl<'src, I: chumsky::input::Input<'src>> Inspector<'src, I> for ParseState {
    type Checkpoint = usize;

    fn on_token(&mut self, _: &I::Token) {}

    fn on_save<'parse>(&self, _: &Cursor<'src, 'parse, I>) -> usize {
        self.diagnostics.len()
    }

    fn on_rewind<'parse>(&mut self, marker: &Checkpoint<'src, 'parse, I, usize>) {
        self.diagnostics.truncate(*marker.inspector());
    }
}

/// Parses a token stream into a file. `eoi` is the byte length of the text.
///
/// Most files have no syntax error, and recording what every failed
/// alternative expected is close to half the parsing time. So the file is
/// parsed first with errors that record nothing, and only if that finds an
/// error, again with errors that can explain themselves. Both runs take the
/// same path through the grammar, so a file without errors gets the same
/// tree and the same diagnostics either way.
///
/// A big file is cut into runs of whole items ([`item_runs`]) that are
/// parsed in parallel; their items, in order, are the file's.
pub fn parse_tokens(
    file: FileId,
    tokens: &[(Token<'_>, SimpleSpan)],
    eoi: usize,
) -> (File, Vec<Diagnostic>) {
    let runs = item_runs(tokens, rayon::current_num_threads(), MIN_TOKENS_PER_RUN);
    let parsed: Vec<_> = runs
        .par_iter()
        .map(|run| {
            // A run ends where the next begins.
            let end = tokens.get(run.end).map_or(eoi, |(_, span)| span.start);
            stacker::maybe_grow(PARSE_STACK, PARSE_STACK, || {
                parse_with::<EmptyErr>(file, &tokens[run.clone()], end)
            })
        })
        .collect();
    let mut items = Vec::new();
    let mut diagnostics = Vec::new();
    for (output, errors, found) in parsed {
        match (output, errors.is_empty()) {
            (Some(output), true) => {
                items.extend(output.items);
                diagnostics.extend(found);
            }
            _ => return explain_errors(file, tokens, eoi),
        }
    }
    (File { items }, diagnostics)
}

/// Tokens per run below which a file is not cut: a thread costs more than
/// it saves.
const MIN_TOKENS_PER_RUN: usize = 20_000;

/// The parse of a file with a syntax error, with errors that explain
/// themselves.
fn explain_errors(
    file: FileId,
    tokens: &[(Token<'_>, SimpleSpan)],
    eoi: usize,
) -> (File, Vec<Diagnostic>) {
    let (output, errors, mut diagnostics) = stacker::maybe_grow(PARSE_STACK, PARSE_STACK, || {
        parse_with::<Rich<'_, Token<'_>>>(file, tokens, eoi)
    });
    diagnostics.extend(errors.iter().map(|e| syntax_error(file, e)));
    (output.unwrap_or(File { items: Vec::new() }), diagnostics)
}

/// One parse with error type `E`: the tree, chumsky's errors and the
/// diagnostics found while building the tree.
fn parse_with<'src, E: SyntaxError<'src>>(
    file: FileId,
    tokens: &'src [(Token<'src>, SimpleSpan)],
    eoi: usize,
) -> (Option<File>, Vec<E>, Vec<Diagnostic>) {
    let mut state = ParseState {
        file,
        diagnostics: Vec::new(),
    };
    let input = tokens.split_token_span(SimpleSpan::from(eoi..eoi));
    let (output, errors) = file_parser::<E>()
        .parse_with_state(input, &mut state)
        .into_output_errors();
    (output, errors, state.diagnostics)
}

// ---------------------------------------------------------------------------
// Spans and diagnostics.

fn span_of<'src, E: SyntaxError<'src>>(e: &mut Ex<'src, '_, E>) -> Span {
    let range = e.span().into_range();
    Span::new(e.state().file, range)
}

fn emit<'src, E: SyntaxError<'src>>(e: &mut Ex<'src, '_, E>, diagnostic: Diagnostic) {
    e.state().diagnostics.push(diagnostic);
}

/// A grammar error as an E0010 diagnostic.
fn syntax_error(file: FileId, error: &Rich<'_, Token<'_>>) -> Diagnostic {
    let span = Span::new(file, error.span().into_range());
    let found = error
        .found()
        .map_or_else(|| "end of file".to_string(), |t| t.to_string());
    match error.reason() {
        RichReason::ExpectedFound { expected, .. } => {
            let wanted = describe_expected(expected);
            Diagnostic::new(
                Code::E0010,
                format!("expected {wanted}, found {found}"),
                span,
                format!("unexpected {found}"),
            )
            .with_help(syntax_help(expected, error.found()))
        }
        RichReason::Custom(message) => {
            Diagnostic::new(Code::E0010, message.clone(), span, format!("at {found}"))
                .with_help("see the .zng syntax in spec.md")
        }
    }
}

fn describe_pattern(pattern: &RichPattern<'_, Token<'_>>) -> String {
    match pattern {
        RichPattern::Token(token) => token.to_string(),
        RichPattern::Label(label) => label.to_string(),
        RichPattern::Identifier(word) => format!("`{word}`"),
        RichPattern::Any => "any token".to_string(),
        RichPattern::SomethingElse => "something else".to_string(),
        RichPattern::EndOfInput => "end of file".to_string(),
        _ => "something else".to_string(),
    }
}

/// "`;`", "`;` or `{`", "`(`, `;` or `{`"; long lists are cut short.
fn describe_expected(expected: &[RichPattern<'_, Token<'_>>]) -> String {
    const SHOWN: usize = 8;
    let mut names: Vec<String> = Vec::new();
    for name in expected.iter().map(describe_pattern) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    match names.as_slice() {
        [] => "something else".to_string(),
        [one] => one.clone(),
        [init @ .., last] if names.len() <= SHOWN => format!("{} or {last}", init.join(", ")),
        _ => format!("one of {}, …", names[..SHOWN].join(", ")),
    }
}

fn syntax_help(expected: &[RichPattern<'_, Token<'_>>], found: Option<&Token<'_>>) -> String {
    let expects = |wanted: &str| {
        expected
            .iter()
            .any(|p| describe_pattern(p).trim_matches('`') == wanted)
    };
    match found {
        Some(Token::Keyword(word)) if expects("identifier") => {
            format!("`{word}` is a reserved word and cannot be used as a name")
        }
        _ if expects(";") => "declarations end with `;`".to_string(),
        None => {
            "the file ends in the middle of a declaration; is a `}` or `;` missing?".to_string()
        }
        _ => "see the .zng syntax in spec.md".to_string(),
    }
}

// ---------------------------------------------------------------------------
// Tokens.

fn punct<'src, E: SyntaxError<'src>>(
    p: &'static str,
) -> impl Parser<'src, Tokens<'src>, Token<'src>, Extra<'src, E>> + Clone {
    debug_assert!(PUNCTUATION.contains(&p), "{p} is not punctuation");
    just(Token::Punct(p))
}

fn keyword<'src, E: SyntaxError<'src>>(
    word: &'static str,
) -> impl Parser<'src, Tokens<'src>, Token<'src>, Extra<'src, E>> + Clone {
    debug_assert!(RESERVED_KEYWORDS.contains(&word), "{word} is not reserved");
    just(Token::Keyword(word))
}

fn contextual<'src, E: SyntaxError<'src>>(
    word: &'static str,
) -> impl Parser<'src, Tokens<'src>, Token<'src>, Extra<'src, E>> + Clone {
    debug_assert!(
        CONTEXTUAL_KEYWORDS.contains(&word),
        "{word} is not contextual"
    );
    just(Token::Ident(word))
}

/// `#name`, giving the span of both tokens.
fn directive<'src, E: SyntaxError<'src>>(
    name: &'static str,
) -> impl Parser<'src, Tokens<'src>, Span, Extra<'src, E>> + Clone {
    debug_assert!(DIRECTIVES.contains(&name), "{name} is not a directive");
    let word = if RESERVED_KEYWORDS.contains(&name) {
        Token::Keyword(name)
    } else {
        Token::Ident(name)
    };
    punct("#").then(just(word)).map_with(|_, e| span_of(e))
}

fn ident<'src, E: SyntaxError<'src>>(
) -> impl Parser<'src, Tokens<'src>, Ident, Extra<'src, E>> + Clone {
    select! { Token::Ident(s) => s }
        .map_with(|s, e| Spanned::new(ident_name(s).to_string(), span_of(e)))
        .labelled("identifier")
}

/// An identifier or a reserved word, where either is only a name (`#if`,
/// property names such as `type`, cfg keys).
fn word<'src, E: SyntaxError<'src>>(
) -> impl Parser<'src, Tokens<'src>, Spanned<String>, Extra<'src, E>> + Clone {
    select! { Token::Ident(s) => s, Token::Keyword(s) => s }
        .map_with(|s, e| Spanned::new(ident_name(s).to_string(), span_of(e)))
        .labelled("identifier")
}

fn string<'src, E: SyntaxError<'src>>(
) -> impl Parser<'src, Tokens<'src>, Spanned<String>, Extra<'src, E>> + Clone {
    select! { Token::Str(s) => s }
        .map_with(|s, e| Spanned::new(unescape(s), span_of(e)))
        .labelled("string")
}

fn number<'src, E: SyntaxError<'src>>(
) -> impl Parser<'src, Tokens<'src>, Spanned<u64>, Extra<'src, E>> + Clone {
    select! { Token::Number(n) => n }
        .map_with(|n, e| Spanned::new(n, span_of(e)))
        .labelled("number")
}

/// `(T, …)` / `<T, …>` lists, trailing comma allowed.
fn list<'src, O: 'src, E: SyntaxError<'src>>(
    item: impl Parser<'src, Tokens<'src>, O, Extra<'src, E>> + Clone + 'src,
    open: &'static str,
    close: &'static str,
) -> impl Parser<'src, Tokens<'src>, Vec<O>, Extra<'src, E>> + Clone {
    item.separated_by(punct(","))
        .allow_trailing()
        .collect::<Vec<O>>()
        .delimited_by(punct(open), punct(close))
}

/// Folds `first OP x OP y …` left to right. Chains longer than
/// [`MAX_NESTING`] would build a tree too deep to walk, so they are cut
/// there with an E0006.
fn fold_chain<'src, T, E: SyntaxError<'src>>(
    first: T,
    rest: Vec<T>,
    e: &mut Ex<'src, '_, E>,
    combine: impl Fn(T, T) -> T,
) -> T {
    if rest.len() >= MAX_NESTING {
        let at = span_of(e);
        emit(
            e,
            Diagnostic::new(
                Code::E0006,
                "operator chain too long",
                at,
                format!("more than {MAX_NESTING} operands"),
            )
            .with_help("split the condition up"),
        );
    }
    rest.into_iter().take(MAX_NESTING).fold(first, combine)
}

// ---------------------------------------------------------------------------
// Paths and types.

fn path<'src, E: SyntaxError<'src>>(ty: PBox<'src, Type, E>) -> PBox<'src, Path, E> {
    let binding = ident()
        .then_ignore(punct("="))
        .then(ty.clone())
        .map(|(name, ty)| GenericArg::Binding { name, ty });
    // Most arguments are types: look ahead for `NAME =` before trying the
    // binding, instead of parsing the name twice.
    let generic_arg = ident()
        .then(punct("="))
        .rewind()
        .ignore_then(binding)
        .or(ty.map(GenericArg::Type));
    let generics = punct("::")
        .or_not()
        .ignore_then(list(generic_arg, "<", ">"));
    let segment = ident()
        .then(generics.or_not())
        .map(|(name, generics)| PathSegment {
            name,
            generics: generics.unwrap_or_default(),
        });
    let rest = punct("::")
        .ignore_then(segment.clone())
        .repeated()
        .collect::<Vec<_>>();
    let first_and_rest = segment.then(rest.clone()).map(|(first, rest)| {
        let mut segments = vec![first];
        segments.extend(rest);
        segments
    });
    choice((
        keyword("crate")
            .ignore_then(rest)
            .map(|s| (PathRoot::Crate, s)),
        punct("::")
            .ignore_then(first_and_rest.clone())
            .map(|s| (PathRoot::Global, s)),
        first_and_rest.map(|s| (PathRoot::Relative, s)),
    ))
    .map_with(|(root, segments), e| Path {
        root,
        segments,
        span: span_of(e),
    })
    .labelled("path")
    .boxed()
}

/// The single segment of a relative, one-segment path.
fn single_segment(path: &Path) -> Option<&PathSegment> {
    match (path.root, path.segments.as_slice()) {
        (PathRoot::Relative, [segment]) => Some(segment),
        _ => None,
    }
}

/// `Trait<…>`, `Fn(A, B) -> R`.
fn trait_ref<'src, E: SyntaxError<'src>>(
    path: PBox<'src, Path, E>,
    ty: PBox<'src, Type, E>,
) -> PBox<'src, TraitRef, E> {
    let fn_form = list(ty.clone(), "(", ")").then(punct("->").ignore_then(ty).or_not());
    path.then(fn_form.or_not())
        .map_with(|(path, fn_form), e| {
            let Some((inputs, output)) = fn_form else {
                return TraitRef::Path { path };
            };
            let kind = single_segment(&path)
                .filter(|s| s.generics.is_empty())
                .and_then(|s| {
                    let kind = match s.name.node.as_str() {
                        "Fn" => FnTraitKind::Fn,
                        "FnMut" => FnTraitKind::FnMut,
                        "FnOnce" => FnTraitKind::FnOnce,
                        _ => return None,
                    };
                    Some(Spanned::new(kind, s.name.span))
                });
            match kind {
                Some(name) => TraitRef::Fn {
                    name,
                    inputs,
                    output: output.map(Box::new),
                    span: span_of(e),
                },
                None => {
                    let at = path.span;
                    emit(
                        e,
                        Diagnostic::new(
                            Code::E0016,
                            "only `Fn`, `FnMut` and `FnOnce` take the `Name(…)` form",
                            at,
                            "not `Fn`, `FnMut` or `FnOnce`",
                        )
                        .with_help(
                            "write generic arguments in angle brackets: `Trait<A, Output = B>`",
                        ),
                    );
                    TraitRef::Path { path }
                }
            }
        })
        .boxed()
}

/// Gives a path its meaning as a type: primitives, `Box<T>` and
/// `ZngurCppOpaqueOwnedObject` are known by their bare name in any scope.
fn named_type<'src, E: SyntaxError<'src>>(path: Path, e: &mut Ex<'src, '_, E>) -> TypeKind {
    let Some(segment) = single_segment(&path) else {
        return TypeKind::Path { path };
    };
    let name = segment.name.node.as_str();
    if segment.generics.is_empty() {
        if let Some(primitive) = Primitive::from_name(name) {
            return TypeKind::Primitive { primitive };
        }
        if name == "ZngurCppOpaqueOwnedObject" {
            return TypeKind::CppOpaqueOwnedObject;
        }
    }
    if name != "Box" {
        return TypeKind::Path { path };
    }
    if let [GenericArg::Type(inner)] = segment.generics.as_slice() {
        return TypeKind::Boxed {
            inner: Box::new(inner.clone()),
        };
    }
    let label = match segment.generics.as_slice() {
        [] => "no type argument".to_string(),
        [GenericArg::Binding { .. }] => "a named argument".to_string(),
        args => format!("{} arguments", args.len()),
    };
    emit(
        e,
        Diagnostic::new(
            Code::E0014,
            "`Box` takes exactly one type argument",
            path.span,
            label,
        )
        .with_help("write `Box<T>`"),
    );
    TypeKind::Path { path }
}

fn type_parser<'src, E: SyntaxError<'src>>() -> PBox<'src, Type, E> {
    recursive(|ty| {
        let ty = ty.boxed();
        let path = path(ty.clone());
        let trait_ref = trait_ref(path.clone(), ty.clone());
        let mutable = keyword("mut").or_not().map(|m| m.is_some());
        let typed = |kind, e: &mut Ex<'src, '_, E>| Type {
            kind,
            span: span_of(e),
        };

        let reference = punct("&")
            .ignore_then(mutable.clone())
            .then(ty.clone())
            .map_with(move |(mutable, inner), e| {
                typed(
                    TypeKind::Ref {
                        mutable,
                        inner: Box::new(inner),
                    },
                    e,
                )
            });
        // `&&T` lexes as one token and means `& &T`.
        let double_reference = punct("&&")
            .ignore_then(mutable)
            .then(ty.clone())
            .map_with(move |(mutable, inner), e| {
                let outer = span_of(e);
                let inner = Type {
                    kind: TypeKind::Ref {
                        mutable,
                        inner: Box::new(inner),
                    },
                    span: Span {
                        start: outer.start.saturating_add(1),
                        ..outer
                    },
                };
                Type {
                    kind: TypeKind::Ref {
                        mutable: false,
                        inner: Box::new(inner),
                    },
                    span: outer,
                }
            });
        let pointer = punct("*")
            .ignore_then(choice((keyword("const").to(false), keyword("mut").to(true))))
            .then(ty.clone())
            .map_with(move |(mutable, inner), e| {
                typed(
                    TypeKind::Ptr {
                        mutable,
                        inner: Box::new(inner),
                    },
                    e,
                )
            });
        let array_length = punct(";")
            .ignore_then(any().and_is(punct("]").not()).repeated())
            .map_with(|_, e| span_of(e));
        let slice = ty
            .clone()
            .then(array_length.or_not())
            .delimited_by(punct("["), punct("]"))
            .map_with(move |(inner, array), e| {
                if let Some(at) = array {
                    emit(
                        e,
                        Diagnostic::new(
                            Code::E0010,
                            "arrays `[T; N]` are not supported",
                            at,
                            "array length",
                        )
                        .with_help("arrays are not supported: expose a slice `[T]`, or wrap the array in a Rust struct"),
                    );
                }
                typed(
                    TypeKind::Slice {
                        inner: Box::new(inner),
                    },
                    e,
                )
            });
        // `()` is the unit type, `(T,)` a tuple and `(T)` just `T`.
        let tuple_rest = punct(",").ignore_then(
            ty.clone()
                .separated_by(punct(","))
                .allow_trailing()
                .collect::<Vec<_>>(),
        );
        let parenthesized = ty
            .clone()
            .then(tuple_rest.or_not())
            .or_not()
            .delimited_by(punct("("), punct(")"))
            .map_with(move |inside, e| match inside {
                None => typed(TypeKind::Tuple { elems: Vec::new() }, e),
                Some((only, None)) => only,
                Some((first, Some(rest))) => {
                    let mut elems = vec![first];
                    elems.extend(rest);
                    typed(TypeKind::Tuple { elems }, e)
                }
            });
        let markers = punct("+").ignore_then(ident()).repeated().collect::<Vec<_>>();
        let dyn_trait = keyword("dyn")
            .ignore_then(trait_ref.clone())
            .then(markers.clone())
            .map_with(move |(tr, markers), e| typed(TypeKind::Dyn { tr, markers }, e));
        let impl_trait = keyword("impl")
            .ignore_then(trait_ref)
            .then(markers)
            .map_with(move |(tr, markers), e| typed(TypeKind::Impl { tr, markers }, e));
        let named = path.map_with(move |path, e| {
            let kind = named_type(path, e);
            typed(kind, e)
        });
        // Every alternative starts with a different token; the most common
        // come first, because each failed alternative costs an error value.
        choice((
            named,
            reference,
            parenthesized,
            dyn_trait,
            double_reference,
            pointer,
            slice,
            impl_trait,
        ))
        .labelled("type")
    })
    .boxed()
}

// ---------------------------------------------------------------------------
// Functions and methods.

/// Where a signature is declared, which decides whether it takes a
/// `safe`/`unsafe` prefix.
#[derive(Clone, Copy, PartialEq)]
enum FnContext {
    Rust,
    ExternCpp,
}

fn fn_decl<'src, E: SyntaxError<'src>>(
    ty: PBox<'src, Type, E>,
    path: PBox<'src, Path, E>,
    context: FnContext,
) -> PBox<'src, FnDecl, E> {
    let safety = choice((
        contextual("safe").to(Safety::Safe),
        keyword("unsafe").to(Safety::Unsafe),
    ))
    .map_with(|s, e| Spanned::new(s, span_of(e)));
    let safety = match context {
        FnContext::ExternCpp => safety.or_not().boxed(),
        FnContext::Rust => empty().to(None).boxed(),
    };
    let receiver = choice((
        keyword("self").to(Receiver::Value),
        punct("&")
            .then(keyword("mut"))
            .then(keyword("self"))
            .to(Receiver::RefMut),
        punct("&").then(keyword("self")).to(Receiver::Ref),
    ))
    .map_with(|r, e| Param::Receiver(Spanned::new(r, span_of(e))));
    let param = receiver.or(ty.clone().map(Param::Type));
    let params = list(param, "(", ")").recover_with(via_parser(nested_delimiters(
        Token::Punct("("),
        Token::Punct(")"),
        [
            (Token::Punct("["), Token::Punct("]")),
            (Token::Punct("{"), Token::Punct("}")),
        ],
        |_| Vec::new(),
    )));
    safety
        .then(keyword("async").or_not().map(|a| a.is_some()))
        .then(keyword("fn").map_with(|_, e| span_of(e)))
        .then(ident())
        .then(list(ty.clone(), "<", ">").or_not())
        .then(params)
        .then(punct("->").ignore_then(ty.clone()).or_not())
        .then(keyword("use").ignore_then(path).or_not())
        .then(contextual("deref").ignore_then(ty).or_not())
        .then_ignore(punct(";"))
        .map_with(
            move |((((((((safety, is_async), fn_span), name), generics), params), output), use_trait), deref),
                  e| {
                if context == FnContext::ExternCpp && safety.is_none() {
                    emit(
                        e,
                        Diagnostic::new(
                            Code::W0001,
                            "function in `extern \"C++\"` without `safe` or `unsafe`",
                            fn_span,
                            "neither `safe` nor `unsafe`",
                        )
                        .with_help("write `safe fn` (or `unsafe fn`); the bare form is from Zngur 0.9.0 and means `safe`"),
                    );
                }
                FnDecl {
                    safety,
                    is_async,
                    name,
                    generics: generics.unwrap_or_default(),
                    params,
                    output,
                    use_trait,
                    deref,
                    span: span_of(e),
                }
            },
        )
        .boxed()
}

// ---------------------------------------------------------------------------
// Property lists: `(size = 8, align = 4)`, `(offset = auto, type = T)`.

#[derive(Clone)]
enum PropertyValue {
    Number(Spanned<u64>),
    Type(Type),
}

#[derive(Clone)]
struct Property {
    name: Spanned<String>,
    value: PropertyValue,
}

struct Properties {
    list: Vec<Property>,
    span: Span,
}

fn properties<'src, E: SyntaxError<'src>>(ty: PBox<'src, Type, E>) -> PBox<'src, Properties, E> {
    let value = number()
        .map(PropertyValue::Number)
        .or(ty.map(PropertyValue::Type));
    let property = word()
        .then_ignore(punct("="))
        .then(value)
        .map(|(name, value)| Property { name, value });
    list(property, "(", ")")
        .map_with(|list, e| Properties {
            list,
            span: span_of(e),
        })
        .labelled("property list")
        .boxed()
}

/// Orders the properties as `wanted`, reporting unknown, repeated and
/// missing ones. `None` if any was wrong.
fn take_properties<'src, E: SyntaxError<'src>>(
    properties: Properties,
    wanted: &[&'static str],
    owner: &str,
    e: &mut Ex<'src, '_, E>,
) -> Option<Vec<PropertyValue>> {
    let expected_list = wanted
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut found: Vec<Option<Property>> = vec![None; wanted.len()];
    let mut ok = true;
    for property in properties.list {
        let name = property.name.node.as_str();
        let Some(index) = wanted.iter().position(|w| *w == name) else {
            let help = match did_you_mean(name, wanted.iter().copied()) {
                Some(better) => format!("did you mean `{better}`?"),
                None => format!("{owner} takes {expected_list}"),
            };
            let at = property.name.span;
            emit(
                e,
                Diagnostic::new(
                    Code::E0015,
                    format!("unknown property `{name}` in {owner}"),
                    at,
                    "unknown property",
                )
                .with_help(help),
            );
            ok = false;
            continue;
        };
        match found.get_mut(index) {
            Some(Some(first)) => {
                let first_span = first.name.span;
                let at = property.name.span;
                emit(
                    e,
                    Diagnostic::new(
                        Code::E0015,
                        format!("property `{name}` given twice in {owner}"),
                        at,
                        "given again here",
                    )
                    .with_label(first_span, "first given here")
                    .with_help("remove one of them"),
                );
                ok = false;
            }
            Some(slot) => *slot = Some(property),
            None => {}
        }
    }
    let mut values = Vec::with_capacity(wanted.len());
    for (name, slot) in wanted.iter().zip(found) {
        match slot {
            Some(property) => values.push(property.value),
            None => {
                emit(
                    e,
                    Diagnostic::new(
                        Code::E0015,
                        format!("property `{name}` missing in {owner}"),
                        properties.span,
                        format!("no `{name}` here"),
                    )
                    .with_help(format!("{owner} takes {expected_list}")),
                );
                ok = false;
            }
        }
    }
    ok.then_some(values)
}

fn expect_number<'src, E: SyntaxError<'src>>(
    value: PropertyValue,
    name: &str,
    e: &mut Ex<'src, '_, E>,
) -> Option<Spanned<u64>> {
    match value {
        PropertyValue::Number(n) => Some(n),
        PropertyValue::Type(ty) => {
            emit(
                e,
                Diagnostic::new(
                    Code::E0015,
                    format!("`{name}` must be a number"),
                    ty.span,
                    "not a number",
                )
                .with_help(format!("write `{name} = N` with N a number of bytes")),
            );
            None
        }
    }
}

/// `(size = N, align = N)`.
fn size_align<'src, E: SyntaxError<'src>>(
    properties: Properties,
    owner: &str,
    e: &mut Ex<'src, '_, E>,
) -> Option<(Spanned<u64>, Spanned<u64>)> {
    let values = take_properties(properties, &["size", "align"], owner, e)?;
    let [size, align] = <[PropertyValue; 2]>::try_from(values).ok()?;
    let size = expect_number(size, "size", e);
    let align = expect_number(align, "align", e);
    Some((size?, align?))
}

/// `(offset = N | auto, type = T)`.
fn field_properties<'src, E: SyntaxError<'src>>(
    properties: Properties,
    e: &mut Ex<'src, '_, E>,
) -> Option<(Spanned<FieldOffset>, Type)> {
    let values = take_properties(properties, &["offset", "type"], "`field`", e)?;
    let [offset, ty] = <[PropertyValue; 2]>::try_from(values).ok()?;
    let offset = match offset {
        PropertyValue::Number(n) => Some(Spanned::new(FieldOffset::Bytes(n.node), n.span)),
        PropertyValue::Type(Type {
            kind: TypeKind::Path { path },
            span,
        }) if single_segment(&path)
            .is_some_and(|s| s.name.node == "auto" && s.generics.is_empty()) =>
        {
            Some(Spanned::new(FieldOffset::Auto, span))
        }
        PropertyValue::Type(other) => {
            emit(
                e,
                Diagnostic::new(
                    Code::E0015,
                    "`offset` must be a number or `auto`",
                    other.span,
                    "not a number or `auto`",
                )
                .with_help("write `offset = N` (bytes) or `offset = auto`"),
            );
            None
        }
    };
    let ty = match ty {
        PropertyValue::Type(ty) => Some(ty),
        PropertyValue::Number(n) => {
            emit(
                e,
                Diagnostic::new(Code::E0015, "`type` must be a type", n.span, "not a type")
                    .with_help("write `type = T` with the Rust type of the field"),
            );
            None
        }
    };
    Some((offset?, ty?))
}

// ---------------------------------------------------------------------------
// Recovery and directives common to every block.

fn is_opener(token: &Token<'_>) -> bool {
    matches!(token, Token::Punct("(" | "[" | "{"))
}

fn is_closer(token: &Token<'_>) -> bool {
    matches!(token, Token::Punct(")" | "]" | "}"))
}

/// A balanced `(…)`, `[…]` or `{…}` group.
fn balanced<'src, E: SyntaxError<'src>>() -> PBox<'src, (), E> {
    recursive(|group| {
        let inside = group
            .or(any().filter(|t| !is_opener(t) && !is_closer(t)).ignored())
            .repeated();
        choice((
            inside.clone().delimited_by(punct("("), punct(")")),
            inside.clone().delimited_by(punct("["), punct("]")),
            inside.delimited_by(punct("{"), punct("}")),
        ))
    })
    .boxed()
}

/// The rest of a broken item: up to and including its `;` or its `{…}`
/// body, or up to (excluding) the next token that starts an item, a `}`
/// that closes the enclosing block, or the end of the file.
fn rest_of_item<'src, E: SyntaxError<'src>>(is_start: fn(&Token<'_>) -> bool) -> PBox<'src, (), E> {
    let braced = punct("{").rewind().ignore_then(balanced());
    let piece = choice((
        balanced(),
        any()
            .filter(move |t| !is_start(t) && !matches!(t, Token::Punct(";" | "}" | "{")))
            .ignored(),
    ));
    piece
        .repeated()
        .then(choice((punct(";").ignored(), braced)).or_not())
        .ignored()
        .boxed()
}

/// Skips a broken item; always consumes at least one token unless at a `}`
/// or the end of the file.
fn skip_item<'src, E: SyntaxError<'src>>(is_start: fn(&Token<'_>) -> bool) -> PBox<'src, (), E> {
    choice((
        punct(";").ignored(),
        balanced(),
        any()
            .filter(|t| *t != Token::Punct("}"))
            .ignored()
            .then(rest_of_item(is_start))
            .ignored(),
    ))
    .boxed()
}

/// An item parser that, when the item is broken, reports the error, skips
/// the item and yields `None`.
fn recovering<'src, T: 'src, E: SyntaxError<'src>>(
    item: PBox<'src, Option<T>, E>,
    is_start: fn(&Token<'_>) -> bool,
) -> PBox<'src, Option<T>, E> {
    item.recover_with(via_parser(skip_item(is_start).map(|()| None)))
        .boxed()
}

/// Where a directive appears.
#[derive(Clone, Copy)]
enum Place {
    TopLevel,
    TypeBody,
}

const TOP_LEVEL_DIRECTIVES: &[&str] = &[
    "convert_panic_to_exception",
    "cpp_additional_includes",
    "unstable",
    "if",
    "match",
];

const TYPE_DIRECTIVES: &[&str] = &[
    "layout",
    "layout_conservative",
    "heap_allocated",
    "heap_allocate",
    "only_by_ref",
    "cpp_value",
    "cpp_ref",
    "cpp_stack_owned",
    "if",
    "match",
];

impl Place {
    fn directives(self) -> &'static [&'static str] {
        match self {
            Place::TopLevel => TOP_LEVEL_DIRECTIVES,
            Place::TypeBody => TYPE_DIRECTIVES,
        }
    }
}

/// `#name …` where `name` is no directive of this place: reported as E0011
/// and skipped like a broken item.
fn unknown_directive<'src, T: 'src, E: SyntaxError<'src>>(
    place: Place,
    is_start: fn(&Token<'_>) -> bool,
) -> PBox<'src, Option<T>, E> {
    let known = place.directives();
    punct("#")
        .ignore_then(word().filter(move |name| !known.contains(&name.node.as_str())))
        .then_ignore(rest_of_item(is_start))
        .map_with(move |name, e| {
            let diagnostic = unknown_directive_diagnostic(&name, place);
            emit(e, diagnostic);
            None
        })
        .boxed()
}

fn unknown_directive_diagnostic(name: &Spanned<String>, place: Place) -> Diagnostic {
    let text = name.node.as_str();
    let span = name.span;
    if text == "else" {
        return Diagnostic::new(
            Code::E0011,
            "`#else` without `#if`",
            span,
            "no `#if` before this",
        )
        .with_help("`#else` must directly follow the `}` of an `#if` block");
    }
    if DIRECTIVES.contains(&text) {
        let (message, help) = match place {
            Place::TopLevel => (
                format!("`#{text}` is not allowed outside a `type` body"),
                format!("move `#{text}` into the `type {{ … }}` it describes"),
            ),
            Place::TypeBody => (
                format!("`#{text}` is not allowed inside a `type` body"),
                format!("move `#{text}` to the top level of the file"),
            ),
        };
        return Diagnostic::new(Code::E0011, message, span, "not allowed here").with_help(help);
    }
    let known = place.directives().iter().filter(|d| **d != "heap_allocate");
    let help = match did_you_mean(text, known.clone().copied()) {
        Some(better) => format!("did you mean `#{better}`?"),
        None => format!(
            "directives here are {}",
            known
                .map(|d| format!("`#{d}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::new(
        Code::E0011,
        format!("unknown directive `#{text}`"),
        span,
        "not a directive",
    )
    .with_help(help)
}

// ---------------------------------------------------------------------------
// Conditionals: `#if` / `#match`.

fn cfg_pattern<'src, E: SyntaxError<'src>>() -> PBox<'src, CfgPattern, E> {
    recursive(|pattern| {
        let pat = |kind, e: &mut Ex<'src, '_, E>| CfgPattern {
            kind,
            span: span_of(e),
        };
        let tuple_or_group = pattern
            .clone()
            .then(punct(",").or_not().map(|c| c.is_some()))
            .then(
                pattern
                    .separated_by(punct(","))
                    .allow_trailing()
                    .collect::<Vec<CfgPattern>>(),
            )
            .or_not()
            .delimited_by(punct("("), punct(")"))
            .map_with(move |inside, e| match inside {
                Some(((only, false), rest)) if rest.is_empty() => only,
                Some(((first, _), rest)) => {
                    let mut elems = vec![first];
                    elems.extend(rest);
                    pat(CfgPatternKind::Tuple(elems), e)
                }
                None => pat(CfgPatternKind::Tuple(Vec::new()), e),
            });
        let primary = choice((
            select! { Token::Str(s) => CfgPatternKind::Str(unescape(s)) }
                .map_with(move |k, e| pat(k, e)),
            select! { Token::Number(n) => CfgPatternKind::Number(n) }
                .map_with(move |k, e| pat(k, e)),
            contextual("Some").map_with(move |_, e| pat(CfgPatternKind::Some, e)),
            contextual("None").map_with(move |_, e| pat(CfgPatternKind::None, e)),
            punct("_").map_with(move |_, e| pat(CfgPatternKind::Wildcard, e)),
            tuple_or_group,
        ));
        let negated = punct("!")
            .map_with(|_, e| span_of(e))
            .repeated()
            .collect::<Vec<Span>>()
            .then(primary)
            .map(|(nots, inner)| {
                nots.into_iter().rev().fold(inner, |inner, not| CfgPattern {
                    span: not.to(inner.span),
                    kind: CfgPatternKind::Not(Box::new(inner)),
                })
            });
        let joined =
            |operand: PBox<'src, CfgPattern, E>,
             op: &'static str,
             make: fn(Box<CfgPattern>, Box<CfgPattern>) -> CfgPatternKind| {
                operand
                    .clone()
                    .then(
                        punct(op)
                            .ignore_then(operand)
                            .repeated()
                            .collect::<Vec<_>>(),
                    )
                    .map_with(move |(first, rest), e| {
                        fold_chain(first, rest, e, |lhs, rhs| CfgPattern {
                            span: lhs.span.to(rhs.span),
                            kind: make(Box::new(lhs), Box::new(rhs)),
                        })
                    })
                    .boxed()
            };
        let and = joined(negated.boxed(), "&", CfgPatternKind::And);
        joined(and, "|", CfgPatternKind::Or).labelled("pattern")
    })
    .boxed()
}

/// `KEY`, `KEY.item`, `KEY."item"` inside `cfg!(…)`.
fn cfg_key<'src, E: SyntaxError<'src>>() -> PBox<'src, CfgKey, E> {
    let item = choice((
        word(),
        string(),
        number().map(|n| Spanned::new(n.node.to_string(), n.span)),
    ));
    word()
        .then(punct(".").ignore_then(item).or_not())
        .map_with(|(name, item), e| CfgKey {
            name,
            item,
            span: span_of(e),
        })
        .labelled("cfg key")
        .boxed()
}

fn cfg_call<'src, O: 'src, E: SyntaxError<'src>>(
    inner: impl Parser<'src, Tokens<'src>, O, Extra<'src, E>> + Clone + 'src,
) -> PBox<'src, O, E> {
    contextual("cfg")
        .then(punct("!"))
        .ignore_then(inner.delimited_by(punct("("), punct(")")))
        .boxed()
}

fn cfg_guard<'src, E: SyntaxError<'src>>() -> PBox<'src, CfgGuard, E> {
    recursive(|guard| {
        let test = cfg_call(cfg_key().then(punct("=").ignore_then(cfg_pattern()).or_not()))
            .map_with(|(key, pattern), e| CfgGuard {
                kind: CfgGuardKind::Test { key, pattern },
                span: span_of(e),
            });
        let primary = test.or(guard.delimited_by(punct("("), punct(")")));
        let negated = punct("!")
            .map_with(|_, e| span_of(e))
            .repeated()
            .collect::<Vec<Span>>()
            .then(primary)
            .map(|(nots, inner)| {
                nots.into_iter().rev().fold(inner, |inner, not| CfgGuard {
                    span: not.to(inner.span),
                    kind: CfgGuardKind::Not {
                        inner: Box::new(inner),
                    },
                })
            })
            .boxed();
        let and = negated
            .clone()
            .then(
                punct("&&")
                    .ignore_then(negated)
                    .repeated()
                    .collect::<Vec<_>>(),
            )
            .map_with(|(first, rest), e| {
                fold_chain(first, rest, e, |lhs, rhs| CfgGuard {
                    span: lhs.span.to(rhs.span),
                    kind: CfgGuardKind::And {
                        lhs: Box::new(lhs),
                        rhs: Box::new(rhs),
                    },
                })
            })
            .boxed();
        and.clone()
            .then(punct("||").ignore_then(and).repeated().collect::<Vec<_>>())
            .map_with(|(first, rest), e| {
                fold_chain(first, rest, e, |lhs, rhs| CfgGuard {
                    span: lhs.span.to(rhs.span),
                    kind: CfgGuardKind::Or {
                        lhs: Box::new(lhs),
                        rhs: Box::new(rhs),
                    },
                })
            })
            .labelled("cfg condition")
    })
    .boxed()
}

fn block<'src, T: 'src, E: SyntaxError<'src>>(
    item: PBox<'src, Option<T>, E>,
) -> PBox<'src, Vec<T>, E> {
    braced(
        item.repeated()
            .collect::<Vec<Option<T>>>()
            .map(|items| items.into_iter().flatten().collect()),
    )
}

/// The message of the diagnostic for a `{` without its `}`.
pub const UNCLOSED_BLOCK: &str = "unclosed `{`";

/// `{ inner }`, where a `}` missing at the end of the file is reported at
/// its `{` but tolerated. Failing the block instead would make each
/// enclosing block parse the same text again after its own recovery, which
/// takes time exponential in the number of unclosed blocks.
fn braced<'src, O: 'src, E: SyntaxError<'src>>(
    inner: impl Parser<'src, Tokens<'src>, O, Extra<'src, E>> + Clone + 'src,
) -> PBox<'src, O, E> {
    let closed = punct("}").to(true).or(end().to(false));
    punct("{")
        .map_with(|_, e| span_of(e))
        .then(inner)
        .then(closed)
        .map_with(|((open, inner), closed), e| {
            if !closed {
                emit(
                    e,
                    Diagnostic::new(Code::E0010, UNCLOSED_BLOCK, open, "never closed")
                        .with_help("add the `}` that closes this block"),
                );
            }
            inner
        })
        .boxed()
}

/// `#if …` and `#match …` over items of type `T`.
fn conditional<'src, T: 'src, E: SyntaxError<'src>>(
    item: PBox<'src, Option<T>, E>,
) -> PBox<'src, Conditional<T>, E> {
    let guard = cfg_guard();
    let block = block(item.clone());
    let else_if = directive("else")
        .then(keyword("if"))
        .ignore_then(guard.clone())
        .then(block.clone())
        .map(|(guard, items)| CfgBranch { guard, items });
    let cfg_if = directive("if")
        .ignore_then(guard)
        .then(block.clone())
        .map(|(guard, items)| CfgBranch { guard, items })
        .then(else_if.repeated().collect::<Vec<_>>())
        .then(directive("else").ignore_then(block.clone()).or_not())
        .map_with(|((first, more), else_items), e| {
            let mut branches = vec![first];
            branches.extend(more);
            Conditional::If(CfgIf {
                branches,
                else_items,
                span: span_of(e),
            })
        });
    let scrutinee = choice((
        cfg_call(cfg_key()).map(|key| CfgScrutinee::Single { key }),
        list(cfg_call(cfg_key()), "(", ")").map_with(|keys, e| CfgScrutinee::Tuple {
            keys,
            span: span_of(e),
        }),
    ));
    let arm = cfg_pattern()
        .then_ignore(punct("=>"))
        .then(block.or(item.map(|item| item.into_iter().collect())))
        .then_ignore(punct(",").or_not())
        .map_with(|(pattern, items), e| CfgArm {
            pattern,
            items,
            span: span_of(e),
        });
    let cfg_match = directive("match")
        .ignore_then(scrutinee)
        .then(braced(arm.repeated().collect::<Vec<_>>()))
        .map_with(|(scrutinee, arms), e| {
            Conditional::Match(CfgMatch {
                scrutinee,
                arms,
                span: span_of(e),
            })
        });
    cfg_if.or(cfg_match).boxed()
}

// ---------------------------------------------------------------------------
// Items inside `type` bodies.

fn starts_type_item(token: &Token<'_>) -> bool {
    matches!(
        token,
        Token::Keyword("fn" | "async")
            | Token::Punct("#")
            | Token::Ident("constructor" | "field" | "wellknown_traits")
    )
}

fn type_item<'src, E: SyntaxError<'src>>(
    ty: PBox<'src, Type, E>,
    path: PBox<'src, Path, E>,
) -> PBox<'src, Option<TypeItem>, E> {
    // `recursive` (not `Recursive::declare`): its self-reference is weak, so
    // the parser is freed after use instead of leaking through a cycle.
    recursive(|item| {
        let semi = || punct(";");

        let layout = choice((
            directive("layout").to(LayoutKind::Exact),
            directive("layout_conservative").to(LayoutKind::Conservative),
        ))
        .then(properties(ty.clone()))
        .then_ignore(semi())
        .map_with(|(kind, props), e| {
            let owner = match kind {
                LayoutKind::Exact => "`#layout`",
                LayoutKind::Conservative => "`#layout_conservative`",
            };
            let (size, align) = size_align(props, owner, e)?;
            Some(TypeItem::Layout(LayoutDirective {
                kind,
                size,
                align,
                span: span_of(e),
            }))
        });
        let heap_allocated = directive("heap_allocated")
            .then_ignore(semi())
            .map(|span| Some(TypeItem::HeapAllocated(Directive { span })));
        let heap_allocate = directive("heap_allocate")
            .then_ignore(semi())
            .map_with(|span, e| {
                emit(
                    e,
                    Diagnostic::new(
                        Code::W0002,
                        "`#heap_allocate` is spelled `#heap_allocated`",
                        span,
                        "read as `#heap_allocated`",
                    )
                    .with_help("write `#heap_allocated`; Zngur only accepts that spelling"),
                );
                Some(TypeItem::HeapAllocated(Directive { span }))
            });
        let only_by_ref = directive("only_by_ref")
            .then_ignore(semi())
            .map(|span| Some(TypeItem::OnlyByRef(Directive { span })));
        let cpp_value = directive("cpp_value")
            .ignore_then(string())
            .then(string())
            .then_ignore(semi())
            .map_with(|(field, cpp_type), e| {
                Some(TypeItem::CppValue(CppValue {
                    field,
                    cpp_type,
                    span: span_of(e),
                }))
            });
        let cpp_ref = directive("cpp_ref")
            .ignore_then(string())
            .then_ignore(semi())
            .map_with(|cpp_type, e| {
                Some(TypeItem::CppRef(CppRef {
                    cpp_type,
                    span: span_of(e),
                }))
            });
        let cpp_stack_owned = directive("cpp_stack_owned")
            .ignore_then(string())
            .then(properties(ty.clone()))
            .then_ignore(semi())
            .map_with(|(cpp_type, props), e| {
                let (size, align) = size_align(props, "`#cpp_stack_owned`", e)?;
                Some(TypeItem::CppStackOwned(CppStackOwned {
                    cpp_type,
                    size,
                    align,
                    span: span_of(e),
                }))
            });
        let wellknown_trait = punct("?")
            .or_not()
            .then(ident())
            .map_with(|(question, name), e| {
                let text = match question {
                    Some(_) => format!("?{}", name.node),
                    None => name.node,
                };
                let span = span_of(e);
                let found = WellknownTrait::ALL.iter().find(|(n, _)| *n == text);
                if found.is_none() {
                    let names = WellknownTrait::ALL.iter().map(|(n, _)| *n);
                    let help = match did_you_mean(&text, names.clone()) {
                        Some(better) => format!("did you mean `{better}`?"),
                        None => format!(
                            "the well-known traits are {}",
                            names
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    emit(
                        e,
                        Diagnostic::new(
                            Code::E0012,
                            format!("`{text}` is not a well-known trait"),
                            span,
                            "unknown trait",
                        )
                        .with_help(help),
                    );
                }
                found.map(|&(_, tr)| Spanned::new(tr, span))
            });
        let wellknown_traits = contextual("wellknown_traits")
            .ignore_then(list(wellknown_trait, "(", ")"))
            .then_ignore(semi())
            .map_with(|traits, e| {
                Some(TypeItem::WellknownTraits(WellknownTraits {
                    traits: traits.into_iter().flatten().collect(),
                    span: span_of(e),
                }))
            });
        let named_field = ident()
            .then_ignore(punct(":"))
            .then(ty.clone())
            .map(|(name, ty)| NamedField { name, ty });
        let constructor_fields = choice((
            list(ty.clone(), "(", ")").map(ConstructorFields::Tuple),
            list(named_field, "{", "}").map(ConstructorFields::Named),
        ))
        .or_not()
        .map(|fields| fields.unwrap_or(ConstructorFields::Unit));
        let constructor = contextual("constructor")
            .ignore_then(ident().or_not())
            .then(constructor_fields)
            .then_ignore(semi())
            .map_with(|(name, fields), e| {
                Some(TypeItem::Constructor(Constructor {
                    name,
                    fields,
                    span: span_of(e),
                }))
            });
        let field_name = choice((
            ident().map(|n| Spanned::new(FieldName::Named(n.node), n.span)),
            number().map(|n| Spanned::new(FieldName::Index(n.node), n.span)),
        ));
        let field = contextual("field")
            .ignore_then(field_name)
            .then(properties(ty.clone()))
            .then_ignore(semi())
            .map_with(|(name, props), e| {
                let (offset, ty) = field_properties(props, e)?;
                Some(TypeItem::Field(Field {
                    name,
                    offset,
                    ty,
                    span: span_of(e),
                }))
            });
        let method =
            fn_decl(ty, path, FnContext::Rust).map(|f| Some(TypeItem::Method(Box::new(f))));
        let conditional = conditional(item.clone().boxed()).map(|c| Some(TypeItem::Conditional(c)));

        recovering(
            choice((
                method,
                punct("#").rewind().ignore_then(choice((
                    layout,
                    heap_allocated,
                    heap_allocate,
                    only_by_ref,
                    cpp_value,
                    cpp_ref,
                    cpp_stack_owned,
                    conditional,
                    unknown_directive(Place::TypeBody, starts_type_item),
                ))),
                wellknown_traits,
                constructor,
                field,
            ))
            .labelled("type item")
            .boxed(),
            starts_type_item,
        )
    })
    .boxed()
}

// ---------------------------------------------------------------------------
// Top-level items.

fn starts_item(token: &Token<'_>) -> bool {
    matches!(
        token,
        Token::Keyword("type" | "trait" | "fn" | "async" | "mod" | "extern" | "use")
            | Token::Punct("#")
            | Token::Ident("merge" | "import")
    )
}

fn starts_fn(token: &Token<'_>) -> bool {
    matches!(
        token,
        Token::Keyword("fn" | "async" | "unsafe" | "impl") | Token::Ident("safe")
    )
}

fn extern_block<'src, E: SyntaxError<'src>>(
    ty: PBox<'src, Type, E>,
    path: PBox<'src, Path, E>,
) -> PBox<'src, ExternCppBlock, E> {
    let method = fn_decl(ty.clone(), path.clone(), FnContext::ExternCpp);
    let methods = block(recovering(method.clone().map(Some).boxed(), starts_fn));
    let trait_for = trait_ref(path, ty.clone()).then_ignore(keyword("for"));
    let impl_block = keyword("impl")
        .ignore_then(trait_for.or_not())
        .then(ty)
        .then(methods)
        .map_with(|((tr, ty), methods), e| {
            ExternItem::Impl(ExternImpl {
                tr,
                ty,
                methods,
                span: span_of(e),
            })
        });
    let extern_item = choice((method.map(ExternItem::Fn), impl_block))
        .labelled("`safe fn`, `unsafe fn` or `impl`");
    keyword("extern")
        .ignore_then(string())
        .then(block(recovering(extern_item.map(Some).boxed(), starts_fn)))
        .map_with(|(abi, items), e| {
            if abi.node != "C++" {
                emit(
                    e,
                    Diagnostic::new(
                        Code::E0010,
                        format!("expected `\"C++\"`, found `\"{}\"`", abi.node),
                        abi.span,
                        "unsupported language",
                    )
                    .with_help("only `extern \"C++\" { … }` blocks exist"),
                );
            }
            ExternCppBlock {
                items,
                span: span_of(e),
            }
        })
        .boxed()
}

fn item_parser<'src, E: SyntaxError<'src>>() -> PBox<'src, Option<Item>, E> {
    let ty = type_parser();
    let path = path(ty.clone());
    let type_item = type_item(ty.clone(), path.clone());
    recursive(|item| {
        let type_decl = keyword("type")
            .ignore_then(ty.clone())
            .then(block(type_item))
            .map_with(|(ty, items), e| {
                Item::Type(TypeDecl {
                    ty,
                    items,
                    span: span_of(e),
                })
            });
        let trait_methods = block(recovering(
            fn_decl(ty.clone(), path.clone(), FnContext::Rust)
                .map(Some)
                .boxed(),
            starts_fn,
        ));
        let trait_decl = keyword("trait")
            .ignore_then(trait_ref(path.clone(), ty.clone()))
            .then(trait_methods)
            .map_with(|(tr, methods), e| {
                if let TraitRef::Fn { span, .. } = &tr {
                    let at = *span;
                    emit(
                        e,
                        Diagnostic::new(
                            Code::E0016,
                            "a `trait` declaration cannot use the `Fn(…)` form",
                            at,
                            "`Fn(…)` form",
                        )
                        .with_help(
                            "declare a named trait, or use `Box<dyn Fn(…)>` types for closures",
                        ),
                    );
                }
                Item::Trait(TraitDecl {
                    tr,
                    methods,
                    span: span_of(e),
                })
            });
        let free_fn =
            fn_decl(ty.clone(), path.clone(), FnContext::Rust).map(|f| Item::Fn(Box::new(f)));
        let mod_block = keyword("mod")
            .ignore_then(path.clone())
            .then(block(item.clone().boxed()))
            .map_with(|(path, items), e| {
                Item::Mod(ModBlock {
                    path,
                    items,
                    span: span_of(e),
                })
            });
        let use_alias = keyword("use")
            .ignore_then(path.clone())
            .then_ignore(keyword("as"))
            .then(ident())
            .then_ignore(punct(";"))
            .map_with(|(path, alias), e| {
                Item::Use(UseAlias {
                    path,
                    alias,
                    span: span_of(e),
                })
            });
        let file_ref = |word| {
            contextual(word)
                .ignore_then(string())
                .then_ignore(punct(";"))
                .map_with(|path, e| FileRef {
                    path,
                    span: span_of(e),
                })
        };
        let optional_semi = || punct(";").or_not();
        let convert_panic = directive("convert_panic_to_exception")
            .then_ignore(optional_semi())
            .map(|span| Item::ConvertPanicToException(Directive { span }));
        let includes = directive("cpp_additional_includes")
            .ignore_then(string())
            .then_ignore(optional_semi())
            .map_with(|text, e| {
                Item::CppAdditionalIncludes(CppAdditionalIncludes {
                    text,
                    span: span_of(e),
                })
            });
        let unstable = directive("unstable")
            .ignore_then(word().delimited_by(punct("("), punct(")")))
            .then_ignore(optional_semi())
            .map_with(|name, e| {
                let feature = match name.node.as_str() {
                    "cfg_if" => UnstableFeature::CfgIf,
                    "cfg_match" => UnstableFeature::CfgMatch,
                    other => {
                        let help = match did_you_mean(other, ["cfg_if", "cfg_match"]) {
                            Some(better) => format!("did you mean `{better}`?"),
                            None => {
                                "the unstable features are `cfg_if` and `cfg_match`".to_string()
                            }
                        };
                        emit(
                            e,
                            Diagnostic::new(
                                Code::E0013,
                                format!("unknown unstable feature `{other}`"),
                                name.span,
                                "not an unstable feature",
                            )
                            .with_help(help),
                        );
                        return None;
                    }
                };
                Some(Item::Unstable(Unstable {
                    feature: Spanned::new(feature, name.span),
                    span: span_of(e),
                }))
            });
        let conditional = conditional(item.clone().boxed()).map(Item::Conditional);

        recovering(
            choice((
                type_decl.map(Some),
                trait_decl.map(Some),
                free_fn.map(Some),
                mod_block.map(Some),
                extern_block(ty, path).map(|b| Some(Item::ExternCpp(b))),
                use_alias.map(Some),
                file_ref("merge").map(|f| Some(Item::Merge(f))),
                file_ref("import").map(|f| Some(Item::Import(f))),
                convert_panic.map(Some),
                includes.map(Some),
                unstable,
                conditional.map(Some),
                unknown_directive(Place::TopLevel, starts_item),
            ))
            .labelled("item")
            .boxed(),
            starts_item,
        )
    })
    .boxed()
}

/// A whole file: items, with stray `}` reported and skipped.
fn file_parser<'src, E: SyntaxError<'src>>() -> PBox<'src, File, E> {
    let stray_close = punct("}").map_with(|_, e| {
        let at = span_of(e);
        emit(
            e,
            Diagnostic::new(Code::E0010, "unexpected `}`", at, "no block to close here")
                .with_help("remove it, or add the `{` it was meant to close"),
        );
        None
    });
    item_parser()
        .or(stray_close)
        .repeated()
        .collect::<Vec<Option<Item>>>()
        .then_ignore(end())
        .map(|items| File {
            items: items.into_iter().flatten().collect(),
        })
        .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::lexer::lex;

    /// A file big enough to be cut into runs, with warnings found while
    /// building the tree, and `#if`/`#else` pairs that must stay together.
    fn big_file() -> String {
        let mut text = String::from("#convert_panic_to_exception\n");
        for i in 0..1500 {
            text.push_str(&format!(
                "mod crate::m{i} {{ type T{i} {{ #heap_allocate; fn f(&self) -> u8; }} }}\n\
                 #if cfg!(feature = \"x\") {{ fn g{i}(); }} #else {{ fn h{i}(); }}\n\
                 extern \"C++\" {{ fn cpp{i}(i32); }}\n"
            ));
        }
        text
    }

    #[test]
    fn a_file_parsed_in_runs_is_the_file_parsed_whole() {
        let text = big_file();
        let (tokens, _) = lex(FileId(0), &text);
        assert!(item_runs(&tokens, 2, MIN_TOKENS_PER_RUN).len() > 1);
        let runs = parse_tokens(FileId(0), &tokens, text.len());
        let whole = explain_errors(FileId(0), &tokens, text.len());
        assert_eq!(runs.0, whole.0);
        assert_eq!(runs.1, whole.1);
        assert!(!runs.1.is_empty(), "the file has warnings");
    }

    #[test]
    fn an_error_in_one_run_is_reported_as_in_a_whole_file() {
        let mut text = big_file();
        text.push_str("type crate::Broken { fn (; }\n");
        let (tokens, _) = lex(FileId(0), &text);
        let (file, diagnostics) = parse_tokens(FileId(0), &tokens, text.len());
        assert!(diagnostics.iter().any(|d| d.code == Code::E0010));
        // Every good item is kept; the broken one is recovered as far as it goes.
        assert!(file.items.len() > 1500 * 3);
    }
}
