//! Trigger-table benchmark: `cargo run --release --example bench_triggers`.
//!
//! Builds 10,000 realistic snippets (triggers of 3–14 characters such as `;acc12` or `//revB`,
//! some case-propagating), then prints, side by side in the same run:
//! - the compile time of the table (median of several runs) and of the conflict report;
//! - the time per look-up of `TriggerTable::find_at_end` (one hash look-up per distinct trigger
//!   length) against a naive scan over every trigger, on the same inputs, with a check that both
//!   find the same trigger;
//! - the compile time of 200 regex triggers and the time of one `match_at_end` on a 64-unit window
//!   (what the background does on each delimiter key when `hasRegex` is true).
//!
//! With `-- --json` it prints instead the compiled table (exactly what the background sends to
//! content scripts) and the same inputs, as one JSON object: `tests/bench/run.mjs` feeds them to
//! the content script's per-keystroke benchmark in Chromium.

use rubrica_core::ids::{IdGen, IdKind};
use rubrica_core::model::{RecordMeta, Snippet, TriggerMode};
use rubrica_core::triggers::{at_word_start, compile_regex_triggers, conflicts, TriggerTable};
use std::hint::black_box;
use std::time::{Duration, Instant};

const SNIPPETS: usize = 10_000;
const RUNS: usize = 7;
const LOOKUPS: usize = 200_000;

const STEMS: &[&str] = &[
    "acc", "help", "safe", "inst", "cite", "verb", "code", "tone", "pair", "rate", "fact", "src",
    "fmt", "len", "ref", "bug", "fix", "api", "ok", "no", "why", "sum", "gram", "lang", "math",
    "unit", "edge", "perf", "sec", "tox", "bias", "hall", "date", "name", "addr", "sig", "thx",
    "rev", "rej", "appr",
];
const PREFIXES: &[&str] = &[";", "//", ":", "!", "#"];
const WORDS: &[&str] = &[
    "the",
    "response",
    "is",
    "accurate",
    "but",
    "misses",
    "one",
    "constraint",
    "and",
    "its",
    "code",
    "fails",
    "on",
    "empty",
    "input",
    "so",
    "I",
    "prefer",
    "B",
];

/// A small deterministic generator (xorshift64*), so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn snippets() -> Vec<Snippet> {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut ids = IdGen::new([42; 16]);
    let mut out = Vec::with_capacity(SNIPPETS);
    for i in 0..SNIPPETS {
        let prefix = rng.pick(PREFIXES);
        let stem = rng.pick(STEMS);
        let suffix = match rng.next() % 3 {
            0 => format!("{}", i),
            1 => format!("{}{}", rng.pick(STEMS), i),
            _ => format!("x{}", i % 977),
        };
        let trigger = format!("{prefix}{stem}{suffix}");
        out.push(Snippet {
            meta: RecordMeta::new(ids.next(IdKind::Snippet, 1_764_000_000_000), 0),
            triggers: vec![trigger],
            regex: None,
            label: format!("{stem} phrase {i}"),
            folder: "Bench".into(),
            tags: vec![],
            template: "The response is accurate.".into(),
            mode: if i % 4 == 0 {
                TriggerMode::Delimiter
            } else {
                TriggerMode::Immediate
            },
            word_boundary: i % 5 == 0,
            propagate_case: i % 2 == 0,
            criteria: vec![],
            usage_count: 0,
            last_used_at: None,
            builtin: false,
        });
    }
    out
}

/// Texts before the caret: half end with a trigger (some capitalised), half with plain words.
fn inputs(snippets: &[Snippet]) -> Vec<String> {
    let mut rng = Rng(0xFEED_0000_0000_0042);
    (0..1_000)
        .map(|i| {
            let mut text: String = (0..8).map(|_| format!("{} ", rng.pick(WORDS))).collect();
            if i % 2 == 0 {
                let s = &snippets[(rng.next() % snippets.len() as u64) as usize];
                let t = s.triggers.first().cloned().unwrap_or_default();
                text.push_str(&if i % 6 == 0 && s.propagate_case {
                    t.to_uppercase()
                } else {
                    t
                });
            } else {
                text.push_str(rng.pick(WORDS));
            }
            text
        })
        .collect()
}

/// One trigger for the naive scan: key, case-propagating, word boundary.
type Flat = (String, bool, bool);

