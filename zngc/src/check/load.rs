//! Reading files: the root, then every `merge`d file (depth-first, each file
//! once), with cycle detection. `import`ed files are only located: Zngur
//! generates them as separate bridges.

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::check::cfg::CfgSet;
use crate::check::resolve::{resolve_file, Decl};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, SourceMap, Span, Spanned};
use crate::syntax::ast::{self, FileRef};

/// Reads a file: its identity (two paths naming the same file give the same
/// identity) and its bytes.
pub type Reader<'a> = &'a mut dyn FnMut(&Path) -> io::Result<(PathBuf, Vec<u8>)>;

/// Text to syntax tree (`syntax::parse`, or a stand-in in tests).
pub type ParseFn = fn(FileId, &str) -> (ast::File, Vec<Diagnostic>);

/// Every active declaration of the root file and of the files it merges.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The root file's syntax tree, if it could be read.
    pub root: Option<ast::File>,
    pub root_id: Option<FileId>,
    /// Declarations in order: each file's own, then those of the files it
    /// merges, depth-first.
    pub decls: Vec<(FileId, Decl)>,
    /// `import "FILE"`: the resolved path, spanned at the string.
    pub imports: Vec<Spanned<PathBuf>>,
}

/// A file being expanded: the merges it names, and how far we are.
struct Frame {
    file: FileId,
    identity: PathBuf,
    /// The `merge` that brought the file in (none for the root).
    via: Option<Span>,
    merges: Vec<FileRef>,
    next: usize,
}

