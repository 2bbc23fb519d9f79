//! Storage written by every earlier schema version migrates (issue 13): `tests/storage/` must hold
//! `schema-N.json` for every N below the current schema, and each migrates to the current schema,
//! keeps every record, and migrating the result again writes nothing.
#![cfg(feature = "full")]

use rubrica_core::storage::{migrate, Snapshot, SCHEMA_VERSION};
use std::path::Path;

const NOW: i64 = 1_795_685_400_000;

fn records(s: &Snapshot) -> usize {
    s.iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "meta" | "settings" | "shards" | "running" | "currentSession" | "snippetUses"
            )
        })
        .filter_map(|(_, v)| v.as_object())
        .map(|m| m.len())
        .sum()
}

#[test]
fn every_earlier_schema_has_a_fixture_that_migrates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/storage");
    for version in 1..SCHEMA_VERSION {
        let path = dir.join(format!("schema-{version}.json"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (keep a fixture of every earlier schema's storage)",
                path.display()
            )
        });
        let old: Snapshot =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let plan = migrate(&old, NOW).unwrap_or_else(|e| panic!("schema {version}: {e}"));
        assert_eq!((plan.from, plan.to), (version, SCHEMA_VERSION));
        let mut new = old.clone();
        new.extend(plan.writes.clone());
        for k in &plan.removes {
            new.remove(k);
        }
        assert_eq!(new["meta"]["schema"], SCHEMA_VERSION);
        assert_eq!(
            records(&new),
            records(&old),
            "schema {version}: records lost or added"
        );
        let again = migrate(&new, NOW).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            again.writes.is_empty() && again.removes.is_empty(),
            "migrating twice writes again"
        );
    }
}
