//! The `mtlint` command: a thin shell over the library.

fn main() {
    std::process::exit(mtlint::cli::main());
}
