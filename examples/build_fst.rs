//! Builds an `fst::Map` from a `key<TAB>u64` table.
//!
//! Usage: `cargo run --release --example build_fst -- INPUT.tsv OUTPUT.fst`
//!
//! This is the last step of `scripts/build-lexicons.sh`, which makes the
//! tables with `scripts/build_lexicons.py`. Lines starting with `#` and empty
//! lines are skipped. Keys must be sorted in byte order and unique (the
//! Python script writes them that way); the builder refuses anything else, so a
//! badly sorted table fails loudly instead of producing a different map.

use std::{
    env,
    fs::File,
    io::{BufRead, BufReader, BufWriter, Write},
    process::ExitCode,
};

use fst::MapBuilder;

fn run(input: &str, output: &str) -> Result<usize, String> {
    let reader = BufReader::new(File::open(input).map_err(|e| format!("{input}: {e}"))?);
    let tmp = format!("{output}.tmp");
    let writer = BufWriter::new(File::create(&tmp).map_err(|e| format!("{tmp}: {e}"))?);
    let mut builder = MapBuilder::new(writer).map_err(|e| e.to_string())?;
    let mut count = 0usize;
    for (number, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{input}:{}: {e}", number + 1))?;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .rsplit_once('\t')
            .ok_or_else(|| format!("{input}:{}: no tab", number + 1))?;
        let value: u64 = value
            .parse()
            .map_err(|e| format!("{input}:{}: bad value {value:?}: {e}", number + 1))?;
        builder
            .insert(key, value)
            .map_err(|e| format!("{input}:{}: key {key:?}: {e}", number + 1))?;
        count += 1;
    }
    let mut writer = builder.into_inner().map_err(|e| e.to_string())?;
    writer.flush().map_err(|e| e.to_string())?;
    drop(writer);
    std::fs::rename(&tmp, output).map_err(|e| format!("{output}: {e}"))?;
    Ok(count)
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: build_fst INPUT.tsv OUTPUT.fst");
        return ExitCode::from(2);
    };
    match run(input, output) {
        Ok(count) => {
            eprintln!("{output}: {count} keys");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("build_fst: {err}");
            ExitCode::FAILURE
        }
    }
}
