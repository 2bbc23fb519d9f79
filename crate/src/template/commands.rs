//! The inline commands that are not fields or blocks: `{=name}`, `{date}`, `{time}`,
//! `{clipboard}`, `{cursor}`, `{snippet}`, `{capture}` and `{criterion}`, checked into
//! [`NodeKind`]s; an unknown command is answered with the closest known name.

use super::ast::{NodeKind, Show};
use super::dates::parse_shift;
use super::hints::similar;
use super::parser::Parser;
use super::parts::{Command, Part};
use crate::error::Result;

const COMMANDS: &str = "text, paragraph, choice, multi, toggle, if, else, end, date, time, \
                        clipboard, cursor, snippet, criterion, capture (and {=name} to repeat a field)";

const COMMAND_NAMES: &[&str] = &[
    "text",
    "paragraph",
    "choice",
    "multi",
    "toggle",
    "if",
    "else",
    "end",
    "date",
    "time",
    "clipboard",
    "cursor",
    "snippet",
    "criterion",
    "capture",
];

impl Parser<'_> {
    /// A command that is neither a block (`{if}`, `{toggle}`, `{else}`, `{end}`) nor plain text.
    pub(super) fn leaf(&self, cmd: &Command) -> Result<NodeKind> {
        Ok(match cmd.name.as_str() {
            "text" | "paragraph" | "choice" | "multi" => self.field(cmd)?,
            "=" => {
                self.check(cmd, &[], 0)?;
                NodeKind::Ref(self.argument(cmd, "{=better}")?)
            }
            "date" | "time" => {
                self.check(cmd, &["shift"], 0)?;
                let format = cmd.arg.as_ref().map(Part::text).unwrap_or_default();
                let format = match (format.is_empty(), cmd.name.as_str()) {
                    (true, "date") => "YYYY-MM-DD".to_string(),
                    (true, _) => "HH:mm".to_string(),
                    (false, _) => format,
                };
                let shift_ms = match self.setting(cmd, "shift") {
                    Some(p) => parse_shift(&p.text()).map_err(|m| self.err_at(p.at, m))?,
                    None => 0,
                };
                NodeKind::Date { format, shift_ms }
            }
            "clipboard" | "cursor" => {
                self.no_argument(cmd)?;
                if cmd.name == "cursor" {
                    NodeKind::Cursor
                } else {
                    NodeKind::Clipboard
                }
            }
            "snippet" => {
                self.check(cmd, &[], 0)?;
                NodeKind::Snippet(
                    self.argument(cmd, "{snippet: ;acc} or {snippet: Accuracy phrase}")?,
                )
            }
            "capture" => {
                self.check(cmd, &[], 0)?;
                NodeKind::Capture(self.argument(cmd, "{capture: name}")?)
            }
            "criterion" => self.criterion(cmd)?,
            other => {
                let shown: String = other.chars().take(30).collect();
                return Err(self.err(
                    cmd.span,
                    &match similar(other, COMMAND_NAMES) {
                        Some(s) => format!("unknown command “{shown}”; did you mean “{s}”?"),
                        None => format!("unknown command “{shown}”; the commands are: {COMMANDS}"),
                    },
                ));
            }
        })
    }

    fn criterion(&self, cmd: &Command) -> Result<NodeKind> {
        self.check(cmd, &["phrase", "show"], 0)?;
        let key = self.argument(cmd, "{criterion: accuracy}")?;
        let phrase = match self.setting(cmd, "phrase") {
            None => 1,
            Some(p) => match p.text().parse::<usize>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    return Err(self.err_at(
                        p.at,
                        format!("phrase= takes a number from 1 up, not “{}”", p.text()),
                    ))
                }
            },
        };
        let show = match self
            .setting(cmd, "show")
            .map(|p| (p.text().to_lowercase(), p))
        {
            None => Show::Phrase(phrase),
            Some((s, _)) if s == "phrase" => Show::Phrase(phrase),
            Some((s, _)) if s == "name" => Show::Name,
            Some((s, _)) if s == "definition" => Show::Definition,
            Some((s, p)) => {
                return Err(self.err_at(
                    p.at,
                    format!("show= is phrase, name or definition, not “{s}”"),
                ))
            }
        };
        Ok(NodeKind::Criterion { key, show })
    }
}
