//! The build-script API: Zngur's builder, method for method, so that a
//! `build.rs` migrates by changing its import, plus what Zngur lacks:
//! outputs default to `OUT_DIR`, cargo learns every `.zng` and C++ file to
//! watch, and (with the `build` feature) `compile` builds the C++ with `cc`.
//!
//! ```ignore
//! // build.rs (with the `build` feature)
//! zngc::Zngc::from_zng_file("main.zng")
//!     .with_crate_name("crate")
//!     .with_cpp_source("impls.cpp")
//!     .generate()
//!     .compile("bridge");
//! ```

use std::env;
use std::path::{Path, PathBuf};

use crate::check::CfgSet;
use crate::diagnostics::{has_errors, render_plain};
use crate::generate::{generate, write_if_changed, GenerateOptions};

/// A bridge to generate from a build script.
#[must_use]
#[derive(Clone, Debug)]
pub struct Zngc {
    options: GenerateOptions,
    crate_name: Option<String>,
    zng_header: Option<PathBuf>,
    cpp_sources: Vec<PathBuf>,
}

impl Zngc {
    pub fn from_zng_file(path: impl AsRef<Path>) -> Zngc {
        Zngc {
            options: GenerateOptions::new(path.as_ref()),
            crate_name: None,
            zng_header: None,
            cpp_sources: Vec::new(),
        }
    }

    pub fn with_h_file(mut self, path: impl AsRef<Path>) -> Zngc {
        self.options.h_file = Some(path.as_ref().to_path_buf());
        self
    }

    pub fn with_rs_file(mut self, path: impl AsRef<Path>) -> Zngc {
        self.options.rs_file = Some(path.as_ref().to_path_buf());
        self
    }

    pub fn with_cpp_file(mut self, path: impl AsRef<Path>) -> Zngc {
        self.options.cpp_file = Some(path.as_ref().to_path_buf());
        self
    }

    pub fn with_depfile(mut self, path: impl AsRef<Path>) -> Zngc {
        self.options.depfile = Some(path.as_ref().to_path_buf());
        self
    }

    pub fn with_mangling_base(mut self, base: &str) -> Zngc {
        self.options.mangling_base = Some(base.to_string());
        self
    }

    pub fn with_cpp_namespace(mut self, namespace: &str) -> Zngc {
        self.options.cpp_namespace = namespace.to_string();
        self
    }

    /// What `crate` is called in C++. Without it, as in Zngur, the package
    /// name (`rust::my_package::…`).
    pub fn with_crate_name(mut self, name: &str) -> Zngc {
        self.crate_name = Some(name.to_string());
        self
    }

    pub fn with_zng_header_in_place(self) -> Zngc {
        self.with_zng_header_in_place_as(true)
    }

    pub fn with_zng_header_in_place_as(mut self, in_place: bool) -> Zngc {
        self.options.in_place = in_place;
        self
    }

    /// Also writes the runtime header `zngur.h` to `path`.
    pub fn with_zng_header(mut self, path: impl AsRef<Path>) -> Zngc {
        self.zng_header = Some(path.as_ref().to_path_buf());
        self
    }

    /// Decides `#if` / `#match` by the cfg cargo gives build scripts
    /// (`CARGO_CFG_*` and `CARGO_FEATURE_*`).
    pub fn with_rust_cargo_cfg(mut self) -> Zngc {
        self.options.cfg = cargo_cfg(env::vars());
        self
    }

    pub fn with_rust_in_memory_cfg<K, V>(
        mut self,
        cfg: impl IntoIterator<Item = (K, impl IntoIterator<Item = V>)>,
    ) -> Zngc
    where
        K: AsRef<str>,
        V: Into<String>,
    {
        for (key, values) in cfg {
            self.options.cfg.insert(key.as_ref(), values);
        }
        self
    }

    /// A C++ file of the user's to compile with the generated one (and to
    /// watch for changes).
    pub fn with_cpp_source(mut self, path: impl AsRef<Path>) -> Zngc {
        self.cpp_sources.push(path.as_ref().to_path_buf());
        self
    }

    /// The options with `OUT_DIR` defaults and the crate name decided.
    fn resolved_options(&self) -> (GenerateOptions, Option<PathBuf>) {
        let mut options = self.options.clone();
        options.crate_name = self
            .crate_name
            .clone()
            .or_else(|| env::var("CARGO_PKG_NAME").ok())
            .unwrap_or_else(|| "crate".to_string());
        let mut zng_header = self.zng_header.clone();
        if let Some(out_dir) = env::var_os("OUT_DIR").map(PathBuf::from) {
            options
                .h_file
                .get_or_insert_with(|| out_dir.join("generated.h"));
            options
                .cpp_file
                .get_or_insert_with(|| out_dir.join("generated.cpp"));
            options
                .rs_file
                .get_or_insert_with(|| out_dir.join("generated.rs"));
            // Generated into `OUT_DIR`, the header can only find `zngur.h`
            // there.
            if !options.in_place && zng_header.is_none() {
                zng_header = Some(out_dir.join("zngur.h"));
            }
        }
        (options, zng_header)
    }