/// The obvious algorithm: test every trigger against the end of the text, keep the longest.
fn naive<'a>(all: &'a [Flat], before: &str) -> Option<&'a str> {
    let lower = before.to_lowercase();
    all.iter()
        .filter(|(t, case, word)| {
            let hit = before.ends_with(t.as_str()) || (*case && lower.ends_with(t.as_str()));
            hit && (!*word || at_word_start(&before[..before.len().saturating_sub(t.len())]))
        })
        .max_by_key(|(t, _, _)| t.len())
        .map(|(t, _, _)| t.as_str())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn per_lookup(total: Duration, n: usize) -> f64 {
    total.as_nanos() as f64 / n as f64
}

fn main() {
    let snippets = snippets();
    if std::env::args().any(|a| a == "--json") {
        let table = TriggerTable::compile(&snippets, true);
        let out = serde_json::json!({ "table": table, "inputs": inputs(&snippets) });
        println!("{out}");
        return;
    }
    let compile = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                black_box(TriggerTable::compile(&snippets, true));
                start.elapsed()
            })
            .collect(),
    );
    let conflict_time = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                black_box(conflicts(&snippets));
                start.elapsed()
            })
            .collect(),
    );
    let table = TriggerTable::compile(&snippets, true);
    let found_conflicts = conflicts(&snippets).len();
    let all: Vec<Flat> = snippets
        .iter()
        .flat_map(|s| {
            s.triggers.iter().map(move |t| {
                let key = if s.propagate_case {
                    t.to_lowercase()
                } else {
                    t.clone()
                };
                (key, s.propagate_case, s.word_boundary)
            })
        })
        .collect();
    let texts = inputs(&snippets);

    // Both algorithms must agree before their times mean anything.
    let agree = texts
        .iter()
        .filter(|t| table.find_at_end(t).map(|(k, _)| k) == naive(&all, t))
        .count();
    let hits = texts
        .iter()
        .filter(|t| table.find_at_end(t).is_some())
        .count();

    let mut times_fast = Vec::new();
    let mut times_naive = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        for i in 0..LOOKUPS {
            black_box(table.find_at_end(black_box(&texts[i % texts.len()])));
        }
        times_fast.push(start.elapsed());
        let start = Instant::now();
        for i in 0..LOOKUPS / 100 {
            black_box(naive(&all, black_box(&texts[i % texts.len()])));
        }
        times_naive.push(start.elapsed());
    }
    let fast = per_lookup(median(times_fast), LOOKUPS);
    let slow = per_lookup(median(times_naive), LOOKUPS / 100);

    println!(
        "snippets: {SNIPPETS}, distinct trigger lengths: {}",
        table.lengths.len()
    );
    println!(
        "compile table: {:.2} ms (median of {RUNS}); conflict report: {:.2} ms ({found_conflicts} conflicts)",
        compile.as_secs_f64() * 1e3,
        conflict_time.as_secs_f64() * 1e3
    );
    println!("per look-up      find_at_end    naive scan    ratio");
    println!(
        "                 {:>8.0} ns   {:>9.0} ns   {:>5.0}x",
        fast,
        slow,
        slow / fast.max(1.0)
    );
    println!(
        "inputs: {} ({hits} end with a trigger); both algorithms agree on {agree}",
        texts.len()
    );
    regex_figures(&snippets, &texts, 20);
    regex_figures(&snippets, &texts, 200);
}

/// `count` regex triggers like `;s12(?P<n>[1-5])/(?P<of>\d+)`: compile time and time per
/// delimiter key.
fn regex_figures(snippets: &[Snippet], texts: &[String], count: usize) {
    let with_regex: Vec<Snippet> = snippets
        .iter()
        .take(count)
        .enumerate()
        .map(|(i, s)| {
            let mut s = s.clone();
            s.triggers.clear();
            s.regex = Some(format!(r";s{i}(?P<n>[1-5])/(?P<of>\d+)"));
            s
        })
        .collect();
    let mut compile_times = Vec::new();
    let mut compiled = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        compiled = compile_regex_triggers(&with_regex).ok();
        compile_times.push(start.elapsed());
    }
    let Some(compiled) = compiled else {
        println!("regex triggers did not compile");
        return;
    };
    let mut inputs: Vec<String> = texts.iter().take(100).cloned().collect();
    inputs.extend((0..100).map(|i| format!("overall I would say ;s{}4/5", i % count)));
    let hits = inputs
        .iter()
        .filter(|t| compiled.match_at_end(t).is_some())
        .count();
    let n = 20_000;
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        for i in 0..n {
            black_box(compiled.match_at_end(black_box(&inputs[i % inputs.len()])));
        }
        times.push(start.elapsed());
    }
    println!(
        "regex: {} triggers compile in {:.2} ms; match_at_end {:.0} ns per delimiter key ({hits}/{} inputs match)",
        compiled.len(),
        median(compile_times).as_secs_f64() * 1e3,
        per_lookup(median(times), n),
        inputs.len()
    );
}
