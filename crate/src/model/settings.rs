use super::{Currency, RecordMeta};
use serde::{Deserialize, Serialize};

/// Colour theme of the popup and dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    System,
    Light,
    Dark,
}

/// Text-expansion preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpansionSettings {
    /// Global switch: when false nothing expands anywhere.
    pub enabled: bool,
    /// Backspace right after an expansion restores the trigger.
    pub backspace_undo: bool,
    /// Hosts the user enabled beyond the built-in task platforms (`tasks.example.com`; an origin
    /// such as `https://example.com` is read as its host). See docs/sites.md.
    pub extra_sites: Vec<String>,
    /// Built-in platform hosts the user turned off (`outlier.ai`).
    pub disabled_sites: Vec<String>,
}

impl Default for ExpansionSettings {
    fn default() -> Self {
        ExpansionSettings {
            enabled: true,
            backspace_undo: true,
            extra_sites: Vec::new(),
            disabled_sites: Vec::new(),
        }
    }
}

/// Work-session preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionSettings {
    /// Seconds without input before the session counts as idle (`chrome.idle` minimum is 15).
    pub idle_threshold_sec: u32,
    /// Minutes of work after which a break is suggested.
    pub focus_block_min: u32,
    /// Platform and task type picked last, offered first next time.
    pub last_platform_id: Option<String>,
    pub last_task_type_id: Option<String>,
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            idle_threshold_sec: 300,
            focus_block_min: 90,
            last_platform_id: None,
            last_task_type_id: None,
        }
    }
}

/// Alert preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AlertSettings {
    /// Alert when the same criterion is cited in this many rejections of one task type.
    pub same_criterion_rejections: u32,
    /// …within this many days (the repeated-rejection alert's window).
    pub rejection_window_days: u32,
    /// Remind to export a backup after this many days without one (0 = never).
    pub export_reminder_days: u32,
}

impl Default for AlertSettings {
    fn default() -> Self {
        AlertSettings {
            same_criterion_rejections: 3,
            rejection_window_days: 14,
            export_reminder_days: 14,
        }
    }
}

/// The justification and rubric checkers' preferences (docs/checkers.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CheckerSettings {
    /// Shortest justification, in words, before the length rule speaks (0 = no minimum).
    pub min_words: u32,
    /// Longest justification, in words (0 = no maximum).
    pub max_words: u32,
    /// Ids of the rules the user turned off (`vague-judgement`, `atomicity`, …).
    pub off_rules: Vec<String>,
}

impl Default for CheckerSettings {
    fn default() -> Self {
        CheckerSettings {
            min_words: 300,
            max_words: 500,
            off_rules: Vec::new(),
        }
    }
}

/// The justification library's preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LibrarySettings {
    /// Warn when a text is at least this similar (percent, 1–100) to a library entry: the
    /// near-duplicate guard's threshold (docs/library.md).
    pub near_duplicate_percent: u32,
}

impl Default for LibrarySettings {
    fn default() -> Self {
        LibrarySettings {
            near_duplicate_percent: 50,
        }
    }
}

impl LibrarySettings {
    /// The threshold as a fraction, clamped to 1–100 %.
    pub fn near_duplicate_threshold(&self) -> f64 {
        f64::from(self.near_duplicate_percent.clamp(1, 100)) / 100.0
    }
}

/// Every preference, in one record (`settings` key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub theme: Theme,
    pub expansion: ExpansionSettings,
    pub session: SessionSettings,
    pub alerts: AlertSettings,
    /// The justification library (near-duplicate threshold).
    pub library: LibrarySettings,
    /// Rubric used when the running session's task type names none.
    pub default_rubric_id: Option<String>,
    /// Currency for new platforms and reports.
    pub currency: Currency,
    /// Last time the user exported a backup (UTC epoch ms).
    pub last_export_at: Option<i64>,
    /// The checkers' length window and the rules turned off.
    pub checker: CheckerSettings,
}

/// What an alert is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum AlertKind {
    /// The same criterion was cited in `count` rejections of one task type.
    RepeatedRejection {
        #[serde(rename = "taskTypeId")]
        task_type_id: Option<String>,
        criterion: String,
        count: u32,
    },
    /// No backup export for a while; uninstalling deletes everything.
    ExportReminder {
        #[serde(rename = "daysSince")]
        days_since: u32,
    },
    /// Storage is close to or over its quota.
    StorageQuota,
}

/// An alert shown in the popup and dashboard until dismissed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub kind: AlertKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissed_at: Option<i64>,
}
