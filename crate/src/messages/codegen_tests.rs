// The generated contract (contract.js and docs/messages.md's tables) is current and well formed.
use super::*;

/// Compares a generated file with what is on disk; `UPDATE_CONTRACT=1` rewrites it first.
fn check_generated(relative: &str, want: &str) {
    let path = format!("{}/../{relative}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_CONTRACT").is_some() {
        std::fs::write(&path, want).unwrap_or_else(|e| panic!("writing {path}: {e}"));
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{relative} is stale: run `UPDATE_CONTRACT=1 cargo test -p rubrica-core --lib messages`"
    );
}

#[test]
fn contract_js_is_current() {
    check_generated("extension/shared/contract.js", &contract_js());
}

#[test]
fn docs_messages_tables_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/messages.md");
    let doc = std::fs::read_to_string(path).unwrap_or_default();
    let want = fill_messages_doc(&doc).unwrap_or_else(|e| panic!("docs/messages.md: {e}"));
    check_generated("docs/messages.md", &want);
}

#[test]
fn generated_tables_escape_pipes_and_list_every_type() {
    let [(_, notices), (_, types)] = messages_tables();
    for s in all_specs() {
        assert!(types.contains(&format!("| `{}` |", s.name)), "{}", s.name);
    }
    for n in TO_CONTENT {
        assert!(notices.contains(&format!("| `{}` |", n.name)), "{}", n.name);
    }
    // Every row has exactly the table's columns (a `|` in the prose is escaped).
    for (table, columns) in [(&notices, 3), (&types, 4)] {
        for row in table.lines() {
            let bars = row.replace("\\|", "").matches('|').count();
            assert_eq!(bars, columns + 1, "{row}");
        }
    }
    assert!(fill_messages_doc("no markers").is_err());
}
