use crate::civil::civil_from_days;
use serde_json::Value;
use std::collections::BTreeMap;

/// Keys and values as read from (or to be written to) `storage.local`.
pub type Snapshot = BTreeMap<String, Value>;

/// `{schema, installedAt}`.
pub const KEY_META: &str = "meta";
/// The settings record.
pub const KEY_SETTINGS: &str = "settings";
/// Which month shards exist per sharded collection.
pub const KEY_SHARDS: &str = "shards";
/// Where the current session (the latest, running or just stopped) is stored, and whether it
/// runs: [`shards::CurrentSession`](super::shards::CurrentSession). Schema 1 called it `running`.
pub const KEY_CURRENT_SESSION: &str = "currentSession";

/// Snippet use counts, apart from the snippets (schema 3): `{snippetId: {count, lastUsedAt}}`.
pub const KEY_SNIPPET_USES: &str = "snippetUses";

/// Ledger packs (docs/ledger.md, *Packs*): beside each task and session month shard, a compact
/// copy of it under this prefix and the shard's key (`ledgerPack/tasks/2026-03`), written in the
/// same `set`. Derived data: never exported, rebuilt from the shard when missing or stale.
pub const KEY_LEDGER_PACK_PREFIX: &str = "ledgerPack/";

/// The collections whose month shards have a ledger pack.
pub const LEDGER_PACKED: [Collection; 2] = [Collection::Tasks, Collection::Sessions];

/// What the background's engine loads at start (and follows on change): the schema version,
/// settings, the library, the shard index, and what decides the running session's rubric — the
/// current-session pointer and the task types. Month shards are never among them.
pub const START_KEYS: &[&str] = &[
    KEY_META,
    KEY_SETTINGS,
    "snippets",
    KEY_SNIPPET_USES,
    "rubrics",
    KEY_SHARDS,
    KEY_CURRENT_SESSION,
    "taskTypes",
];

/// The small keys that describe the whole store without loading a month shard (`state.get`'s
/// counts): the schema version, settings, every small collection but the snippets, and the shard
/// index. The snippets (up to 100,000, tens of megabytes) are not read for a count: the
/// background counts them from the start-up keys it already holds, once per change.
pub const SUMMARY_KEYS: &[&str] = &[
    KEY_META,
    KEY_SETTINGS,
    "platforms",
    "taskTypes",
    "rubrics",
    "alerts",
    KEY_SHARDS,
];

/// A stored collection of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Collection {
    Platforms,
    TaskTypes,
    Rubrics,
    Snippets,
    Alerts,
    Sessions,
    Tasks,
    Justifications,
}

impl Collection {
    /// Every collection, small ones first.
    pub const ALL: [Collection; 8] = [
        Collection::Platforms,
        Collection::TaskTypes,
        Collection::Rubrics,
        Collection::Snippets,
        Collection::Alerts,
        Collection::Sessions,
        Collection::Tasks,
        Collection::Justifications,
    ];

    /// The collection's name in keys, exports and messages (`taskTypes`).
    pub fn name(self) -> &'static str {
        match self {
            Collection::Platforms => "platforms",
            Collection::TaskTypes => "taskTypes",
            Collection::Rubrics => "rubrics",
            Collection::Snippets => "snippets",
            Collection::Alerts => "alerts",
            Collection::Sessions => "sessions",
            Collection::Tasks => "tasks",
            Collection::Justifications => "justifications",
        }
    }

    /// The collection called `name`, if any.
    pub fn from_name(name: &str) -> Option<Collection> {
        Collection::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Sharded collections grow for years and are split by UTC month so they load lazily.
    pub fn is_sharded(self) -> bool {
        matches!(
            self,
            Collection::Sessions | Collection::Tasks | Collection::Justifications
        )
    }

    /// The storage key holding a record created at `created_at`.
    pub fn key_for(self, created_at: i64) -> String {
        if self.is_sharded() {
            format!("{}/{}", self.name(), month_of(created_at))
        } else {
            self.name().to_string()
        }
    }

    /// Whether `key` belongs to this collection (the plain key, or one of its shards).
    pub fn owns_key(self, key: &str) -> bool {
        if self.is_sharded() {
            key.strip_prefix(self.name())
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(is_month)
        } else {
            key == self.name()
        }
    }
}

fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[5..].iter().all(u8::is_ascii_digit)
}

/// `YYYY-MM` of a UTC epoch-ms instant (proleptic Gregorian; years before 0 clamp to 0000).
pub fn month_of(epoch_ms: i64) -> String {
    let (y, m, _) = civil_from_days(epoch_ms.div_euclid(86_400_000));
    format!("{:04}-{:02}", y.clamp(0, 9999), m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_utc() {
        assert_eq!(month_of(0), "1970-01");
        // 2026-11-30T23:59:59.999Z and one millisecond later
        assert_eq!(month_of(1_796_083_199_999), "2026-11");
        assert_eq!(month_of(1_796_083_200_000), "2026-12");
        assert_eq!(month_of(951_782_400_000), "2000-02"); // 2000-02-29
        assert_eq!(month_of(-1), "1969-12");
    }

    #[test]
    fn start_and_summary_keys_name_small_keys_only() {
        for k in START_KEYS.iter().chain(SUMMARY_KEYS) {
            let c = Collection::ALL.into_iter().find(|c| c.name() == *k);
            assert!(
                c.is_none_or(|c| !c.is_sharded()),
                "{k} is a sharded collection"
            );
        }
        // Every small collection is in the summary, but the snippets, which the engine holds
        // (a start-up key) and the background counts from there.
        for c in Collection::ALL.into_iter().filter(|c| !c.is_sharded()) {
            let counted = if c == Collection::Snippets {
                START_KEYS
            } else {
                SUMMARY_KEYS
            };
            assert!(counted.contains(&c.name()), "{}", c.name());
        }
        assert!(!SUMMARY_KEYS.contains(&Collection::Snippets.name()));
    }

    #[test]
    fn keys_per_collection() {
        assert_eq!(Collection::Snippets.key_for(1_796_083_200_000), "snippets");
        assert_eq!(
            Collection::Sessions.key_for(1_796_083_200_000),
            "sessions/2026-12"
        );
        assert!(Collection::Tasks.owns_key("tasks/2026-01"));
        assert!(!Collection::Tasks.owns_key("tasks/2026-1"));
        assert!(!Collection::Tasks.owns_key("tasksX/2026-01"));
        assert!(Collection::Rubrics.owns_key("rubrics"));
        for c in Collection::ALL {
            assert_eq!(Collection::from_name(c.name()), Some(c));
        }
    }
}
