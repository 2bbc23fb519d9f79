//! Native timing of the justification library's index (the WASM figures are in
//! `tests/bench/library.mjs`): build over a generated corpus, queries, near-duplicate check.
use rubrica_core::justify::{near_duplicates, Filters, LibraryIndex};
use rubrica_core::model::{Justification, RecordMeta};
use std::time::Instant;

fn main() {
    // `bench_library [N] [--dump]`: `--dump` prints every answer instead of timings (compare two
    // builds' outputs to show a change kept search results identical).
    let dump = std::env::args().any(|a| a == "--dump");
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let mut seed: u64 = 11;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let syl = [
        "ra", "to", "me", "ni", "ka", "lu", "se", "po", "di", "fa", "ve", "qui", "stra", "ble",
        "ment", "ion", "é", "or", "an", "el",
    ];
    let vocab: Vec<String> = (0..30_000usize)
        .map(|i| {
            let (mut w, mut k) = (String::new(), i + 7);
            loop {
                w.push_str(syl[k % syl.len()]);
                k /= syl.len();
                if k == 0 {
                    break w;
                }
            }
        })
        .collect();
    let harmonic: f64 = (1..=vocab.len()).map(|i| 1.0 / i as f64).sum();
    let mut cum = Vec::with_capacity(vocab.len());
    let mut acc = 0.0;
    for i in 0..vocab.len() {
        acc += 1.0 / (i + 1) as f64 / harmonic;
        cum.push(acc);
    }
    let mut word = || {
        let x = (next() % 1_000_000) as f64 / 1_000_000.0;
        &vocab[cum.partition_point(|&c| c < x).min(vocab.len() - 1)]
    };
    let entries: Vec<Justification> = (0..n)
        .map(|i| {
            let text: Vec<&str> = (0..300).map(|_| word().as_str()).collect();
            Justification {
                meta: RecordMeta::new(format!("jst_{i:06}"), i as i64),
                text: text.join(" "),
                platform_id: None,
                task_type_id: None,
                task_id: None,
                criteria: vec![],
                outcome: None,
                notes: String::new(),
                tags: vec![],
                last_used_at: None,
            }
        })
        .collect();
    let t = Instant::now();
    let mut count = 0usize;
    for e in &entries {
        rubrica_core::justify::text::for_each_word(&e.text, |w, _, _| count += w.len());
    }
    println!(
        "tokenise only: {:.0} ms ({count})",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let mut ix = LibraryIndex::build(&entries);
    println!(
        "build {n} entries: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    if !dump {
        // As the pages build it: from the stored JSON text (`LibraryIndex.addSnapshotJson`).
        let shard: std::collections::HashMap<&str, &Justification> =
            entries.iter().map(|e| (e.meta.id.as_str(), e)).collect();
        let json = serde_json::json!({ "justifications/2024-01": shard }).to_string();
        let t = Instant::now();
        let mut from_json = LibraryIndex::new();
        for (_, shard) in rubrica_core::justify::load::shards_of_json(&json).unwrap_or_default() {
            for e in shard {
                from_json.upsert_owned(e);
            }
        }
        println!(
            "build {} entries from {:.1} MB of stored JSON: {:.0} ms",
            from_json.len(),
            json.len() as f64 / 1e6,
            t.elapsed().as_secs_f64() * 1e3
        );
        type Model =
            std::collections::HashMap<String, std::collections::HashMap<String, Justification>>;
        let t = Instant::now();
        let parsed: Model = serde_json::from_str(&json).unwrap_or_default();
        println!(
            "  parsing it with the model's Deserialize alone (flattened meta): {:.0} ms ({})",
            t.elapsed().as_secs_f64() * 1e3,
            parsed.len()
        );
    }
    let queries: Vec<String> = (0..200)
        .map(|i| {
            let a = &vocab[(next() % 3000) as usize];
            let b = &vocab[(next() % 3000) as usize];
            if i % 3 == 0 {
                a.chars().take(3).collect()
            } else {
                format!("{a} {b} ")
            }
        })
        .collect();
    if dump {
        dump_answers(&mut ix, &entries, &queries);
        return;
    }
    let mut times: Vec<f64> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            ix.search(q, &Filters::default(), 10);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("query p50 {:.3} ms, p95 {:.3} ms", times[100], times[190]);
    let text = entries[1234]
        .text
        .split(' ')
        .take(200)
        .collect::<Vec<_>>()
        .join(" ")
        + " "
        + &entries[99].text;
    let t = Instant::now();
    let found = near_duplicates(&ix, &text, 0.3);
    println!(
        "near-duplicates: {:.2} ms ({} found)",
        t.elapsed().as_secs_f64() * 1e3,
        found.len()
    );
}

/// Every answer of the index for the bench queries (and phrases, filters, near-duplicates),
/// after removing and re-adding entries, as text: the same output means the same results.
fn dump_answers(ix: &mut LibraryIndex, entries: &[Justification], queries: &[String]) {
    for (i, e) in entries.iter().enumerate() {
        if i % 7 == 3 {
            ix.remove(&e.meta.id);
        }
        if i % 11 == 5 {
            let mut changed = e.clone();
            changed.text = format!("{} {}", e.text, entries[(i * 31) % entries.len()].text);
            changed.tags = vec!["Tág".into()];
            ix.upsert(&changed);
        }
    }
    let mut all: Vec<String> = queries.to_vec();
    for q in queries.iter().take(40) {
        all.push(format!("\"{}\"", q.trim()));
        let short: String = q.chars().take(2).collect();
        all.push(short);
    }
    let tagged = Filters {
        tag: Some("tag".into()),
        ..Filters::default()
    };
    for q in &all {
        for (f, limit) in [(&Filters::default(), 10), (&tagged, 200)] {
            let r = ix.search(q, f, limit);
            println!("{q:?} total {}", r.total);
            for h in r.hits {
                println!(
                    "  {} {} {} {:?} {:?}",
                    h.id, h.score, h.created_at, h.passage.excerpt, h.passage.highlights
                );
            }
        }
    }
    for (i, e) in entries.iter().enumerate().step_by(97) {
        let words: Vec<&str> = e.text.split(' ').collect();
        let half = words[..words.len() / 2].join(" ");
        let text = format!("{half} {}", entries[(i + 1) % entries.len()].text);
        for t in [0.2, 0.5, 0.9] {
            for m in near_duplicates(ix, &text, t) {
                println!("nd {i} {t} {:?}", m);
            }
        }
    }
}
