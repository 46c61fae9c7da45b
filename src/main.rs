//! The `styr` command.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = styr::cli::Cli::parse();
    match styr::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("styr: {error}");
            ExitCode::FAILURE
        }
    }
}
