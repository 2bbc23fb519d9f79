//! The engine: the long-lived state the extension's background holds behind one handle — settings,
//! snippets, rubrics and the compiled trigger table — and the coarse operations on it.
//!
//! The engine never touches storage. The background reads a
//! [`Snapshot`](crate::storage::Snapshot), hands it to [`Engine::load`], and writes what the
//! engine's answers tell it to.
//!
//! | file | what |
//! |---|---|
//! | `mod.rs` | [`Engine`]: its state, the library view, the trigger tables rebuilt after a change |
//! | `load.rs` | [`Engine::load`] from a storage snapshot ([`LoadReport`], [`LoadProblem`]) and record counts |
//! | `expand.rs` | expansion of a typed or regex trigger, of a snippet the palette chose, and the editor's preview |
//! | `literal.rs` | the literal expansions (no field, date or clipboard) the background answers before the core loads |
//! | `settings.rs` | settings patches (deep merge, unknown keys refused) and lenient loading |
//! | `session.rs` | the running session's rubric, from the `currentSession` pointer and the task types |

mod expand;
mod literal;
mod load;
mod session;
mod settings;

pub use expand::{ExpandContext, ExpandResult, Preview, RegexExpansion};
pub use literal::LiteralExpansion;
pub use load::{LoadProblem, LoadReport};

use crate::ids::IdGen;
use crate::model::{RecordMeta, Rubric, Settings, Snippet, TriggerMode};
use crate::storage::SCHEMA_VERSION;
use crate::triggers::TriggerTable;
#[cfg(feature = "regex-triggers")]
use crate::triggers::{compile_regex_triggers, RegexTriggers};
use serde::Serialize;
use std::collections::HashMap;

/// What `library.get` answers.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LibraryView<'a> {
    /// Live snippets, in stored order.
    pub snippets: Vec<&'a Snippet>,
    /// Live rubrics.
    pub rubrics: Vec<&'a Rubric>,
    /// The rubric `{criterion: …}` resolves against, if any.
    pub active_rubric_id: Option<&'a str>,
    /// Duplicate and shadowed triggers, for the snippet list to show (never resolved silently).
    pub conflicts: Vec<crate::triggers::Conflict>,
}

/// The trigger of the built-in demo snippet, which works even with an empty library.
pub const DEMO_TRIGGER: &str = ";rubrica";
const DEMO_TEXT: &str = "Rubrica is working: this text was rendered by its core, on this machine.";

/// Rubrica's core state.
#[derive(Debug, Clone)]
pub struct Engine {
    ids: IdGen,
    settings: Settings,
    snippets: Vec<Snippet>,
    rubrics: Vec<Rubric>,
    table: TriggerTable,
    /// Table key → index in `snippets` of the snippet that expands it (the first claimant by id,
    /// as in the table), so an expansion costs the same with 100 snippets or 100,000.
    by_key: HashMap<String, usize>,
    /// Compiled regex triggers; `None` when there are none or they failed to compile.
    #[cfg(feature = "regex-triggers")]
    regex: Option<RegexTriggers>,
    /// Why the regex triggers could not be compiled (shown as a load problem).
    regex_problem: Option<String>,
    /// The rubric of the open session's task type (`session.rs`).
    session_rubric_id: Option<String>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine with default settings and only the built-in snippets (id seed fixed; use
    /// [`Engine::with_seed`] in the extension).
    pub fn new() -> Engine {
        Engine::with_seed([0; 16])
    }

    /// An engine whose ids come from `seed` (the extension passes 16 random bytes).
    pub fn with_seed(seed: [u8; 16]) -> Engine {
        let mut engine = Engine {
            ids: IdGen::new(seed),
            settings: Settings::default(),
            snippets: Vec::new(),
            rubrics: Vec::new(),
            table: TriggerTable::compile([], true),
            by_key: HashMap::new(),
            #[cfg(feature = "regex-triggers")]
            regex: None,
            regex_problem: None,
            session_rubric_id: None,
        };
        engine.rebuild();
        engine
    }

    /// The id generator, for code that creates records.
    pub fn ids(&mut self) -> &mut IdGen {
        &mut self.ids
    }

    /// The current settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Live snippets, built-ins included.
    pub fn snippets(&self) -> &[Snippet] {
        &self.snippets
    }

    /// Live rubrics.
    pub fn rubrics(&self) -> &[Rubric] {
        &self.rubrics
    }

    /// The library as the dashboard lists it (built-in demo snippet left out).
    pub fn library_view(&self) -> LibraryView<'_> {
        LibraryView {
            snippets: self
                .snippets
                .iter()
                .filter(|s| !s.triggers.iter().any(|t| t == DEMO_TRIGGER) || !s.builtin)
                .collect(),
            rubrics: self.rubrics.iter().collect(),
            active_rubric_id: self.active_rubric().map(|r| r.meta.id.as_str()),
            conflicts: crate::triggers::conflicts(&self.snippets),
        }
    }

