//! The `zngc` command line: parses arguments and calls the library.

use clap::Parser;

#[derive(Parser)]
#[command(
    name = "zngc",
    version,
    about = "Compiler for the .zng interface language"
)]
struct Cli {}

fn main() {
    Cli::parse();
}
