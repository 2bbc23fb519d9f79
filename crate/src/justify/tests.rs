use super::*;
use crate::model::{Justification, RecordMeta, TaskStatus};

pub(super) fn entry(id: &str, at: i64, text: &str) -> Justification {
    Justification {
        meta: RecordMeta::new(id.into(), at),
        text: text.into(),
        platform_id: None,
        task_type_id: None,
        task_id: None,
        criteria: vec![],
        outcome: None,
        notes: String::new(),
        tags: vec![],
        last_used_at: None,
    }
}

/// The relevance fixtures: small library, queries with the order a person expects.
pub(super) fn library() -> Vec<Justification> {
    vec![
        entry("jst_a", 1, "Response A is more accurate: it cites the correct boiling point of water, while B gives the wrong value."),
        entry("jst_b", 2, "Response B follows the instructions step by step and keeps the requested format."),
        entry("jst_c", 3, "Both responses are accurate, but A is more concise and avoids repetition."),
        entry("jst_d", 4, "The response contains a factual error about the boiling point; accuracy is the main issue. Accuracy matters most here."),
        entry("jst_e", 5, "Le résumé est très détaillé et précis; la réponse respecte la consigne."),
        entry("jst_f", 6, "Response A refuses a harmless request, which hurts helpfulness; B answers safely."),
        entry("jst_g", 7, "The code in response B does not compile: a missing semicolon, so correctness fails."),
        entry("jst_h", 8, "Step by step reasoning is shown in A; B skips steps and jumps to the answer."),
    ]
}

pub(super) fn ids(r: &Results) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

pub(super) fn search(ix: &mut LibraryIndex, q: &str) -> Vec<String> {
    ids(&ix.search(q, &Filters::default(), 20))
        .into_iter()
        .map(String::from)
        .collect()
}

#[test]
pub(super) fn ranking_follows_the_relevance_fixtures() {
    let mut ix = LibraryIndex::build(&library());
    // Repeated, rare words rank the entry that is about them first.
    assert_eq!(search(&mut ix, "accuracy "), ["jst_d"]);
    // equal scores (same words, same length): the newer entry first
    assert_eq!(search(&mut ix, "boiling point ")[..2], ["jst_d", "jst_a"]);
    // a longer entry with the same matches ranks lower (BM25 length normalisation)
    let mut ix2 = LibraryIndex::build(&[
        entry("jst_long", 2, "The tone is fine. The boiling point claim is wrong, and many other details in this long answer are fine too."),
        entry("jst_short", 1, "Wrong boiling point."),
    ]);
    assert_eq!(search(&mut ix2, "boiling "), ["jst_short", "jst_long"]);
    assert_eq!(search(&mut ix, "compile "), ["jst_g"]);
    // Every word must match.
    assert_eq!(search(&mut ix, "accurate concise "), ["jst_c"]);
    assert!(search(&mut ix, "accurate banana ").is_empty());
}

#[test]
pub(super) fn case_and_diacritics_fold() {
    let mut ix = LibraryIndex::build(&library());
    assert_eq!(search(&mut ix, "RESUME PRECIS "), ["jst_e"]);
    assert_eq!(search(&mut ix, "réponse "), ["jst_e"]);
    assert_eq!(search(&mut ix, "Re\u{301}sume\u{301} "), ["jst_e"]);
}

#[test]
pub(super) fn the_last_word_is_a_prefix_while_typed() {
    let mut ix = LibraryIndex::build(&library());
    assert_eq!(
        search(&mut ix, "boil"),
        ["jst_a", "jst_d"]
            .map(String::from)
            .to_vec()
            .into_iter()
            .filter(|_| false)
            .chain(search(&mut ix, "boiling "))
            .collect::<Vec<_>>()
    );
    assert!(
        search(&mut ix, "boil ").is_empty(),
        "a finished word is matched exactly"
    );
    assert_eq!(search(&mut ix, "helpful"), ["jst_f"]);
    // the exact word ranks before longer words it begins
    let mut ix2 = LibraryIndex::build(&[
        entry("jst_1", 1, "accurate accurate accurate everywhere"),
        entry("jst_2", 2, "accuracy is fine"),
    ]);
    assert_eq!(search(&mut ix2, "accura")[..2].len(), 2);
    let r = ix2.search("accurate", &Filters::default(), 5);
    assert_eq!(ids(&r), ["jst_1"]);
}