    /// The compiled trigger table.
    pub fn trigger_table(&self) -> &TriggerTable {
        &self.table
    }

    fn rebuild(&mut self) {
        if !self
            .snippets
            .iter()
            .any(|s| s.triggers.iter().any(|t| t == DEMO_TRIGGER))
        {
            self.snippets.push(demo_snippet());
        }
        self.table = TriggerTable::compile(&self.snippets, self.settings.expansion.enabled);
        let mut order: Vec<usize> = (0..self.snippets.len())
            .filter(|&i| !self.snippets[i].meta.is_deleted())
            .collect();
        order.sort_by(|&a, &b| self.snippets[a].meta.id.cmp(&self.snippets[b].meta.id));
        self.by_key.clear();
        for i in order {
            let s = &self.snippets[i];
            for t in s.triggers.iter().filter(|t| !t.is_empty()) {
                let key = if s.propagate_case {
                    t.to_lowercase()
                } else {
                    t.clone()
                };
                self.by_key.entry(key).or_insert(i);
            }
        }
        self.table.backspace_undo = self.settings.expansion.backspace_undo;
        #[cfg(feature = "regex-triggers")]
        {
            (self.regex, self.regex_problem) = if self.table.has_regex {
                match compile_regex_triggers(&self.snippets) {
                    Ok(r) if !r.is_empty() => (Some(r), None),
                    Ok(_) => (None, None),
                    Err(e) => (None, Some(format!("regex triggers are off: {}", e.message))),
                }
            } else {
                (None, None)
            };
        }
    }

    /// Replaces the settings (after the background stored them) and recompiles the table.
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        self.rebuild();
    }

    /// The rubric `{criterion: …}` reads: the default rubric from settings, else the first
    /// built-in rubric, else none.
    pub fn active_rubric(&self) -> Option<&Rubric> {
        self.settings
            .default_rubric_id
            .as_ref()
            .and_then(|id| self.rubrics.iter().find(|r| r.meta.id == *id))
            .or_else(|| self.rubrics.iter().find(|r| r.builtin))
    }

    /// The schema version this engine reads and writes.
    pub fn schema(&self) -> u32 {
        SCHEMA_VERSION
    }
}

fn demo_snippet() -> Snippet {
    Snippet {
        meta: RecordMeta::new("snp_00000000000000000000000DEMO".into(), 0),
        triggers: vec![DEMO_TRIGGER.into()],
        regex: None,
        label: "Rubrica demo".into(),
        folder: "Rubrica".into(),
        tags: vec!["demo".into()],
        template: DEMO_TEXT.into(),
        mode: TriggerMode::Immediate,
        word_boundary: false,
        propagate_case: false,
        criteria: vec![],
        usage_count: 0,
        last_used_at: None,
        builtin: true,
    }
}

#[cfg(test)]
mod tests;
