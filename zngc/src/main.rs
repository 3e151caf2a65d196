//! The `zngc` command line: parses arguments and calls the library.
//!
//! Exit codes: 0 success (warnings allowed), 1 errors in the input, 2 a bad
//! command line (from clap).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use zngc::check::rustc_cfg::{self, CargoRustc, RustcCfgQuery};
use zngc::check::{check_file, CfgSet, CheckResult};
use zngc::diagnostics::{emit, Diagnostic, MessageFormat};
use zngc::generate::GenerateOptions;
use zngc::source::SourceMap;

// A big bridge is hundreds of thousands of small allocations; mimalloc
// serves them much faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "zngc",
    version,
    about = "Compiler for the .zng interface language: C++ and Rust sharing types by value",
    after_help = "Examples:\n  zngc check main.zng\n  zngc --message-format json check a.zng b.zng\n  zngc parse main.zng --json"
)]
struct Cli {
    /// How to print errors and warnings (on stderr).
    #[arg(long, value_enum, global = true, default_value_t = Format::Human)]
    message_format: Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Reports with source excerpts (coloured on a terminal unless NO_COLOR is set).
    Human,
    /// One JSON object per line.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check .zng files (and the files they merge) without generating code.
    #[command(
        after_help = "Example:\n  zngc check main.zng -F float-values -C target_pointer_width=64"
    )]
    Check {
        /// The .zng files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        cfg: CfgArgs,
    },
    /// Print the syntax tree of a .zng file, after checking it.
    #[command(
        after_help = "Examples:\n  zngc parse main.zng --json\n  zngc parse main.zng --json --resolved -F float-values"
    )]
    Parse {
        /// The .zng file.
        file: PathBuf,
        /// Print JSON (otherwise Rust debug notation).
        #[arg(long)]
        json: bool,
        /// Print the checked specification (merged files, resolved paths)
        /// instead of the file's syntax tree.
        #[arg(long)]
        resolved: bool,
        #[command(flatten)]
        cfg: CfgArgs,
    },
    /// Generate the C++ header and the Rust shims for a .zng file.
    #[command(
        visible_alias = "g",
        after_help = "Examples:\n  zngc generate main.zng\n  zngc g -i main.zng --crate-name crate --rs-file src/bridge.rs"
    )]
    Generate(GenerateArgs),
    /// Write the runtime header that generated headers include (zngur.h).
    #[command(
        visible_aliases = ["make-zng-header", "h"],
        after_help = "Example:\n  zngc runtime-header include/zngur.h"
    )]
    RuntimeHeader {
        /// Where to write it [default: zngur.h].
        path: Option<PathBuf>,
        /// The root C++ namespace, as given to `generate`.
        #[arg(long, default_value = "rust")]
        cpp_namespace: String,
        /// Accepted for Zngur's command lines: the one runtime header serves
        /// bridges with and without `#convert_panic_to_exception`.
        #[arg(long)]
        panic_to_exception: bool,
    },
    /// Check declared layouts against rustc's, or fix them (`--fix`).
    Layout(LayoutArgs),
}

#[derive(Args)]
struct GenerateArgs {
    /// The .zng file.
    file: PathBuf,
    /// The C++ header to write [default: generated.h beside the .zng file].
    #[arg(long)]
    h_file: Option<PathBuf>,
    /// The C++ source to write when one is needed [default: generated.cpp
    /// beside the .zng file].
    #[arg(long)]
    cpp_file: Option<PathBuf>,
    /// The Rust file to write [default: src/generated.rs below the .zng
    /// file's folder].
    #[arg(long)]
    rs_file: Option<PathBuf>,
    /// Write a Make rule listing the .zng files the outputs depend on.
    #[arg(long)]
    depfile: Option<PathBuf>,
    /// What `crate` is called in C++ (`rust::NAME::…`).
    #[arg(long, default_value = "crate")]
    crate_name: String,
    /// Prefix of the generated symbols, so that two bridges can be linked
    /// into one program [default: the C++ namespace unless it is `rust`].
    #[arg(long)]
    mangling_base: Option<String>,
    /// The root C++ namespace.
    #[arg(long, default_value = "rust")]
    cpp_namespace: String,
    /// Put the runtime header into the generated header instead of
    /// including <zngur.h>.
    #[arg(short = 'i', long)]
    in_place: bool,
    #[command(flatten)]
    cfg: CfgArgs,
}

