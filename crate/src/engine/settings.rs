//! Settings: a patch from the dashboard deep-merged into the current settings (unknown keys are
//! refused, nothing changes on error), and stored settings read leniently at load.

use super::load::LoadProblem;
use super::Engine;
use crate::error::{Error, ErrorKind, Result};
use crate::model::Settings;
use crate::storage::KEY_SETTINGS;
use serde_json::{Map, Value};

impl Engine {
    /// Merges `patch` into the current settings. Unknown or mistyped settings are an error and
    /// nothing changes.
    pub fn patch_settings(&self, patch: &Map<String, Value>) -> Result<Settings> {
        let mut merged = serde_json::to_value(&self.settings)
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        merge(&mut merged, &Value::Object(patch.clone()), "")?;
        serde_json::from_value(merged)
            .map_err(|e| Error::new(ErrorKind::InvalidMessage, format!("invalid setting: {e}")))
    }
}

impl Settings {
    pub(super) fn deserialize_lenient(v: &Value, problems: &mut Vec<LoadProblem>) -> Settings {
        serde_json::from_value(v.clone()).unwrap_or_else(|e| {
            problems.push(LoadProblem {
                key: KEY_SETTINGS.into(),
                id: String::new(),
                message: format!("settings could not be read ({e}); defaults are in use"),
            });
            Settings::default()
        })
    }
}

/// Deep-merges `patch` into `target`; every key of the patch must already exist in `target`.
fn merge(target: &mut Value, patch: &Value, path: &str) -> Result<()> {
    let (Some(t), Some(p)) = (target.as_object_mut(), patch.as_object()) else {
        *target = patch.clone();
        return Ok(());
    };
    for (k, v) in p {
        let here = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        match t.get_mut(k) {
            Some(existing) if existing.is_object() && v.is_object() => merge(existing, v, &here)?,
            Some(existing) => *existing = v.clone(),
            None if is_optional_setting(&here) => {
                t.insert(k.clone(), v.clone());
            }
            None => {
                return Err(Error::new(
                    ErrorKind::InvalidMessage,
                    format!("unknown setting “{here}”"),
                ))
            }
        }
    }
    Ok(())
}

/// Settings that serialize as absent when unset.
fn is_optional_setting(path: &str) -> bool {
    matches!(
        path,
        "defaultRubricId" | "lastExportAt" | "session.lastPlatformId" | "session.lastTaskTypeId"
    )
}
