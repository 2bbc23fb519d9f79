//! [`Ledger`]: the tasks and sessions of the months a range needs, loaded once and kept behind
//! one handle (in the dashboard's WebAssembly), so reports, lists and pages are answered without
//! sending the records across the boundary again.

use super::entry::Entry;
use crate::model::{Platform, Rubric, Session, Task, TaskType};
use crate::storage::shards::records;
use crate::storage::{Collection, Snapshot};
use crate::timing::timeline::Timeline;
use crate::timing::totals::FnvMap;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet};

/// Interned platform and task-type ids (0 is "none"), so grouping compares integers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ids {
    pub names: Vec<Option<String>>,
    index: FnvMap<String, u32>,
    /// The id met last.
    last: u32,
}

impl Ids {
    pub fn new() -> Self {
        Ids {
            names: vec![None],
            index: FnvMap::default(),
            last: 0,
        }
    }

    pub fn of(&mut self, id: Option<&str>) -> u32 {
        let Some(id) = id else { return 0 };
        // Records in a row mostly share an id: the one met last is checked before hashing.
        if self
            .names
            .get(self.last as usize)
            .and_then(Option::as_deref)
            == Some(id)
        {
            return self.last;
        }
        let i = match self.index.get(id) {
            Some(&i) => i,
            None => {
                let i = self.names.len() as u32;
                self.names.push(Some(id.to_string()));
                self.index.insert(id.to_string(), i);
                i
            }
        };
        self.last = i;
        i
    }

    pub fn id(&self, i: u32) -> Option<&str> {
        self.names.get(i as usize).and_then(|n| n.as_deref())
    }
}

/// The loaded ledger.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    pub(crate) entries: Vec<Entry>,
    pub(crate) sessions: Vec<Session>,
    pub(crate) platforms: BTreeMap<String, Platform>,
    pub(crate) task_types: BTreeMap<String, TaskType>,
    pub(crate) rubrics: BTreeMap<String, Rubric>,
    pub(super) loaded: BTreeSet<String>,
    /// Tasks loaded since the last refresh (deleted ones left out), taken into `entries` by it.
    pub(super) fresh: Vec<Entry>,
    /// The task packs loaded, which packed entries are read from.
    #[cfg(feature = "pages")]
    pub(crate) packs: Vec<super::pack::TaskPack>,
    /// The `now` the lap times were computed at (a running session's time grows).
    pub(crate) now: i64,
    /// What the reports read of each entry (same order), and what its integers stand for
    /// ([`super::facts`]): worked out once per load, not per report.
    pub(crate) facts: Vec<super::facts::Fact>,
    pub(crate) ids: Ids,
    pub(crate) currencies: Vec<crate::model::Currency>,
    /// Each session's interned `(platform, task type)` and its layout at `now`, same order as
    /// `sessions`.
    pub(crate) session_keys: Vec<(u32, u32)>,
    pub(crate) timelines: Vec<Timeline>,
    /// One row per criterion cited by a rejection, by time: `(rejected at, interned task type,
    /// index into criteria)`; `criteria` as written.
    pub(crate) cited: Vec<(i64, u32, u32)>,
    pub(crate) criteria: Vec<String>,
    /// The time cap of each interned task type.
    pub(crate) type_caps: Vec<Option<i64>>,
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Self {
        Ledger::default()
    }

    /// Shard keys of `wanted` not loaded yet: what the page still has to read.
    pub fn missing(&self, wanted: &[String]) -> Vec<String> {
        wanted
            .iter()
            .filter(|k| !self.loaded.contains(*k))
            .cloned()
            .collect()
    }

    /// Loads what `stored` holds: month shards of tasks and sessions not loaded before, and the
    /// catalogue and rubrics (replaced whenever present). Records that cannot be read are skipped.
    /// Returns how many tasks and sessions are loaded in all.
    pub fn load(&mut self, stored: &Snapshot, now: i64) -> (usize, usize) {
        for (key, _) in stored.iter() {
            if self.loaded.contains(key) {
                continue;
            }
            if Collection::Tasks.owns_key(key) {
                let live = records::<Task>(stored, key).into_iter();
                self.fresh
                    .extend(live.filter(|t| !t.meta.is_deleted()).map(Entry::record));
                self.loaded.insert(key.clone());
            } else if Collection::Sessions.owns_key(key) {
                self.sessions.extend(
                    records::<Session>(stored, key)
                        .into_iter()
                        .filter(|s| !s.meta.is_deleted()),
                );
                self.loaded.insert(key.clone());
            }
        }
        if stored.contains_key(Collection::Platforms.name()) {
            self.platforms = map(stored, Collection::Platforms, |p: &Platform| &p.meta.id);
        }
        if stored.contains_key(Collection::TaskTypes.name()) {
            self.task_types = map(stored, Collection::TaskTypes, |t: &TaskType| &t.meta.id);
        }
        if stored.contains_key(Collection::Rubrics.name()) {
            self.rubrics = map(stored, Collection::Rubrics, |r: &Rubric| &r.meta.id);
        }
        self.refresh(now);
        (self.entries.len(), self.sessions.len())
    }

    /// [`Ledger::load`] from the snapshot's JSON text, as the dashboard sends it: each shard is
    /// parsed straight into typed records (a shard with a record that cannot be read falls back
    /// to reading record by record, skipping that one), never into a `Value` tree of everything.
    /// Fails only when `text` is not a JSON object.
    pub fn load_json(&mut self, text: &str, now: i64) -> crate::error::Result<(usize, usize)> {
        let top: BTreeMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| {
            crate::error::Error::new(
                crate::error::ErrorKind::InvalidMessage,
                format!("the storage snapshot has the wrong shape: {e}"),
            )
        })?;
        for (key, raw) in &top {
            if self.loaded.contains(key) {
                continue;
            }
            if Collection::Tasks.owns_key(key) {
                let live = typed::<Task>(raw).into_iter();
                self.fresh
                    .extend(live.filter(|t| !t.meta.is_deleted()).map(Entry::record));
                self.loaded.insert(key.clone());
            } else if Collection::Sessions.owns_key(key) {
                let live = typed::<Session>(raw).into_iter();
                self.sessions.extend(live.filter(|s| !s.meta.is_deleted()));
                self.loaded.insert(key.clone());
            }
        }
        if let Some(raw) = top.get(Collection::Platforms.name()) {
            self.platforms = keyed(typed::<Platform>(raw), |p| &p.meta.id);
        }
        if let Some(raw) = top.get(Collection::TaskTypes.name()) {
            self.task_types = keyed(typed::<TaskType>(raw), |t| &t.meta.id);
        }
        if let Some(raw) = top.get(Collection::Rubrics.name()) {
            self.rubrics = keyed(typed::<Rubric>(raw), |r| &r.meta.id);
        }
        self.refresh(now);
        Ok((self.entries.len(), self.sessions.len()))
    }

    /// Forgets every loaded shard (storage changed: the page loads the range again).
    pub fn clear(&mut self) {
        *self = Ledger::default();
    }

    /// Takes in the tasks loaded since the last time and recomputes each task's time at `now`
    /// and the reports' facts. The entries are ordered by start and move whole, without their
    /// records (a packed task's has not been made).
    pub(super) fn refresh(&mut self, now: i64) {
        let fresh = std::mem::take(&mut self.fresh);
        if self.entries.is_empty() {
            self.entries = fresh; // the first load: nothing to copy
        } else {
            self.entries.extend(fresh);
        }
        // By start, so a report reads only its range's slice ([`Ledger::facts_in`]) instead of
        // every loaded task (a 400-day range of 20 years of data is 5% of them). Ties by id: the
        // same order, and so the same lap times, whichever way (shards, packs) and order the
        // months loaded. The order is found on small keys, then each entry moves once. Packs hold
        // their tasks in this order, so a load from packs is a few sorted runs, which a stable
        // sort merges in about one pass.
        let mut order: Vec<(i64, u32)> = (self.entries.iter().enumerate())
            .map(|(i, e)| (e.started_at, i as u32))
            .collect();
        let id = |i: u32| self.id_of(self.entries.get(i as usize)?);
        order.sort_by(|a, b| {
            (a.0.cmp(&b.0))
                .then_with(|| id(a.1).cmp(&id(b.1)))
                .then(a.1.cmp(&b.1))
        });
        permute(&mut self.entries, order.iter().map(|o| o.1 as usize));
        // Each session laid out once, for the lap times here and every report's time. (Every
        // way in leaves deleted sessions out; kept so here, the one place it matters.)
        self.sessions.retain(|s| !s.meta.is_deleted());
        self.timelines = self.sessions.iter().map(|s| Timeline::of(s, now)).collect();
        self.now = now;
        self.index_facts();
    }

    /// The loaded live tasks.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