pub fn load(
    root: &Path,
    cfg: &CfgSet,
    read: Reader<'_>,
    parse: ParseFn,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Loaded {
    let mut loader = Loader {
        cfg,
        read,
        parse,
        sources,
        diags,
        loaded: Loaded::default(),
    };
    loader.run(root);
    loader.loaded
}

struct Loader<'a, 'r> {
    cfg: &'a CfgSet,
    read: Reader<'r>,
    parse: ParseFn,
    sources: &'a mut SourceMap,
    diags: &'a mut Vec<Diagnostic>,
    loaded: Loaded,
}

impl Loader<'_, '_> {
    fn run(&mut self, root: &Path) {
        let (identity, bytes) = match (self.read)(root) {
            Ok(file) => file,
            Err(err) => {
                self.diags.push(
                    Diagnostic::without_span(
                        Code::E0001,
                        format!("cannot read `{}`: {}", root.display(), io_message(&err)),
                    )
                    .with_help("check the path: it must name a readable .zng file"),
                );
                return;
            }
        };
        let Some((file, ast)) = self.decode_and_parse(root.to_path_buf(), bytes) else {
            return;
        };
        let mut seen = HashSet::from([identity.clone()]);
        let mut stack = vec![self.expand(file, identity, None, &ast)];
        self.loaded.root = Some(ast);
        self.loaded.root_id = Some(file);
        while let Some(frame) = stack.last_mut() {
            let Some(merge) = frame.merges.get(frame.next).cloned() else {
                stack.pop();
                continue;
            };
            frame.next += 1;
            let path = relative_to(self.sources, frame.file, &merge.path.node);
            let (identity, bytes) = match (self.read)(&path) {
                Ok(file) => file,
                Err(err) => {
                    self.diags.push(unreadable(&merge, &path, &err, "merge"));
                    continue;
                }
            };
            if let Some(start) = stack.iter().position(|f| f.identity == identity) {
                self.diags
                    .push(cycle(&stack[start..], &merge, self.sources));
                continue;
            }
            if !seen.insert(identity.clone()) {
                continue;
            }
            let Some((file, ast)) = self.decode_and_parse(path, bytes) else {
                continue;
            };
            stack.push(self.expand(file, identity, Some(merge.path.span), &ast));
        }
    }

    /// Resolves one file's items into `loaded` and returns the frame of its
    /// merges. `import`ed files must exist but are not read further.
    fn expand(
        &mut self,
        file: FileId,
        identity: PathBuf,
        via: Option<Span>,
        ast: &ast::File,
    ) -> Frame {
        let mut merges = Vec::new();
        for decl in resolve_file(ast, self.cfg, self.diags) {
            match decl {
                Decl::Merge(merge) => merges.push(merge),
                Decl::Import(import) => {
                    let path = relative_to(self.sources, file, &import.path.node);
                    if let Err(err) = (self.read)(&path) {
                        self.diags.push(unreadable(&import, &path, &err, "import"));
                    }
                    self.loaded
                        .imports
                        .push(Spanned::new(path, import.path.span));
                }
                decl => self.loaded.decls.push((file, decl)),
            }
        }
        Frame {
            file,
            identity,
            via,
            merges,
            next: 0,
        }
    }

    /// Adds the file to `sources` and parses it. Invalid UTF-8 is E0002: the
    /// lossy text is still added so that the report can show it, but it is not
    /// parsed.
    fn decode_and_parse(&mut self, path: PathBuf, bytes: Vec<u8>) -> Option<(FileId, ast::File)> {
        match String::from_utf8(bytes) {
            Ok(text) => {
                let file = self.sources.add(path, text);
                let (ast, syntax_diags) = (self.parse)(file, &self.sources.get(file).text);
                self.diags.extend(syntax_diags);
                Some((file, ast))
            }
            Err(err) => {
                let bad = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let file = self.sources.add(path, text);
                let replacement = char::REPLACEMENT_CHARACTER.len_utf8();
                self.diags.push(
                    Diagnostic::new(
                        Code::E0002,
                        "the file is not valid UTF-8",
                        Span::new(file, bad..bad + replacement),
                        format!("invalid byte at offset {bad}"),
                    )
                    .with_help("save the file as UTF-8"),
                );
                None
            }
        }
    }
}

/// The path `name` written in `file`, resolved against the file's folder.
fn relative_to(sources: &SourceMap, file: FileId, name: &str) -> PathBuf {
    let dir = sources.get(file).path.parent().unwrap_or(Path::new(""));
    normalize(&dir.join(name))
}

/// Removes `.` and resolves `..` lexically where possible, so that reports
/// name `a/b.zng` rather than `a/./x/../b.zng`.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last_is_name =
                    matches!(out.components().next_back(), Some(Component::Normal(_)));
                if last_is_name {
                    out.pop();
                } else if !matches!(
                    out.components().next_back(),
                    Some(Component::RootDir | Component::Prefix(_))
                ) {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn io_message(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
        _ => err.to_string(),
    }
}

/// E0001 for a `merge` or `import` naming a file that cannot be read.
pub fn unreadable(item: &FileRef, path: &Path, err: &io::Error, keyword: &str) -> Diagnostic {
    let dir = path.parent().unwrap_or(Path::new(""));
    Diagnostic::new(
        Code::E0001,
        format!("cannot read `{}`: {}", path.display(), io_message(err)),
        item.path.span,
        format!("{keyword}d here"),
    )
    .with_help(format!(
        "`{keyword}` paths are relative to the folder of the file that contains them (here `{}`)",
        if dir.as_os_str().is_empty() {
            ".".to_owned()
        } else {
            dir.display().to_string()
        }
    ))
}

/// E0020: `merge` names a file that is being merged already. `chain` starts
/// at that file and ends at the file holding `merge`.
fn cycle(chain: &[Frame], merge: &FileRef, sources: &SourceMap) -> Diagnostic {
    let names: Vec<String> = chain
        .iter()
        .map(|f| sources.get(f.file).path.display().to_string())
        .chain(
            chain
                .first()
                .map(|f| sources.get(f.file).path.display().to_string()),
        )
        .collect();
    let mut diag = Diagnostic::new(
        Code::E0020,
        "`merge` cycle",
        merge.path.span,
        "merges a file that is being merged",
    )
    .with_note(format!("cycle: {}", names.join(" → ")))
    .with_help("remove one `merge` of the cycle: each file is merged once anyway");
    for frame in chain.iter().skip(1) {
        if let Some(via) = frame.via {
            diag = diag.with_label(via, "part of the cycle");
        }
    }
    diag
}