#[derive(Args)]
#[command(
    after_help = "Examples:\n  zngc layout main.zng\n  zngc layout --fix main.zng\n  zngc layout --fix --check main.zng --target i686-unknown-linux-gnu"
)]
struct LayoutArgs {
    /// The .zng file.
    file: PathBuf,
    /// The crate's Cargo.toml (default: the one beside or above FILE).
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<PathBuf>,
    /// The generated Rust module the probe stands in for (default:
    /// src/generated.rs in the crate).
    #[arg(long, value_name = "PATH")]
    rs_file: Option<PathBuf>,
    /// Rewrite wrong numbers and insert missing layouts in the .zng files.
    #[arg(long)]
    fix: bool,
    /// Change nothing; fail if `--fix` would change something.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    cfg: CfgArgs,
}

#[derive(Args)]
struct CfgArgs {
    /// Set a cfg key, as rustc would: `-C unix`, `-C target_pointer_width=64`,
    /// `-C feature=a,b`.
    #[arg(short = 'C', long = "cfg", value_name = "KEY[=V1,V2]", value_parser = parse_cfg)]
    cfg: Vec<(String, Vec<String>)>,
    /// Enable a cargo feature (repeatable).
    #[arg(short = 'F', long = "feature", value_name = "NAME")]
    features: Vec<String>,
    /// Start from the cfg of `rustc --print cfg` (with $RUSTFLAGS); the keys
    /// that -C and -F set replace the toolchain's.
    #[arg(long)]
    load_cfg_from_rustc: bool,
    /// Ask `cargo rustc -- --print cfg` instead, for the package's features
    /// and profile (implies --load-cfg-from-rustc; may build dependencies).
    #[arg(long)]
    use_cargo_rustc: bool,
    /// The cargo profile for --use-cargo-rustc.
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// The package for --use-cargo-rustc.
    #[arg(long, value_name = "SPEC")]
    package: Option<String>,
    /// --no-default-features for --use-cargo-rustc.
    #[arg(long)]
    no_default_features: bool,
    /// --all-features for --use-cargo-rustc.
    #[arg(long)]
    all_features: bool,
    /// Extra rustc flags for the cfg query, separated by spaces.
    #[arg(long, value_name = "FLAGS", allow_hyphen_values = true)]
    rustc_flags: Option<String>,
    /// The target triple of the cfg query (and of `layout`'s probe)
    /// [default: the host].
    #[arg(long, value_name = "TRIPLE")]
    target: Option<String>,
}

fn parse_cfg(arg: &str) -> Result<(String, Vec<String>), String> {
    zngc::check::cfg::parse_cli_arg(arg)
}

impl CfgArgs {
    /// The cfg: the toolchain's if asked for, overridden by -C and -F.
    /// Within the command line repeated options add up.
    fn to_set(&self) -> Result<CfgSet, Box<Diagnostic>> {
        let mut command_line = CfgSet::new();
        for (key, values) in &self.cfg {
            command_line.insert(key, values.iter().map(String::as_str));
        }
        for feature in &self.features {
            command_line.add_feature(feature);
        }
        if !(self.load_cfg_from_rustc || self.use_cargo_rustc) {
            return Ok(command_line);
        }
        let cargo = self.use_cargo_rustc.then(|| CargoRustc {
            profile: self.profile.clone(),
            package: self.package.clone(),
            no_default_features: self.no_default_features,
            all_features: self.all_features,
        });
        let mut set = rustc_cfg::load(&RustcCfgQuery {
            target: self.target.clone(),
            rustc_flags: self.rustc_flags.clone(),
            cargo,
        })?;
        set.override_with(command_line);
        Ok(set)
    }

    /// [`Self::to_set`], reporting a failure to load the toolchain's cfg.
    fn load(&self, format: MessageFormat) -> Option<CfgSet> {
        self.to_set()
            .map_err(|diagnostic| {
                let _ = emit(
                    &[*diagnostic],
                    &SourceMap::new(),
                    format,
                    &mut io::stderr().lock(),
                );
            })
            .ok()
    }
}

