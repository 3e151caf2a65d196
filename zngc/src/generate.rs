//! `zngc generate`: a checked spec to the generated files, and writing them.
//! The CLI and build scripts both call [`generate_from_spec`] (through
//! `generate` once a `.zng` file has been checked).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::{check_file, CfgSet, Spec};
use crate::diagnostics::{has_errors, Diagnostic};
use crate::emit;
use crate::lower::{self, LowerOptions};
use crate::source::SourceMap;

/// Where to write and what to call things. Paths left `None` default to
/// Zngur's: `generated.h` and `generated.cpp` beside the `.zng` file and
/// `src/generated.rs` below it.
#[derive(Clone, Debug)]
pub struct GenerateOptions {
    pub zng_file: PathBuf,
    pub h_file: Option<PathBuf>,
    pub cpp_file: Option<PathBuf>,
    pub rs_file: Option<PathBuf>,
    /// A Make rule listing the `.zng` files the outputs depend on.
    pub depfile: Option<PathBuf>,
    /// What `crate` is called in C++.
    pub crate_name: String,
    /// The root C++ namespace.
    pub cpp_namespace: String,
    /// Symbol prefix; defaults to the C++ namespace when that is not
    /// `rust`, as in Zngur, so that two bridges can be linked together.
    pub mangling_base: Option<String>,
    /// Copy the runtime header into the generated header instead of
    /// including `<zngur.h>`.
    pub in_place: bool,
    /// The cfg that `#if` / `#match` are decided under.
    pub cfg: CfgSet,
}

impl GenerateOptions {
    pub fn new(zng_file: impl Into<PathBuf>) -> Self {
        GenerateOptions {
            zng_file: zng_file.into(),
            h_file: None,
            cpp_file: None,
            rs_file: None,
            depfile: None,
            crate_name: "crate".to_string(),
            cpp_namespace: "rust".to_string(),
            mangling_base: None,
            in_place: false,
            cfg: CfgSet::new(),
        }
    }

    fn dir(&self) -> PathBuf {
        self.zng_file
            .parent()
            .map_or_else(PathBuf::new, Path::to_path_buf)
    }

    pub fn h_path(&self) -> PathBuf {
        self.h_file
            .clone()
            .unwrap_or_else(|| self.dir().join("generated.h"))
    }

    pub fn cpp_path(&self) -> PathBuf {
        self.cpp_file
            .clone()
            .unwrap_or_else(|| self.dir().join("generated.cpp"))
    }

    pub fn rs_path(&self) -> PathBuf {
        self.rs_file
            .clone()
            .unwrap_or_else(|| self.dir().join("src").join("generated.rs"))
    }

    fn lower_options(&self) -> LowerOptions {
        let mangling_base = self.mangling_base.clone().unwrap_or_else(|| {
            if self.cpp_namespace == "rust" {
                String::new()
            } else {
                self.cpp_namespace.clone()
            }
        });
        LowerOptions {
            crate_name: self.crate_name.clone(),
            cpp_namespace: self.cpp_namespace.clone(),
            mangling_base,
        }
    }
}

/// One output file and its full text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// Everything one run produces, not yet written.
#[derive(Clone, Debug, Default)]
pub struct GeneratedFiles {
    pub files: Vec<GeneratedFile>,
}

impl GeneratedFiles {
    /// Writes every file whose content differs from what is on disk
    /// (creating folders as needed), so that build systems do not rebuild
    /// needlessly. Returns the paths written.
    ///
    /// The files are written in parallel: for a big bridge, copying tens
    /// of megabytes into the page cache is a good part of the run.
    pub fn write(&self) -> io::Result<Vec<PathBuf>> {
        let changed = self
            .files
            .par_iter()
            .map(|file| write_if_changed(&file.path, &file.contents))
            .collect::<io::Result<Vec<bool>>>()?;
        Ok(self
            .files
            .iter()
            .zip(changed)
            .filter(|(_, changed)| *changed)
            .map(|(file, _)| file.path.clone())
            .collect())
    }
}

/// Writes `contents` to `path` unless it already holds exactly that.
pub fn write_if_changed(path: &Path, contents: &str) -> io::Result<bool> {
    // Comparing lengths first spares reading a large file that changed.
    let same_length = fs::metadata(path).is_ok_and(|m| m.len() == contents.len() as u64);
    if same_length && fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, contents)?;
    Ok(true)
}

/// What one `generate` run produced: the files (only if there was no
/// error), and every diagnostic with the sources to render it against.
#[derive(Debug)]
pub struct GenerateResult {
    pub files: Option<GeneratedFiles>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
}

/// Checks `options.zng_file` (and what it merges) and generates the files.
/// Nothing is written: call [`GeneratedFiles::write`].
pub fn generate(options: &GenerateOptions) -> GenerateResult {
    let checked = check_file(&options.zng_file, &options.cfg);
    let mut diagnostics = checked.diagnostics;
    let files = match checked.spec {
        Some(spec) if !has_errors(&diagnostics) => {
            let generated = generate_from_spec(&spec, &checked.sources, options);
            crate::drop_in_background(spec);
            match generated {
                Ok(files) => Some(files),
                Err(errors) => {
                    diagnostics.extend(errors);
                    None
                }
            }
        }
        _ => None,
    };
    GenerateResult {
        files,
        diagnostics,
        sources: checked.sources,
    }
}