/// Reorders `v` in place so that position `k` holds what was at `from[k]` (`from` a permutation
/// of `v`'s positions; anything else leaves `v` as it is): each entry moves along its cycle, with
/// no second vector of entries.
fn permute<T>(v: &mut [T], from: impl Iterator<Item = usize>) {
    let from: Vec<usize> = from.collect();
    let mut seen = vec![false; v.len()];
    if from.len() != v.len()
        || !from
            .iter()
            .all(|&i| i < v.len() && !std::mem::replace(&mut seen[i], true))
    {
        return;
    }
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut k = start;
        while !done[k] {
            done[k] = true;
            let j = from[k];
            if j == start {
                break;
            }
            v.swap(k, j);
            k = j;
        }
    }
}

fn map<T: serde::de::DeserializeOwned>(
    stored: &Snapshot,
    c: Collection,
    id: impl Fn(&T) -> &String,
) -> BTreeMap<String, T> {
    records::<T>(stored, c.name())
        .into_iter()
        .map(|r| (id(&r).clone(), r))
        .collect()
}

/// The readable records of one stored `{id: record}` map, in id order (as [`records`] reads
/// them): typed in one pass, else record by record.
pub(crate) fn typed<T: serde::de::DeserializeOwned>(raw: &RawValue) -> Vec<T> {
    if let Ok(map) = serde_json::from_str::<BTreeMap<String, T>>(raw.get()) {
        return map.into_values().collect();
    }
    serde_json::from_str::<BTreeMap<String, serde_json::Value>>(raw.get())
        .map(|m| m.values().filter_map(|v| T::deserialize(v).ok()).collect())
        .unwrap_or_default()
}

fn keyed<T>(records: Vec<T>, id: impl Fn(&T) -> &String) -> BTreeMap<String, T> {
    records.into_iter().map(|r| (id(&r).clone(), r)).collect()
}
