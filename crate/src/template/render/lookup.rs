//! What the renderer reads while it walks: a field's value (the answer, else its default) and how
//! it shows as text, whether an `{if}` holds, a rubric criterion's name, definition or phrase, and
//! the check that a referenced field exists (with a hint when only its case differs).

use super::{err, Session};
use crate::error::{ErrorKind, Result};
use crate::template::ast::{Condition, Show, Span};
use crate::template::fields::{parse_bool, FieldValue};

impl Session<'_, '_> {
    pub(super) fn criterion(&self, key: &str, show: Show) -> std::result::Result<String, String> {
        let Some(rubric) = self.ctx.rubric else {
            return Err(format!("“{{criterion: {key}}}” needs an active rubric; choose a default rubric in Settings"));
        };
        let Some(c) = rubric.criterion(key) else {
            let keys: Vec<&str> = rubric.criteria.iter().map(|c| c.key.as_str()).collect();
            let keys = if keys.is_empty() {
                "it has none yet".to_string()
            } else {
                format!("its criteria are: {}", keys.join(", "))
            };
            return Err(format!(
                "the rubric “{}” has no criterion “{key}”; {keys}",
                rubric.name
            ));
        };
        match show {
            Show::Name => Ok(c.name.clone()),
            Show::Definition => Ok(c.definition.clone()),
            Show::Phrase(n) => c.phrases.get(n.saturating_sub(1)).cloned().ok_or_else(|| match c.phrases.len() {
                0 => format!("the criterion “{key}” of “{}” has no phrases yet; add one in the rubric notebook", rubric.name),
                len => format!("the criterion “{key}” of “{}” has {len} phrase(s), so phrase={n} does not exist", rubric.name),
            }),
        }
    }

    pub(super) fn value(&self, name: &str) -> Option<FieldValue> {
        self.values.get(name).cloned().or_else(|| {
            self.fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.default.clone())
        })
    }

    pub(super) fn known(&self, name: &str, src: &str, span: Span) -> Result<()> {
        if self.fields.iter().any(|f| f.name == name) {
            return Ok(());
        }
        let similar = self
            .fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name));
        let hint = match similar {
            Some(f) => format!(" (did you mean “{}”? names are case-sensitive)", f.name),
            None => {
                format!("; define it first, e.g. {{text: {name}}} or {{choice: {name}; A | B}}")
            }
        };
        Err(err(
            ErrorKind::Template,
            src,
            span,
            format!("no field is named “{name}”{hint}"),
        ))
    }

    pub(super) fn shown(&self, name: &str) -> String {
        match self.value(name) {
            Some(FieldValue::Text(t)) => t,
            Some(FieldValue::List(items)) => {
                items.join(self.joins.get(name).map_or(", ", String::as_str))
            }
            Some(FieldValue::Bool(b)) => (if b { "yes" } else { "no" }).to_string(),
            None => String::new(),
        }
    }

    pub(super) fn test(&self, cond: &Condition) -> bool {
        let value = self.value(cond.field());
        match cond {
            Condition::Truthy(_) => match value {
                Some(FieldValue::Text(t)) => !t.trim().is_empty(),
                Some(FieldValue::List(items)) => !items.is_empty(),
                Some(FieldValue::Bool(b)) => b,
                None => false,
            },
            Condition::Equals {
                value: want,
                negated,
                ..
            } => {
                let same = |s: &str| s.trim().to_lowercase() == want.trim().to_lowercase();
                let hit = match value {
                    Some(FieldValue::Text(t)) => same(&t),
                    Some(FieldValue::List(items)) => items.iter().any(|i| same(i)),
                    Some(FieldValue::Bool(b)) => parse_bool(want) == Some(b),
                    None => false,
                };
                hit != *negated
            }
        }
    }
}
