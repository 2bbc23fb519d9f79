//! The commands that define fill-in fields: `{text}`, `{paragraph}`, `{choice}`, `{multi}` and
//! `{toggle}`, checked into [`FieldSpec`]s.

use super::ast::NodeKind;
use super::fields::{parse_bool, FieldKind, FieldSpec, FieldValue};
use super::parser::Parser;
use super::parts::{split, Command, Part};
use crate::error::Result;

impl Parser<'_> {
    /// `{toggle: name; default=yes}` (the block's contents are filled in by the parser).
    pub(super) fn toggle(&self, cmd: &Command) -> Result<NodeKind> {
        self.check(cmd, &["default", "label"], 0)?;
        let name = self.argument(cmd, "{toggle: cite}…{end}")?;
        let default = match self.setting(cmd, "default") {
            None => false,
            Some(p) => parse_bool(&p.text()).ok_or_else(|| {
                self.err_at(
                    p.at,
                    format!("the default of a toggle is yes or no, not “{}”", p.text()),
                )
            })?,
        };
        let spec = self.spec(
            cmd,
            name,
            FieldKind::Toggle,
            Vec::new(),
            FieldValue::Bool(default),
        );
        Ok(NodeKind::Toggle {
            spec,
            then: Vec::new(),
            otherwise: Vec::new(),
        })
    }

    /// `{text}`, `{paragraph}`, `{choice}` and `{multi}`.
    pub(super) fn field(&self, cmd: &Command) -> Result<NodeKind> {
        Ok(match cmd.name.as_str() {
            "text" | "paragraph" => {
                self.check(cmd, &["default", "label"], 0)?;
                let kind = if cmd.name == "text" {
                    FieldKind::Text
                } else {
                    FieldKind::Paragraph
                };
                let name = self.argument(cmd, &format!("{{{}: reason}}", cmd.name))?;
                let default = self
                    .setting(cmd, "default")
                    .map(Part::text)
                    .unwrap_or_default();
                let spec = self.spec(cmd, name, kind, Vec::new(), FieldValue::Text(default));
                NodeKind::Field {
                    spec,
                    join: String::new(),
                }
            }
            "choice" => {
                self.check(cmd, &["default", "label"], 1)?;
                let name = self.argument(cmd, "{choice: better; A | B}")?;
                let options = self.options(cmd, &name)?;
                let default = match self.setting(cmd, "default") {
                    Some(p) => self.pick(&options, p, &name)?,
                    None => options.first().cloned().unwrap_or_default(),
                };
                let spec = self.spec(
                    cmd,
                    name,
                    FieldKind::Choice,
                    options,
                    FieldValue::Text(default),
                );
                NodeKind::Field {
                    spec,
                    join: String::new(),
                }
            }
            "multi" => {
                self.check(cmd, &["default", "label", "join"], 1)?;
                let name = self.argument(cmd, "{multi: issues; errors | verbosity}")?;
                let options = self.options(cmd, &name)?;
                let mut default = Vec::new();
                if let Some(p) = self.setting(cmd, "default") {
                    for one in split(&p.raw, p.at, '|')
                        .into_iter()
                        .filter(|o| !o.raw.is_empty())
                    {
                        default.push(self.pick(&options, &one, &name)?);
                    }
                }
                let join = self
                    .setting(cmd, "join")
                    .map_or(", ".to_string(), Part::text);
                let spec = self.spec(
                    cmd,
                    name,
                    FieldKind::Multi,
                    options,
                    FieldValue::List(default),
                );
                NodeKind::Field { spec, join }
            }
            _ => {
                let kind = cmd.name.as_str();
                return Err(self.err(cmd.span, &format!("“{kind}” is not a field command")));
            }
        })
    }

    fn spec(
        &self,
        cmd: &Command,
        name: String,
        kind: FieldKind,
        options: Vec<String>,
        default: FieldValue,
    ) -> FieldSpec {
        let label = self
            .setting(cmd, "label")
            .map(Part::text)
            .filter(|l| !l.is_empty());
        FieldSpec {
            name,
            kind,
            options,
            default,
            label,
        }
    }

    fn options(&self, cmd: &Command, name: &str) -> Result<Vec<String>> {
        let Some(list) = cmd.positional.first() else {
            return Err(self.err(
                cmd.span,
                &format!(
                    "“{{{}: {name}}}” needs options, like {{{}: {name}; A | B}}",
                    cmd.name, cmd.name
                ),
            ));
        };
        let mut options: Vec<String> = Vec::new();
        for o in split(&list.raw, list.at, '|') {
            let text = o.text();
            if text.is_empty() {
                return Err(self.err_at(
                    o.at,
                    format!("the options of “{name}” include an empty one; remove the extra “|”"),
                ));
            }
            if options.contains(&text) {
                return Err(self.err_at(
                    o.at,
                    format!("the option “{text}” appears twice in “{name}”"),
                ));
            }
            options.push(text);
        }
        Ok(options)
    }

    fn pick(&self, options: &[String], p: &Part, name: &str) -> Result<String> {
        let want = p.text();
        options
            .iter()
            .find(|o| **o == want)
            .cloned()
            .ok_or_else(|| {
                self.err_at(
                    p.at,
                    format!(
                        "the default “{want}” is not one of the options of “{name}” ({})",
                        options.join(", ")
                    ),
                )
            })
    }
}
