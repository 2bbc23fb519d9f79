//! The syntax tree a template parses into. Every node carries a [`Span`] so errors found while
//! rendering can point at the command that caused them.

use super::fields::FieldSpec;

/// Where a piece of template source is: byte offsets plus a 1-based line and column (in
/// characters) of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, counted in characters.
    pub column: u32,
}

/// Maps byte offsets of one source text to lines and columns.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex<'s> {
    src: &'s str,
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    /// Indexes the line starts of `src`.
    pub(crate) fn new(src: &'s str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { src, starts }
    }

    /// The span of bytes `start..end`.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let line = self.starts.partition_point(|&s| s <= start).max(1);
        let line_start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .src
            .get(line_start..start)
            .map_or(0, |s| s.chars().count())
            + 1;
        Span {
            start,
            end,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

/// One node of a template.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node does.
    pub kind: NodeKind,
    /// The source it came from (for a block: its opening command).
    pub span: Span,
}

/// The comparison of an `{if}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// `{if: name}`: a toggle that is on, text that is not empty, a multi-choice with a choice.
    Truthy(String),
    /// `{if: name = value}` (or `!=` when `negated`).
    Equals {
        /// The field compared.
        field: String,
        /// The value compared with (case and surrounding spaces ignored).
        value: String,
        /// `!=` rather than `=`.
        negated: bool,
    },
}

impl Condition {
    /// The field the condition reads.
    pub fn field(&self) -> &str {
        match self {
            Condition::Truthy(f) | Condition::Equals { field: f, .. } => f,
        }
    }
}

/// What `{criterion: key; show=…}` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// The `phrase=N`-th phrase (1-based; default 1).
    Phrase(usize),
    /// The criterion's display name.
    Name,
    /// The criterion's definition.
    Definition,
}

/// The kinds of node.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// Literal text, escapes already resolved.
    Text(String),
    /// A text, paragraph, choice or multi-choice field; renders its value.
    Field {
        /// The field's definition.
        spec: FieldSpec,
        /// Separator between the choices of a multi-choice field.
        join: String,
    },
    /// `{toggle: name}…{else}…{end}`.
    Toggle {
        /// The toggle's definition.
        spec: FieldSpec,
        /// Shown when on.
        then: Vec<Node>,
        /// Shown when off.
        otherwise: Vec<Node>,
    },
    /// `{if: …}…{else}…{end}`.
    If {
        /// The test.
        cond: Condition,
        /// Shown when the test holds.
        then: Vec<Node>,
        /// Shown otherwise.
        otherwise: Vec<Node>,
    },
    /// `{=name}`: a field's value again.
    Ref(String),
    /// `{date}` / `{time}`: the injected time, shifted, formatted.
    Date {
        /// Format tokens (`YYYY-MM-DD`).
        format: String,
        /// Offset added to now, in milliseconds.
        shift_ms: i64,
    },
    /// `{clipboard}`.
    Clipboard,
    /// `{cursor}`.
    Cursor,
    /// `{snippet: ;trigger}` or `{snippet: Label}`.
    Snippet(String),
    /// `{criterion: key}`.
    Criterion {
        /// The criterion key.
        key: String,
        /// What to show.
        show: Show,
    },
    /// `{capture: name}`: a named capture of a regex trigger.
    Capture(String),
}
