//! Reading files: the root, then every `merge`d file (depth-first, each file
//! once), with cycle detection. `import`ed files are only located: Zngur
//! generates them as separate bridges.

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::check::cfg::CfgSet;
use crate::check::resolve::{resolve_file, Decl};
use crate::check::spec::ImportSpec;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, SourceMap, Span};
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
    pub imports: Vec<ImportSpec>,
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
        // The identities of the files on `stack`, for cycle checks in O(1).
        let mut on_stack = seen.clone();
        let mut stack = vec![self.expand(file, identity, None, &ast)];
        self.loaded.root = Some(ast);
        self.loaded.root_id = Some(file);
        while let Some(frame) = stack.last_mut() {
            let Some(merge) = frame.merges.get(frame.next).cloned() else {
                on_stack.remove(&frame.identity);
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
            if on_stack.contains(&identity) {
                let start = stack
                    .iter()
                    .position(|f| f.identity == identity)
                    .unwrap_or(0);
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
            on_stack.insert(identity.clone());
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
                    self.loaded.imports.push(ImportSpec {
                        written: import.path.node.clone(),
                        path,
                        span: import.path.span,
                    });
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
        format!("named by this `{keyword}`"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::{Directive, Item, Spanned};

    /// A stand-in parser: each line `merge X`, `import X` or `cpte` is one
    /// item, spanned at its argument.
    fn parse_lines(file: FileId, text: &str) -> (ast::File, Vec<Diagnostic>) {
        let mut items = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let words: Vec<&str> = line.split_whitespace().collect();
            let span = Span::new(file, offset..offset + line.trim_end().len());
            let file_ref = |name: &str| FileRef {
                path: Spanned::new(name.to_owned(), span),
                span,
            };
            match words.as_slice() {
                ["merge", name] => items.push(Item::Merge(file_ref(name))),
                ["import", name] => items.push(Item::Import(file_ref(name))),
                ["cpte"] => items.push(Item::ConvertPanicToException(Directive { span })),
                _ => {}
            }
            offset += line.len();
        }
        (ast::File { items }, Vec::new())
    }

    fn run(files: &[(&str, &[u8])]) -> (SourceMap, Loaded, Vec<Diagnostic>) {
        let files: std::collections::BTreeMap<PathBuf, Vec<u8>> = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.to_vec()))
            .collect();
        let mut read = |p: &Path| {
            let id = normalize(p);
            files
                .get(&id)
                .map(|b| (id, b.clone()))
                .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
        };
        let mut sources = SourceMap::new();
        let mut diags = Vec::new();
        let loaded = load(
            Path::new("d/main.zng"),
            &CfgSet::new(),
            &mut read,
            parse_lines,
            &mut sources,
            &mut diags,
        );
        (sources, loaded, diags)
    }

    fn paths(sources: &SourceMap) -> Vec<String> {
        sources
            .iter()
            .map(|(_, f)| f.path.display().to_string())
            .collect()
    }

    #[test]
    fn merges_each_file_once_depth_first() {
        let (sources, loaded, diags) = run(&[
            (
                "d/main.zng",
                b"merge a.zng\nmerge ./sub/b.zng\nmerge a.zng\n",
            ),
            ("d/a.zng", b"merge sub/b.zng\n"),
            ("d/sub/b.zng", b"merge ../c.zng\n"),
            ("d/c.zng", b""),
        ]);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            paths(&sources),
            ["d/main.zng", "d/a.zng", "d/sub/b.zng", "d/c.zng"]
        );
        assert!(loaded.root.is_some());
    }

    #[test]
    fn cycles_are_reported_with_the_chain() {
        let (_, _, diags) = run(&[
            ("d/main.zng", b"merge a.zng\n"),
            ("d/a.zng", b"merge b.zng\n"),
            ("d/b.zng", b"merge ./a.zng\nmerge main.zng\n"),
        ]);
        let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::E0020, Code::E0020]);
        assert_eq!(diags[0].notes, ["cycle: d/a.zng → d/b.zng → d/a.zng"]);
        assert_eq!(
            diags[1].notes,
            ["cycle: d/main.zng → d/a.zng → d/b.zng → d/main.zng"]
        );
    }

    #[test]
    fn self_merge_is_a_cycle() {
        let (_, _, diags) = run(&[("d/main.zng", b"merge main.zng\n")]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::E0020);
    }

    #[test]
    fn a_long_merge_chain_does_not_recurse() {
        let names: Vec<String> = (0..20_000).map(|i| format!("d/f{i}.zng")).collect();
        let texts: Vec<String> = (0..20_000)
            .map(|i| format!("merge f{}.zng\n", i + 1))
            .collect();
        let mut files: Vec<(&str, &[u8])> = names
            .iter()
            .zip(&texts)
            .map(|(n, t)| (n.as_str(), t.as_bytes()))
            .collect();
        files.push(("d/main.zng", b"merge f0.zng\n"));
        let (sources, _, diags) = run(&files);
        assert_eq!(sources.iter().count(), 20_001);
        // The last file merges one that does not exist.
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::E0001);
    }

    #[test]
    fn missing_files_and_bad_utf8() {
        let (sources, loaded, diags) = run(&[
            (
                "d/main.zng",
                b"merge nope.zng\nimport other.zng\nmerge bad.zng\n",
            ),
            ("d/bad.zng", b"ok \xff\xfe"),
        ]);
        let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::E0001, Code::E0001, Code::E0002]);
        let bad = sources.find(Path::new("d/bad.zng")).unwrap();
        assert_eq!(sources.get(bad).text, "ok \u{fffd}\u{fffd}");
        let label = diags[2].primary.as_ref().unwrap();
        assert_eq!((label.span.file, label.span.range()), (bad, 3..6));
        assert_eq!(loaded.imports[0].path, PathBuf::from("d/other.zng"));

        let (_, loaded, diags) = run(&[]);
        assert!(loaded.root.is_none());
        assert_eq!(diags.len(), 1);
        assert!(diags[0].primary.is_none());
    }

    #[test]
    fn normalizes_lexically() {
        assert_eq!(normalize(Path::new("a/./b/../c.zng")), Path::new("a/c.zng"));
        assert_eq!(normalize(Path::new("../x/../../y")), Path::new("../../y"));
        assert_eq!(normalize(Path::new("/../y")), Path::new("/y"));
    }
}
