//! The `chronicle` command line: see `chronicle --help`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = chronicle_cli::Cli::parse();
    match chronicle_cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