#[test]
pub(super) fn phrases_need_the_words_together_in_order() {
    let mut ix = LibraryIndex::build(&library());
    let mut found = search(&mut ix, "\"step by step\"");
    found.sort();
    assert_eq!(found, ["jst_b", "jst_h"]);
    assert_eq!(search(&mut ix, "\"point boiling\""), Vec::<String>::new());
    assert_eq!(search(&mut ix, "\"boiling point\" water "), ["jst_a"]);
    assert!(search(&mut ix, "\"unknown words here\"").is_empty());
}

#[test]
pub(super) fn filters_narrow_results_and_an_empty_query_lists_newest_first() {
    let mut lib = library();
    lib[0].platform_id = Some("plt_x".into());
    lib[0].task_type_id = Some("tty_x".into());
    lib[0].criteria = vec!["Accuracy".into()];
    lib[0].outcome = Some(TaskStatus::Approved);
    lib[0].tags = vec!["Chémistry".into()];
    lib[3].outcome = Some(TaskStatus::Rejected);
    let mut ix = LibraryIndex::build(&lib);
    let f = |f: Filters| Filters { ..f };
    let all = ix.search("", &Filters::default(), 3);
    assert_eq!(all.total, 8);
    assert_eq!(ids(&all), ["jst_h", "jst_g", "jst_f"]);
    let by = |ix: &mut LibraryIndex, q: &str, filters: Filters| {
        ids(&ix.search(q, &filters, 20))
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        by(
            &mut ix,
            "boiling ",
            f(Filters {
                platform_id: Some("plt_x".into()),
                ..Default::default()
            })
        ),
        ["jst_a"]
    );
    assert_eq!(
        by(
            &mut ix,
            "",
            Filters {
                task_type_id: Some("tty_x".into()),
                ..Default::default()
            }
        ),
        ["jst_a"]
    );
    assert_eq!(
        by(
            &mut ix,
            "",
            Filters {
                criterion: Some("accuracy".into()),
                ..Default::default()
            }
        ),
        ["jst_a"]
    );
    assert_eq!(
        by(
            &mut ix,
            "boiling ",
            Filters {
                outcome: Some(OutcomeFilter::Rejected),
                ..Default::default()
            }
        ),
        ["jst_d"]
    );
    assert_eq!(
        by(
            &mut ix,
            "",
            Filters {
                outcome: Some(OutcomeFilter::Approved),
                ..Default::default()
            }
        ),
        ["jst_a"]
    );
    assert_eq!(
        by(
            &mut ix,
            "",
            Filters {
                outcome: Some(OutcomeFilter::Unknown),
                ..Default::default()
            }
        )
        .len(),
        6
    );
    assert_eq!(
        by(
            &mut ix,
            "",
            Filters {
                tag: Some("CHEMISTRY".into()),
                ..Default::default()
            }
        ),
        ["jst_a"]
    );
    assert_eq!(
        by(
            &mut ix,
            "",
            Filters {
                from: Some(3),
                to: Some(5),
                ..Default::default()
            }
        ),
        ["jst_d", "jst_c"]
    );
}

