//! Native timing of the justification checker on a 500-word text with every rule on (the WASM
//! figure is `tests/bench/checker.mjs`). `cargo run --release --example bench_checker`.
use rubrica_core::model::CheckerSettings;
use rubrica_core::rubric::justify::{check_justification, CriterionRef, JustificationInput};
use std::time::Instant;

fn main() {
    let sentences = [
        "Response A is better because it states the correct boiling point of water, 100 °C at sea level.",
        "Response B sounds better.",
        "It is more helpful overall.",
        "On instruction following, Response A keeps to the three bullet points the prompt asked for, while Response B writes five paragraphs.",
        "Response B claims the sky reflects the ocean, which is a factual error that a ten-year-old would repeat.",
        "The tone of both is respectful and suited to a child.",
        "See [insert reason] and {evidence} for the rest.",
        "I prefer A.",
        "Response A cites no sources, and none were needed for this prompt.",
        "Response B repeats itself and pads the answer with filler before it answers.",
    ];
    let mut words: Vec<&str> = Vec::new();
    let mut i = 0;
    while words.len() < 500 {
        words.extend(sentences[i % sentences.len()].split(' '));
        i += 1;
    }
    let text = words[..500].join(" ");
    let keys = [
        "harmlessness",
        "accuracy",
        "instruction_following",
        "helpfulness",
        "code",
        "citations",
        "verbosity",
        "tone",
    ];
    let criteria = keys
        .iter()
        .enumerate()
        .map(|(i, k)| CriterionRef {
            key: k.to_string(),
            name: k.replace('_', " "),
            disqualifying: i == 0,
            phrases: vec![format!("The response shows {k}.")],
            priority: i as u32 + 1,
        })
        .collect();
    let input = JustificationInput {
        text,
        criteria,
        settings: CheckerSettings {
            min_words: 300,
            max_words: 450,
            off_rules: vec![],
        },
        whole: true,
    };
    let n = check_justification(&input, None).len();
    let runs = 2000;
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(check_justification(&input, None));
        samples.push(t.elapsed().as_secs_f64() * 1e6);
    }
    samples.sort_by(f64::total_cmp);
    if std::env::var("RULES").is_ok() {
        for only in [
            "vague-judgement",
            "criterion-not-addressed",
            "length-window",
            "unfilled-field",
        ] {
            let mut inp = input.clone();
            inp.settings.off_rules = [
                "vague-judgement",
                "criterion-not-addressed",
                "disqualifying-ignored",
                "length-window",
                "unfilled-field",
            ]
            .iter()
            .filter(|r| **r != only)
            .map(|r| r.to_string())
            .collect();
            let t = Instant::now();
            for _ in 0..200 {
                std::hint::black_box(check_justification(&inp, None));
            }
            println!("{only}: {:.1} µs", t.elapsed().as_secs_f64() * 1e6 / 200.0);
        }
    }
    println!(
        "justification checker, 500 words, every rule on ({n} findings): median {:.1} µs, p95 {:.1} µs (native; WASM target p95 < 2 ms)",
        samples[runs / 2],
        samples[runs * 95 / 100]
    );
}
