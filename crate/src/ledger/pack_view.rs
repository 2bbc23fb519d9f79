//! What a ledger pack's task reads as without its record: the [`TaskView`] (its strings borrowed
//! from the pack), which makes the record when asked for, and the [`PackedHead`] the ledger's
//! load reads (docs/ledger.md, *Performance*). [`super::pack_read`] reads both.

use crate::model::{Money, PayStatus, RecordMeta, Task, TaskStatus, WorksheetResult};

/// What the ledger's load reads of a packed task ([`Reader::head`](super::pack_read::Reader::head)): strings as indices into its
/// pack's table, amounts as minor units and their currency's index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PackedHead {
    pub session: Option<u32>,
    pub platform: Option<u32>,
    pub task_type: Option<u32>,
    pub started_at: i64,
    pub submitted_at: Option<i64>,
    pub reviewed_at: Option<i64>,
    pub status: TaskStatus,
    pub pay_status: PayStatus,
    pub is_bonus: bool,
    pub expected: Option<(i64, u32)>,
    pub confirmed: Option<(i64, u32)>,
    pub pay_expected_at: Option<i64>,
    pub duration_ms: Option<i64>,
}

/// One task of a pack, its strings borrowed from it: [`Task`]'s fields, the worksheet as its
/// JSON text and its two totals' bits.
#[derive(Debug, Clone)]
pub(crate) struct TaskView<'a> {
    pub id: &'a str,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    pub session_id: Option<&'a str>,
    pub platform_id: Option<&'a str>,
    pub task_type_id: Option<&'a str>,
    pub external_id: Option<&'a str>,
    pub started_at: i64,
    pub submitted_at: Option<i64>,
    pub status: TaskStatus,
    pub pay_expected: Option<Money>,
    pub pay_confirmed: Option<Money>,
    pub pay_status: PayStatus,
    pub is_bonus: bool,
    pub feedback: Option<&'a str>,
    pub justification_id: Option<&'a str>,
    pub reviewed_at: Option<i64>,
    pub pay_expected_at: Option<i64>,
    pub pay_approved_at: Option<i64>,
    pub paid_at: Option<i64>,
    pub notes: Option<&'a str>,
    pub duration_ms: Option<i64>,
    pub import_key: Option<&'a str>,
    pub worksheet: Option<(&'a str, u64, u64)>,
    pub criteria_cited: Vec<&'a str>,
}

impl TaskView<'_> {
    /// The task's record (`None` only for a worksheet that is not one, which
    /// [`Reader::task_view`](super::pack_read::Reader::task_view) has refused already).
    pub(crate) fn to_task(&self) -> Option<Task> {
        let own = |s: Option<&str>| s.map(str::to_string);
        let worksheet = match self.worksheet {
            Some((json, a, b)) => {
                let mut ws: WorksheetResult = serde_json::from_str(json).ok()?;
                ws.total_a = f64::from_bits(a);
                ws.total_b = f64::from_bits(b);
                Some(Box::new(ws))
            }
            None => None,
        };
        Some(Task {
            meta: RecordMeta {
                id: self.id.to_string(),
                created_at: self.created_at,
                updated_at: self.updated_at,
                deleted_at: self.deleted_at,
            },
            session_id: own(self.session_id),
            platform_id: own(self.platform_id),
            task_type_id: own(self.task_type_id),
            external_id: own(self.external_id),
            started_at: self.started_at,
            submitted_at: self.submitted_at,
            status: self.status,
            pay_expected: self.pay_expected.clone(),
            pay_confirmed: self.pay_confirmed.clone(),
            pay_status: self.pay_status,
            is_bonus: self.is_bonus,
            feedback: own(self.feedback),
            criteria_cited: self.criteria_cited.iter().map(|c| c.to_string()).collect(),
            justification_id: own(self.justification_id),
            reviewed_at: self.reviewed_at,
            pay_expected_at: self.pay_expected_at,
            pay_approved_at: self.pay_approved_at,
            paid_at: self.paid_at,
            notes: own(self.notes),
            duration_ms: self.duration_ms,
            import_key: own(self.import_key),
            worksheet,
        })
    }
}
