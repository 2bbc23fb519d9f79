use super::save::{self, JustificationDraft};
use super::tests::*;
use super::*;
use crate::ids::IdGen;
use crate::storage::Snapshot;

#[test]
fn saving_puts_entries_in_their_month_and_counts_them() {
    let mut ids = IdGen::new([3; 16]);
    let now = 1_796_083_200_000; // 2026-12-01
    let stored = Snapshot::new();
    let draft = JustificationDraft {
        text: "  Response A is accurate.  ".into(),
        tags: vec!["x".into(), "X ".into(), "".into()],
        ..Default::default()
    };
    let (rec, writes) = save::save(&stored, draft, &mut ids, now).expect("saved");
    assert_eq!(rec.text, "Response A is accurate.");
    assert_eq!(rec.tags, ["x"]);
    assert!(writes.contains_key("justifications/2026-12"));
    assert_eq!(writes["shards"]["justifications"]["2026-12"], 1);
    assert_eq!(
        save::keys_for(Some(&rec.meta.id), now + 40 * 86_400_000)[1],
        "justifications/2026-12"
    );
    // edit keeps identity and the count
    let stored: Snapshot = writes;
    let edit = JustificationDraft {
        id: Some(rec.meta.id.clone()),
        text: "Edited".into(),
        ..Default::default()
    };
    let (rec2, writes2) = save::save(&stored, edit, &mut ids, now + 5).expect("edited");
    assert_eq!(
        (rec2.meta.id.as_str(), rec2.meta.created_at),
        (rec.meta.id.as_str(), now)
    );
    assert!(!writes2.contains_key("shards"));
    // delete, then restore
    let (_, del) = save::set_deleted(&stored, &rec.meta.id, true, now + 9).expect("deleted");
    assert_eq!(del["shards"]["justifications"]["2026-12"], 0);
    // errors a person can act on
    let empty = JustificationDraft {
        text: "   ".into(),
        ..Default::default()
    };
    assert!(save::save(&stored, empty, &mut ids, now).is_err());
    let ghost = JustificationDraft {
        id: Some("jst_nope".into()),
        text: "x".into(),
        ..Default::default()
    };
    assert_eq!(
        save::save(&stored, ghost, &mut ids, now)
            .map(|_| ())
            .unwrap_err()
            .kind,
        crate::error::ErrorKind::NotFound
    );
}

#[test]
fn odd_input_does_not_panic() {
    let mut ix = LibraryIndex::build(&[entry("jst_1", 1, ""), entry("jst_2", 2, "😀 ✓ \u{301}")]);
    for q in ["\"", "\"\"\"", "   ", "😀", "a\"b\"c", &"x".repeat(10_000)] {
        let _ = ix.search(q, &Filters::default(), 0);
        let _ = near_duplicates(&ix, q, 0.0);
    }
}

#[test]
fn entries_travel_in_the_backup_and_its_import() {
    let mut gen = IdGen::new([5; 16]);
    let now = 1_796_083_200_000;
    let draft = JustificationDraft {
        text: "Response A cites the source.".into(),
        tags: vec!["sources".into()],
        ..Default::default()
    };
    let (rec, stored) = save::save(&Snapshot::new(), draft, &mut gen, now).expect("saved");
    let envelope = crate::storage::export_backup(&stored, now + 1);
    let text = serde_json::to_string(&envelope).expect("json");
    assert!(
        text.contains(&rec.meta.id)
            && text.contains("\"lastUsedAt\"") == rec.last_used_at.is_some()
    );
    // Into an empty store: the entry lands in its month shard and the shard index counts it.
    let plan = crate::storage::plan_import(&Snapshot::new(), &text).expect("plan");
    assert_eq!(plan.summary["justifications"].added, 1);
    assert_eq!(
        plan.writes["justifications/2026-12"][&rec.meta.id]["text"],
        "Response A cites the source."
    );
    assert_eq!(plan.writes["shards"]["justifications"]["2026-12"], 1);
    // Into the same store: nothing changes.
    let again = crate::storage::plan_import(&stored, &text).expect("plan");
    assert_eq!(again.summary["justifications"].added, 0);
    // And the imported entry is searchable.
    let mut ix = LibraryIndex::build(&save::entries_of(&plan.writes));
    assert_eq!(
        ids(&ix.search("source", &Filters::default(), 5)),
        [rec.meta.id.as_str()]
    );
}