fn main() -> ExitCode {
    // Cargo runs zngc as the rustc wrapper during `zngc layout`'s probe.
    if let Some(code) = zngc::layout::wrapper::run_if_requested() {
        return code;
    }
    let cli = Cli::parse();
    let format = match cli.message_format {
        Format::Json => MessageFormat::Json,
        Format::Human => MessageFormat::Human {
            color: io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        },
    };
    let ok = match &cli.command {
        Command::Check { files, cfg } => cfg.load(format).is_some_and(|cfg| {
            // Every file is checked, even after one fails.
            let mut ok = true;
            for file in files {
                ok &= report(&check_file(file, &cfg), format);
            }
            ok
        }),
        Command::Parse {
            file,
            json,
            resolved,
            cfg,
        } => cfg.load(format).is_some_and(|cfg| {
            let result = check_file(file, &cfg);
            report(&result, format) && print_tree(&result, *json, *resolved)
        }),
        Command::Generate(args) => generate(args, format),
        Command::RuntimeHeader {
            path,
            cpp_namespace,
            panic_to_exception: _,
        } => {
            let path = path.clone().unwrap_or_else(|| PathBuf::from("zngur.h"));
            write_output(&path, &zngc::generate::runtime_header(cpp_namespace))
        }
        Command::Layout(args) => layout(args, format),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn generate(args: &GenerateArgs, format: MessageFormat) -> bool {
    let mut options = GenerateOptions::new(&args.file);
    options.h_file.clone_from(&args.h_file);
    options.cpp_file.clone_from(&args.cpp_file);
    options.rs_file.clone_from(&args.rs_file);
    options.depfile.clone_from(&args.depfile);
    options.crate_name.clone_from(&args.crate_name);
    options.cpp_namespace.clone_from(&args.cpp_namespace);
    options.mangling_base.clone_from(&args.mangling_base);
    options.in_place = args.in_place;
    let Some(cfg) = args.cfg.load(format) else {
        return false;
    };
    options.cfg = cfg;
    let result = zngc::generate::generate(&options);
    let _ = emit(
        &result.diagnostics,
        &result.sources,
        format,
        &mut io::stderr().lock(),
    );
    match &result.files {
        Some(files) => match files.write() {
            Ok(_) => true,
            Err(err) => {
                let _ = writeln!(
                    io::stderr(),
                    "error: cannot write the generated files: {err}"
                );
                false
            }
        },
        None => false,
    }
}

/// Writes one file (if its content changed); true on success.
fn write_output(path: &std::path::Path, contents: &str) -> bool {
    match zngc::generate::write_if_changed(path, contents) {
        Ok(_) => true,
        Err(err) => {
            let _ = writeln!(
                io::stderr(),
                "error: cannot write {}: {err}",
                path.display()
            );
            false
        }
    }
}

/// Prints the diagnostics; true if there was no error.
fn report(result: &CheckResult, format: MessageFormat) -> bool {
    // Nothing useful can be done if stderr is closed.
    let _ = emit(
        &result.diagnostics,
        &result.sources,
        format,
        &mut io::stderr().lock(),
    );
    !result.has_errors()
}

/// Prints the tree on stdout. A closed stdout (`zngc parse … | head`) is not
/// an error.
fn print_tree(result: &CheckResult, json: bool, resolved: bool) -> bool {
    let text = match (resolved, json) {
        (true, true) => serde_json::to_string_pretty(&result.spec),
        (false, true) => serde_json::to_string_pretty(&result.root),
        (true, false) => Ok(format!("{:#?}", result.spec)),
        (false, false) => Ok(format!("{:#?}", result.root)),
    };
    let text = match text {
        Ok(text) => text,
        Err(err) => {
            let _ = writeln!(io::stderr(), "error: cannot print the tree: {err}");
            return false;
        }
    };
    match writeln!(io::stdout().lock(), "{text}") {
        Ok(()) => true,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => true,
        Err(err) => {
            let _ = writeln!(io::stderr(), "error: cannot write to stdout: {err}");
            false
        }
    }
}

/// `zngc layout`: the table on stdout, diagnostics on stderr.
fn layout(args: &LayoutArgs, format: MessageFormat) -> bool {
    use zngc::layout::{render_table, run, Mode, Options};
    let mode = match (args.fix, args.check) {
        (_, true) => Mode::Check,
        (true, false) => Mode::Fix,
        (false, false) => Mode::Report,
    };
    let Some(cfg) = args.cfg.load(format) else {
        return false;
    };
    let options = Options {
        zng_file: args.file.clone(),
        manifest_path: args.manifest_path.clone(),
        rs_file: args.rs_file.clone(),
        target: args.cfg.target.clone(),
        cfg,
        mode,
        wrapper: std::env::current_exe().unwrap_or_else(|_| "zngc".into()),
    };
    let outcome = run(&options);
    let _ = emit(
        &outcome.diagnostics,
        &outcome.sources,
        format,
        &mut io::stderr().lock(),
    );
    let mut out = io::stdout().lock();
    if !outcome.rows.is_empty() {
        let _ = write!(out, "{}", render_table(&outcome.rows));
    }
    for path in &outcome.fixed_files {
        let _ = writeln!(out, "fixed {}", path.display());
    }
    if let Some(probe) = outcome.probe {
        let how = if probe.cached {
            "the cache"
        } else {
            "a probe build"
        };
        let _ = writeln!(
            io::stderr(),
            "layouts from {how} in {:.2}s",
            probe.elapsed.as_secs_f64()
        );
    }
    if mode == Mode::Check && outcome.changes {
        let _ = writeln!(io::stderr(), "`zngc layout --fix` would change the files");
    }
    !outcome.failed(mode)
}