#[test]
pub(super) fn passages_highlight_the_matches() {
    let mut ix = LibraryIndex::build(&library());
    let r = ix.search("boiling poi", &Filters::default(), 5);
    let hit = &r.hits[0];
    let units: Vec<u16> = hit.passage.excerpt.encode_utf16().collect();
    let marked: Vec<String> = hit
        .passage
        .highlights
        .iter()
        .map(|[s, e]| String::from_utf16_lossy(&units[*s as usize..*e as usize]))
        .collect();
    assert_eq!(marked, ["boiling", "point"]);
    // A long entry is cut around the matches, with ellipses.
    let long = format!(
        "{} the needle is here {}",
        "filler ".repeat(100),
        "more ".repeat(100)
    );
    let mut ix = LibraryIndex::build(&[entry("jst_l", 1, &long)]);
    let hit = &ix.search("needle ", &Filters::default(), 1).hits[0];
    assert!(hit.passage.excerpt.starts_with('…') && hit.passage.excerpt.ends_with('…'));
    let [s, e] = hit.passage.highlights[0];
    let units: Vec<u16> = hit.passage.excerpt.encode_utf16().collect();
    assert_eq!(
        String::from_utf16_lossy(&units[s as usize..e as usize]),
        "needle"
    );
}

#[test]
pub(super) fn incremental_updates_answer_what_a_rebuild_answers() {
    let lib = library();
    let mut inc = LibraryIndex::build(&lib[..5]);
    for e in &lib[5..] {
        inc.upsert(e);
    }
    // edit one, delete one (tombstone), remove one, re-add it
    let mut edited = lib[2].clone();
    edited.text = "Both responses are accurate; A is concise about the boiling point.".into();
    inc.upsert(&edited);
    let mut gone = lib[6].clone();
    gone.meta.deleted_at = Some(99);
    inc.upsert(&gone);
    inc.remove("jst_b");
    inc.upsert(&lib[1]);
    let mut now: Vec<Justification> = lib.clone();
    now[2] = edited;
    now[6] = gone;
    let mut rebuilt = LibraryIndex::build(&now);
    assert_eq!(inc.len(), 7);
    for q in [
        "boiling point ",
        "accura",
        "\"step by step\"",
        "response ",
        "",
        "a ",
        "compile ",
    ] {
        assert_eq!(
            inc.search(q, &Filters::default(), 20),
            rebuilt.search(q, &Filters::default(), 20),
            "{q}"
        );
    }
}

pub(super) const ORIGINAL: &str = "Response A is better because it answers the user's question directly, cites the correct \
    boiling point of water at sea level, and explains the effect of altitude in two clear sentences. Response B \
    repeats the question, gives a wrong value and never mentions altitude, so it fails on accuracy and on \
    helpfulness.";

#[test]
pub(super) fn near_duplicates_catch_copies_and_light_edits_but_not_paraphrases() {
    let ix = LibraryIndex::build(&[
        entry("jst_orig", 1_773_273_600_000, ORIGINAL),
        entry(
            "jst_other",
            2,
            "Short unrelated note about formatting tables in markdown output.",
        ),
    ]);
    let copied = near_duplicates(&ix, ORIGINAL, 0.5);
    assert_eq!(copied.len(), 1);
    assert_eq!(
        (copied[0].id.as_str(), copied[0].similarity),
        ("jst_orig", 1.0)
    );
    assert_eq!(
        copied[0].spans,
        vec![[0, ORIGINAL.encode_utf16().count() as u32 - 1]]
    );
    let edited = ORIGINAL
        .replace("directly", "plainly")
        .replace("two clear sentences", "two short sentences")
        .replace("RESPONSE", "response");
    let light = near_duplicates(&ix, &edited, 0.5);
    assert_eq!(light.len(), 1);
    assert!(
        light[0].similarity > 0.6 && light[0].similarity < 1.0,
        "{}",
        light[0].similarity
    );
    assert!(
        light[0].spans.len() >= 2,
        "the changed words split the overlap"
    );
    let paraphrase = "B is worse: it restates what was asked, states an incorrect temperature for water to boil, \
        ignores height above the sea, whereas A replies to the point and mentions how elevation changes it.";
    assert!(near_duplicates(&ix, paraphrase, 0.2).is_empty());
    // the threshold is the user's: a strict one hides the light edit
    assert!(near_duplicates(&ix, &edited, 0.95).is_empty());
    assert!(near_duplicates(&ix, "", 0.1).is_empty());
    assert_eq!(
        near_duplicates_in(&[entry("jst_x", 1, "tiny")], "Tiny", 0.9).len(),
        1
    );
}
