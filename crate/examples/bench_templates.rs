//! Parse + render time of every starter template, natively (`cargo run --release --example
//! bench_templates`). `./build.sh bench` prints the same measurement in WebAssembly beside it.
use rubrica_core::engine::{Engine, ExpandContext};
use rubrica_core::storage::{migrate, Snapshot};
use std::time::Instant;

fn main() {
    let now = 1_795_685_400_000; // 2026-11-26T09:30Z
    let plan = match migrate(&Snapshot::new(), now) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("fresh install failed: {e}");
            std::process::exit(1);
        }
    };
    let mut engine = Engine::new();
    engine.load(&plan.writes);
    let ctx = ExpandContext {
        now,
        ..ExpandContext::default()
    };
    let snippets: Vec<(String, String)> = engine
        .snippets()
        .iter()
        .filter(|s| s.folder == "Starter")
        .map(|s| (s.triggers.join(" "), s.template.clone()))
        .collect();
    println!("parse + render (defaults) of each starter template, median of 2,000 runs:");
    let mut total = 0.0;
    for (trigger, template) in &snippets {
        let mut times = Vec::with_capacity(2000);
        for _ in 0..2000 {
            let t = Instant::now();
            let out = engine.preview(template, &ctx, None);
            times.push(t.elapsed().as_secs_f64() * 1e6);
            if let Err(e) = out {
                eprintln!("{trigger}: {e}");
                std::process::exit(1);
            }
        }
        times.sort_by(|a, b| a.total_cmp(b));
        let median = times[times.len() / 2];
        total += median;
        println!(
            "  {trigger:<8} {:>5} bytes   {median:>8.1} µs",
            template.len()
        );
    }
    println!(
        "  all {} starter templates: {total:.1} µs (native; compare the WASM figure below)",
        snippets.len()
    );
}
