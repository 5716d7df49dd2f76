//! The command line: argument parsing and the orchestration of reading, configuring, linting,
//! fixing and printing. Exit status: 0 clean, 1 problems found, 2 usage or input error.

mod args;
mod check;
mod commands;
mod diff;
mod heap;
mod profile;
mod report;
mod run;
mod stream;
mod streams;

use args::*;
use check::*;
use clap::Parser;
use commands::*;
use profile::*;
use report::*;
use run::*;
use std::io::{self, IsTerminal};
use streams::*;

pub use commands::rule_documentation;

/// Runs the command line and returns the exit status.
pub fn main() -> i32 {
    heap::tune();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(args) => list_rules(args),
        Command::Rule { id, packs } => show_rule(&id, &packs),
        Command::Config { path, config } => show_config(path, &config),
        Command::Completions { shell } => completions(shell),
        Command::Manpage => manpage(),
        Command::Licenses => licenses(),
    }
}

pub(super) fn stderr_color() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