    /// Checks the `.zng` file, writes the generated files and tells cargo
    /// what to watch. A `.zng` error stops the build with the rendered
    /// diagnostics.
    pub fn generate(self) -> Generated {
        let (options, zng_header) = self.resolved_options();
        let result = generate(&options);
        for (_, file) in result.sources.iter() {
            println!("cargo:rerun-if-changed={}", file.path.display());
        }
        for source in &self.cpp_sources {
            println!("cargo:rerun-if-changed={}", source.display());
        }
        let rendered: Vec<String> = result
            .diagnostics
            .iter()
            .map(|d| render_plain(d, &result.sources))
            .collect();
        for text in &rendered {
            eprintln!("{text}");
        }
        let files = match result.files {
            Some(files) if !has_errors(&result.diagnostics) => files,
            _ => fail(&format!("zngc: {} has errors", options.zng_file.display())),
        };
        if let Err(e) = files.write() {
            fail(&format!("zngc: cannot write the generated files: {e}"));
        }
        if let Some(path) = &zng_header {
            let header = crate::generate::runtime_header(&options.cpp_namespace);
            if let Err(e) = write_if_changed(path, &header) {
                fail(&format!("zngc: cannot write {}: {e}", path.display()));
            }
        }
        let cpp_file = options.cpp_path();
        Generated {
            header_dir: options
                .h_path()
                .parent()
                .map_or_else(PathBuf::new, Path::to_path_buf),
            generated_cpp: files
                .files
                .iter()
                .any(|f| f.path == cpp_file)
                .then_some(cpp_file),
            cpp_sources: self.cpp_sources,
        }
    }
}

/// Ends the build script: cargo shows what it printed.
fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}

/// The cfg cargo describes in a build script's environment.
fn cargo_cfg(vars: impl Iterator<Item = (String, String)>) -> CfgSet {
    let mut cfg = CfgSet::new();
    let mut features = Vec::new();
    for (key, value) in vars {
        if let Some(name) = key.strip_prefix("CARGO_CFG_") {
            let values: Vec<String> = value
                .split(',')
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect();
            cfg.insert(&name.to_lowercase(), values);
        } else if let Some(name) = key.strip_prefix("CARGO_FEATURE_") {
            features.push(name.to_lowercase().replace('_', "-"));
        }
    }
    if !features.is_empty() {
        cfg.insert("feature", features);
    }
    cfg
}

/// What `generate` wrote, for compiling the C++ side.
#[derive(Clone, Debug)]
pub struct Generated {
    header_dir: PathBuf,
    generated_cpp: Option<PathBuf>,
    cpp_sources: Vec<PathBuf>,
}

impl Generated {
    /// The folder of the generated header, for the include path.
    pub fn header_dir(&self) -> &Path {
        &self.header_dir
    }

    /// The generated `.cpp`, when the bridge has one.
    pub fn generated_cpp(&self) -> Option<&Path> {
        self.generated_cpp.as_deref()
    }

    /// The user's C++ files given with `with_cpp_source`.
    pub fn cpp_sources(&self) -> &[PathBuf] {
        &self.cpp_sources
    }
}

#[cfg(feature = "build")]
impl Generated {
    /// A `cc::Build` for C++17 with the generated header's folder on the
    /// include path and the generated and given C++ files, to customise
    /// before [`Generated::compile_with`].
    pub fn cc_build(&self) -> cc::Build {
        let mut build = cc::Build::new();
        build.cpp(true).std("c++17").include(&self.header_dir);
        build.files(self.generated_cpp.iter());
        build.files(self.cpp_sources.iter());
        build
    }

    /// Compiles the C++ side into a static library linked into the crate.
    pub fn compile(&self, lib_name: &str) {
        self.compile_with(self.cc_build(), lib_name);
    }

    /// Compiles with a customised `cc::Build` (from [`Generated::cc_build`]).
    pub fn compile_with(&self, build: cc::Build, lib_name: &str) {
        build.compile(lib_name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_cfg_reads_cfg_and_features() {
        let vars = [
            ("CARGO_CFG_TARGET_OS", "linux"),
            ("CARGO_CFG_UNIX", ""),
            ("CARGO_FEATURE_FLOAT_VALUES", "1"),
            ("PATH", "/bin"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()));
        let cfg = cargo_cfg(vars.into_iter());
        let keys: Vec<(String, Vec<String>)> = cfg
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().cloned().collect()))
            .collect();
        assert_eq!(
            keys,
            [
                ("feature".to_string(), vec!["float-values".to_string()]),
                ("target_os".to_string(), vec!["linux".to_string()]),
                ("unix".to_string(), vec![]),
            ]
        );
    }
}
