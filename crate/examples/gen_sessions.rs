//! Prints generated work sessions as a storage snapshot (JSON): `N` sessions and `M` tasks from
//! `timing::fixtures::generate` (the data of `bench_timing`), in their month shards with the
//! `shards` index, as the background would read them. `tests/bench/timing.mjs` passes it to the
//! production exports (`sessionList`, `sessionReport`) and times them.
//!
//! `cargo run --release --example gen_sessions -- 20000 100000 > sessions.json`

use rubrica_core::timing::fixtures::{generate, stored};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// 2020-01-01T00:00:00Z, as in `bench_timing`.
const FIRST: i64 = 1_577_836_800_000;
/// The seed `bench_timing` uses.
const SEED: u64 = 2026;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = |i: usize, default: usize| match args.get(i) {
        None => Some(default),
        Some(a) => a.parse::<usize>().ok(),
    };
    let (Some(n), Some(m)) = (count(0, 20_000), count(1, 100_000)) else {
        eprintln!("usage: gen_sessions [SESSIONS] [TASKS]   (whole numbers; default 20000 100000)");
        return ExitCode::from(2);
    };
    let (sessions, tasks) = generate(SEED, n, m, FIRST);
    let written = stored(&sessions, &tasks)
        .map_err(|e| e.to_string())
        .and_then(|snapshot| {
            let mut out = BufWriter::new(std::io::stdout().lock());
            serde_json::to_writer(&mut out, &snapshot).map_err(|e| e.to_string())?;
            out.flush().map_err(|e| e.to_string())
        });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_sessions: {e}");
            ExitCode::FAILURE
        }
    }
}