/// The generated files for a checked spec. `sources` are the files the
/// spec was read from (for messages and the depfile).
pub fn generate_from_spec(
    spec: &Spec,
    sources: &SourceMap,
    options: &GenerateOptions,
) -> Result<GeneratedFiles, Vec<Diagnostic>> {
    let lower_options = options.lower_options();
    let mut bridge = lower::lower(spec, sources, &lower_options)?;
    bridge.cfg_defines = cfg_defines(&options.cfg);
    let h_path = options.h_path();
    let rs_path = options.rs_path();
    let (header, rust) = rayon::join(
        || emit::cpp_header(&bridge, &lower_options.cpp_namespace, options.in_place),
        || emit::rust_file(&bridge),
    );
    let mut files = vec![
        GeneratedFile {
            path: h_path.clone(),
            contents: header,
        },
        GeneratedFile {
            path: rs_path.clone(),
            contents: rust,
        },
    ];
    // Written only when the bridge has C++ functions for Rust to call, as
    // Zngur does; it includes the header by file name.
    let cpp_path = bridge.has_cpp_source().then(|| options.cpp_path());
    if let Some(cpp_path) = &cpp_path {
        let header_name = h_path
            .file_name()
            .map_or_else(|| "generated.h".into(), |n| n.to_string_lossy());
        files.push(GeneratedFile {
            path: cpp_path.clone(),
            contents: emit::cpp_source(&bridge, &lower_options.cpp_namespace, &header_name),
        });
    }
    if let Some(depfile) = &options.depfile {
        let inputs: Vec<String> = sources
            .iter()
            .map(|(_, f)| make_escape(&f.path.display().to_string()))
            .collect();
        files.push(GeneratedFile {
            path: depfile.clone(),
            contents: format!(
                "{} {}{}: {}\n",
                make_escape(&h_path.display().to_string()),
                make_escape(&rs_path.display().to_string()),
                cpp_path.as_ref().map_or_else(String::new, |p| format!(
                    " {}",
                    make_escape(&p.display().to_string())
                )),
                inputs.join(" ")
            ),
        });
    }
    crate::drop_in_background(bridge);
    Ok(GeneratedFiles { files })
}

/// `ZNGUR_CFG_<KEY>` for every active cfg key and `ZNGUR_CFG_<KEY>_<VALUE>`
/// for each of its values, upper-cased with other characters as `_`, as
/// Zngur defines them for `#ifdef` in C++.
fn cfg_defines(cfg: &CfgSet) -> Vec<String> {
    let macro_part = |text: &str| -> String {
        text.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect()
    };
    let mut defines = Vec::new();
    for (key, values) in cfg.iter() {
        let key = macro_part(key);
        defines.push(format!("ZNGUR_CFG_{key}"));
        defines.extend(
            values
                .iter()
                .map(|v| format!("ZNGUR_CFG_{key}_{}", macro_part(v))),
        );
    }
    defines
}

/// The runtime header (`zngur.h`) for a C++ root namespace.
pub fn runtime_header(cpp_namespace: &str) -> String {
    emit::runtime_header(cpp_namespace)
}

/// Escapes spaces for a Make rule.
fn make_escape(path: &str) -> String {
    path.replace(' ', "\\ ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::tests::inventory_spec;

    fn sources() -> SourceMap {
        let mut sources = SourceMap::new();
        sources.add("dir/main.zng".into(), "\n".into());
        sources
    }

    #[test]
    fn default_paths_follow_zngur() {
        let options = GenerateOptions::new("dir/main.zng");
        assert_eq!(options.h_path(), Path::new("dir/generated.h"));
        assert_eq!(options.rs_path(), Path::new("dir/src/generated.rs"));
    }

    #[test]
    fn output_is_deterministic_and_has_a_depfile() {
        let mut options = GenerateOptions::new("dir/main.zng");
        options.depfile = Some("dir/deps.d".into());
        let first = generate_from_spec(&inventory_spec(), &sources(), &options).unwrap();
        let second = generate_from_spec(&inventory_spec(), &sources(), &options).unwrap();
        assert_eq!(first.files, second.files);
        assert_eq!(first.files.len(), 3);
        assert_eq!(
            first.files[2].contents,
            "dir/generated.h dir/src/generated.rs: dir/main.zng\n"
        );
    }

    #[test]
    fn cfg_values_become_defines() {
        let mut cfg = CfgSet::new();
        cfg.insert("feature", ["float-values"]);
        cfg.insert("unix", Vec::<String>::new());
        assert_eq!(
            cfg_defines(&cfg),
            [
                "ZNGUR_CFG_FEATURE",
                "ZNGUR_CFG_FEATURE_FLOAT_VALUES",
                "ZNGUR_CFG_UNIX"
            ]
        );
    }

    #[test]
    fn mangling_base_separates_bridges() {
        let mut options = GenerateOptions::new("main.zng");
        let plain = generate_from_spec(&inventory_spec(), &sources(), &options).unwrap();
        options.mangling_base = Some("other".into());
        let based = generate_from_spec(&inventory_spec(), &sources(), &options).unwrap();
        assert!(based.files[1]
            .contents
            .contains("fn zngc_other_crate_Inventory"));
        assert!(!plain.files[1].contents.contains("zngc_other"));
    }

    #[test]
    fn writes_only_changed_files() {
        let dir = std::env::temp_dir().join(format!("zngc-write-{}", std::process::id()));
        let path = dir.join("sub").join("a.h");
        assert!(write_if_changed(&path, "x").unwrap());
        assert!(!write_if_changed(&path, "x").unwrap());
        assert!(write_if_changed(&path, "y").unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
