//! [`Entry`]: one loaded task of the [`Ledger`], and its record, made from its ledger pack the
//! first time something asks for it (docs/ledger.md, *Performance*).

use super::book::Ledger;
use crate::model::Task;
use std::cell::OnceCell;

/// One live task with the time it took (a lap's active time from its session, or the time
/// recorded by hand or by an import). A task loaded from a ledger pack has no record until
/// something asks for it ([`Ledger::task`]): the reports read its facts, which the load works out
/// from the pack itself, so a first render of 100,000 tasks makes no record and no string.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The record, made once (boxed: the ledger orders its entries, and an entry moves whole).
    pub(crate) task: OnceCell<Box<Task>>,
    /// Where a packed task is read from: its pack in the ledger's and its record's offset there;
    /// [`Entry::RECORD`] for a task loaded as a record.
    pub(crate) from: (u32, u32),
    /// When the task started (its order in the ledger). Its active time and the rest of what
    /// the reports read are its fact, at the same index ([`super::facts::Fact`]).
    pub started_at: i64,
}

impl Entry {
    const RECORD: (u32, u32) = (u32::MAX, 0);

    /// A task loaded as a record.
    pub(super) fn record(task: Task) -> Entry {
        Entry {
            started_at: task.started_at,
            task: OnceCell::from(Box::new(task)),
            from: Entry::RECORD,
        }
    }

    /// A task of pack `pack` whose record is at `offset`, started at `started_at`.
    #[cfg(feature = "pages")]
    pub(super) fn packed(pack: u32, (offset, started_at): super::pack::TaskAt) -> Entry {
        Entry {
            task: OnceCell::new(),
            from: (pack, offset),
            started_at,
        }
    }
}

impl Ledger {
    /// The record of `e` (one of [`Ledger::entries`]), made from its pack the first time it is
    /// asked for. `None` only if the pack no longer reads, which its load has ruled out.
    pub fn task<'s>(&'s self, e: &'s Entry) -> Option<&'s Task> {
        if let Some(t) = e.task.get() {
            return Some(t);
        }
        let made = self.made(e)?;
        Some(e.task.get_or_init(|| Box::new(made)))
    }

    #[cfg(feature = "pages")]
    fn made(&self, e: &Entry) -> Option<Task> {
        self.packs.get(e.from.0 as usize)?.view(e.from.1)?.to_task()
    }

    #[cfg(not(feature = "pages"))]
    fn made(&self, _: &Entry) -> Option<Task> {
        None
    }

    /// The id of `e`'s task, from its record or its pack.
    pub(super) fn id_of<'s>(&'s self, e: &'s Entry) -> Option<&'s str> {
        if let Some(t) = e.task.get() {
            return Some(&t.meta.id);
        }
        #[cfg(feature = "pages")]
        {
            Some(self.packs.get(e.from.0 as usize)?.view(e.from.1)?.id)
        }
        #[cfg(not(feature = "pages"))]
        None
    }

    /// The criteria `e`'s task cites, from its record or its pack.
    pub(crate) fn criteria_of<'s>(&'s self, e: &'s Entry) -> Vec<&'s str> {
        if let Some(t) = e.task.get() {
            return t.criteria_cited.iter().map(String::as_str).collect();
        }
        #[cfg(feature = "pages")]
        if let Some(v) = self
            .packs
            .get(e.from.0 as usize)
            .and_then(|p| p.view(e.from.1))
        {
            return v.criteria_cited;
        }
        Vec::new()
    }
}
