//! Times the import of a generated espanso file natively: planning against an empty library and
//! against a library as large, and merging the plan (`cargo run --release --example bench_import
//! -- 100000`). The browser figures come from `tests/bench/espanso.mjs`.
use rubrica_core::edits::merge_snippets;
use rubrica_core::ids::IdGen;
use rubrica_core::import::plan_snippet_import;
use std::time::Instant;

fn file(n: usize, offset: usize) -> String {
    let mut t = String::from("matches:\n");
    for i in offset..offset + n {
        t.push_str(&format!(
            "  - trigger: \":w {i} x:\"\n    replace: \"word {i}\"\n"
        ));
    }
    t
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut ids = IdGen::new([1; 16]);
    let text = file(n, 0);
    let t = Instant::now();
    let _ = rubrica_core::import::import_espanso(&text, &mut ids, 1);
    println!("read the espanso file of {n}: {:?}", t.elapsed());
    let t = Instant::now();
    let Ok(plan) = plan_snippet_import("a.yml", &file(n, 0), &[], &mut ids, 1) else {
        return;
    };
    println!("plan {n} vs empty: {:?}", t.elapsed());
    let t = Instant::now();
    let Ok(plan2) = plan_snippet_import("b.yml", &file(n, n), &plan.added, &mut ids, 2) else {
        return;
    };
    println!(
        "plan {n} vs {n}: {:?} ({} conflicts)",
        t.elapsed(),
        plan2.conflicts.len()
    );
    let t = Instant::now();
    let merged = merge_snippets(None, plan.added, 3);
    println!("merge {n}: {:?} ({})", t.elapsed(), merged.is_ok());
}
