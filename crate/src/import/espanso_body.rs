//! espanso's `replace`/`form` text → Rubrica template source: each `{{variable}}`, `[[field]]`
//! and `$|$` converted as below (the declarations are read by `espanso_vars.rs`).
//!
//! | espanso | Rubrica |
//! |---|---|
//! | `{{v}}`, `v` of type `clipboard` | `{clipboard}` |
//! | `{{v}}`, `v` of type `date` (`format`, `offset`) | `{date: YYYY-MM-DD; shift=+1d}` |
//! | `{{v}}`, `v` of type `echo` | its literal value |
//! | `{{v}}`, `v` of type `choice` (`values`) | `{choice: v; A \| B}`, then `{=v}` |
//! | `{{v}}`, `v` of type `random` (`choices`) | `{choice: v; …}` (the user picks) + note |
//! | `{{v}}`, `v` of type `match` (`trigger`) | `{snippet: trigger}` |
//! | `{{f.x}}`, `f` of type `form`; `[[x]]` in `form:` | `{text: x}` / `{paragraph: x}` / `{choice: x; …}`, then `{=x}` |
//! | `{{name}}` of a regex named group | `{capture: name}` |
//! | `{{v}}`, `v` of type `shell`, `script`, unknown, or undefined | `{text: v}` fill-in + note |
//! | `$\|$` | `{cursor}` |
//!
//! Variable injection (espanso 2.1+): `{{other}}` inside an `echo` parameter is converted like the
//! replace text itself, so `"{{today}} {{hour}}:00"` with a date variable and a regex capture
//! becomes `{date: …} {capture: hour}:00`. A variable with `inject_vars: false` keeps it literal.
//! Where Rubrica has no place for a command (a choice's values, a date's format, a nested
//! match's trigger) the text stays literal and the snippet gets a note saying so.

use super::emit::{date_template, escape, escape_option, field_name, Fields};
use super::espanso_vars::{parse_fields, values_of, FieldDef, FieldKind, VarDef};
use super::yaml::Node;
use std::collections::{BTreeMap, BTreeSet};

/// Everything the body conversion needs, and the notes it produces.
pub(crate) struct Body<'a> {
    pub vars: &'a [VarDef],
    pub fields: &'a BTreeMap<String, FieldDef>,
    pub captures: &'a [String],
    pub notes: Vec<String>,
    declared: Fields,
    noted: BTreeSet<String>,
    /// Variables being injected, innermost last: a variable that refers to itself (directly or
    /// not) is noted and kept literal instead of looping.
    injecting: Vec<String>,
}

impl<'a> Body<'a> {
    /// A converter for one match.
    pub fn new(
        vars: &'a [VarDef],
        fields: &'a BTreeMap<String, FieldDef>,
        captures: &'a [String],
    ) -> Self {
        Body {
            vars,
            fields,
            captures,
            notes: Vec::new(),
            declared: Fields::default(),
            noted: BTreeSet::new(),
            injecting: Vec::new(),
        }
    }

    /// Converts `replace:` text (or `form:` text when `form` is true, where `[[x]]` are fields).
    pub fn convert(&mut self, source: &str, form: bool) -> String {
        let mut out = String::with_capacity(source.len() + 16);
        let mut rest = source;
        loop {
            let next = [
                rest.find("{{").map(|i| (i, "{{", "}}")),
                rest.find("$|$").map(|i| (i, "$|$", "")),
                rest.find("[[").filter(|_| form).map(|i| (i, "[[", "]]")),
            ]
            .into_iter()
            .flatten()
            .min_by_key(|(i, _, _)| *i);
            let Some((at, open, close)) = next else {
                out.push_str(&escape(rest));
                break;
            };
            out.push_str(&escape(&rest[..at]));
            let after = &rest[at + open.len()..];
            if open == "$|$" {
                out.push_str("{cursor}");
                rest = after;
                continue;
            }
            let Some(end) = after.find(close) else {
                out.push_str(&escape(&rest[at..]));
                break;
            };
            let name = after[..end].trim();
            if open == "[[" {
                let def = self.fields.get(name).cloned();
                out.push_str(&self.field(name, def.as_ref()));
            } else {
                out.push_str(&self.reference(name));
            }
            rest = &after[end + close.len()..];
        }
        out
    }

    fn note_once(&mut self, key: &str, note: String) {
        if self.noted.insert(key.to_string()) {
            self.notes.push(note);
        }
    }

    /// A fill-in field: declared on first use, `{=name}` later.
    fn field(&mut self, raw: &str, def: Option<&FieldDef>) -> String {
        let name = field_name(raw);
        let default = def
            .and_then(|d| d.default.as_deref())
            .map(|d| format!("; default={}", escape_option(d)))
            .unwrap_or_default();
        let kind = def.map(|d| d.kind.clone()).unwrap_or(FieldKind::Text);
        if matches!(kind, FieldKind::Paragraph) && !default.is_empty() {
            self.note_once(
                &format!("default:{name}"),
                format!("the default text of the multi-line field “{name}” was left out"),
            );
        }
        let raw_default = def.and_then(|d| d.default.as_deref());
        let mut left_out = None;
        let source = self.declared.use_field(&name, || match kind {
            FieldKind::Text => format!("{{text: {name}{default}}}"),
            FieldKind::Paragraph => format!("{{paragraph: {name}}}"),
            FieldKind::Choice(values) => {
                let (source, note) = choice(&name, &values, raw_default);
                left_out = note;
                source
            }
        });
        self.note_choice(&name, left_out);
        source
    }

    fn note_choice(&mut self, name: &str, note: Option<String>) {
        if let Some(note) = note {
            self.note_once(&format!("choice:{name}"), note);
        }
    }

    /// The Rubrica source for `{{name}}`.
    fn reference(&mut self, raw: &str) -> String {
        if self.captures.iter().any(|c| c == raw) {
            return format!("{{capture: {raw}}}");
        }
        let (var_name, member) = match raw.split_once('.') {
            Some((v, m)) => (v, Some(m)),
            None => (raw, None),
        };
        let Some(var) = self.vars.iter().find(|v| v.name == var_name).cloned() else {
            self.note_once(
                raw,
                format!(
                    "“{{{{{raw}}}}}” refers to no variable of this file; it became a fill-in field"
                ),
            );
            return self.field(raw, None);
        };
        let param = |key: &str| var.params.as_ref().and_then(|p| p.get(key));
        if var.inject && var.kind != "echo" && var.kind != "form" {
            self.note_uninjectable(&var);
        }
        match (var.kind.as_str(), member) {
            ("form", Some(field)) => {
                let fields = parse_fields(param("fields")).unwrap_or_default();
                let def = fields.get(field).cloned();
                self.field(field, def.as_ref())
            }
            ("clipboard", _) => "{clipboard}".into(),
            ("echo", _) => {
                let text = param("echo").and_then(Node::text).unwrap_or_default();
                self.injected(&var, &text)
            }
            ("date", _) => self.date(&var),
            ("match", _) => match param("trigger").and_then(Node::text) {
                Some(t) => format!("{{snippet: {}}}", escape(t.trim())),
                None => self.unsupported(&var, "it names no trigger"),
            },
            ("choice", _) => {
                let values = values_of(param("values"));
                let relabelled = param("values").is_some_and(|v| {
                    v.items().iter().any(|i| {
                        let label = i.get("label").and_then(Node::text);
                        label.is_some() && label != i.get("id").and_then(Node::text)
                    })
                });
                if relabelled {
                    self.note_once(
                        &format!("labels:{}", var.name),
                        format!(
                            "the choice “{}” lists the inserted values, not espanso's display labels",
                            var.name
                        ),
                    );
                }
                let name = field_name(&var.name);
                let mut left_out = None;
                let source = self.declared.use_field(&name, || {
                    let (source, note) = choice(&name, &values, None);
                    left_out = note;
                    source
                });
                self.note_choice(&name, left_out);
                source
            }
            ("random", _) => {
                let values = values_of(param("choices"));
                let name = field_name(&var.name);
                self.note_once(
                    &var.name,
                    format!(
                        "the random variable “{}” became a choice: you pick the text",
                        var.name
                    ),
                );
                let mut left_out = None;
                let source = self.declared.use_field(&name, || {
                    let (source, note) = choice(&name, &values, None);
                    left_out = note;
                    source
                });
                self.note_choice(&name, left_out);
                source
            }
            ("shell" | "script", _) => {
                self.unsupported(&var, "programs cannot run from a browser extension")
            }
            (kind, _) => self.unsupported(
                &var,
                &format!("the variable type “{kind}” is not supported"),
            ),
        }
    }

    /// An `echo` value with the variables it names injected (or literal with `inject_vars: false`).
    fn injected(&mut self, var: &VarDef, text: &str) -> String {
        if !var.inject || !text.contains("{{") {
            return escape(text);
        }
        if self.injecting.iter().any(|n| n == &var.name) {
            self.note_once(
                &format!("cycle:{}", var.name),
                format!(
                    "the variable “{}” refers to itself through injected variables; its text was kept literal",
                    var.name
                ),
            );
            return escape(text);
        }
        self.injecting.push(var.name.clone());
        let out = self.convert(text, false);
        self.injecting.pop();
        out
    }

    /// A note when `var`'s parameters name other variables where Rubrica cannot put a command.
    fn note_uninjectable(&mut self, var: &VarDef) {
        let Some(params) = &var.params else { return };
        if !params_mention_vars(params) {
            return;
        }
        self.note_once(
            &format!("inject:{}", var.name),
            format!(
                "the {} variable “{}” names other variables in its parameters; Rubrica cannot inject \
                 them there, so that text is kept literal",
                var.kind, var.name
            ),
        );
    }

    fn date(&mut self, var: &VarDef) -> String {
        let param = |key: &str| var.params.as_ref().and_then(|p| p.get(key));
        let format = param("format")
            .and_then(Node::text)
            .unwrap_or_else(|| "%Y-%m-%d".to_string());
        let offset = param("offset")
            .and_then(Node::text)
            .and_then(|t| t.trim().parse::<i64>().ok())
            .unwrap_or(0);
        if param("locale").is_some() || param("tz").is_some() {
            self.note_once(
                &format!("locale:{}", var.name),
                format!(
                    "the date “{}” uses the browser's language and time zone",
                    var.name
                ),
            );
        }
        let (source, problems) = date_template(&format, offset);
        for p in problems {
            self.note_once(
                &format!("date:{}:{p}", var.name),
                format!("date “{}”: {p}", var.name),
            );
        }
        source
    }

    fn unsupported(&mut self, var: &VarDef, why: &str) -> String {
        self.note_once(
            &var.name,
            format!(
                "the {} variable “{}” cannot be carried over ({why}); it became a fill-in field",
                if var.kind.is_empty() {
                    "untyped"
                } else {
                    &var.kind
                },
                var.name
            ),
        );
        self.field(&var.name, None)
    }
}

/// Whether any text in a parameter tree holds `{{…}}`.
fn params_mention_vars(node: &Node) -> bool {
    if let Some(t) = node.text() {
        return t.contains("{{");
    }
    node.items().iter().any(params_mention_vars)
        || node.entries().iter().any(|(_, v)| params_mention_vars(v))
}

/// `{choice: name; …}` for espanso's `values`, and a note when something was left out.
///
/// The template parser trims each option and drops one pair of surrounding double quotes; a value
/// that reads back empty, or as an earlier option, would make the whole template invalid, so it is
/// left out, and so is a default that is not one of the options. With no usable value at all the
/// field becomes `{text: name}` (a choice needs options).
fn choice(name: &str, values: &[String], default: Option<&str>) -> (String, Option<String>) {
    fn read_back(v: &str) -> &str {
        let t = v.trim();
        t.strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .unwrap_or(t)
    }
    let mut options: Vec<&str> = Vec::new();
    for v in values {
        let r = read_back(v);
        if !r.is_empty() && !options.iter().any(|o| read_back(o) == r) {
            options.push(v);
        }
    }
    let default_kept = default.filter(|d| options.iter().any(|o| read_back(o) == read_back(d)));
    let default_src = |d: Option<&str>| {
        d.map(|d| format!("; default={}", escape_option(d)))
            .unwrap_or_default()
    };
    if options.is_empty() {
        let source = format!("{{text: {name}{}}}", default_src(default));
        let note = format!("the choice “{name}” has no usable values; it became a text field");
        return (source, Some(note));
    }
    let mut note = None;
    if options.len() != values.len() {
        note = Some(format!(
            "the choice “{name}” had empty or repeated values, which were left out"
        ));
    } else if default_kept.is_none() && default.is_some() {
        note = Some(format!(
            "the default of the choice “{name}” is not one of its values and was left out"
        ));
    }
    let options: Vec<String> = options.iter().map(|v| escape_option(v)).collect();
    let source = format!(
        "{{choice: {name}; {}{}}}",
        options.join(" | "),
        default_src(default_kept)
    );
    (source, note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::yaml::Value;

    fn var(name: &str, kind: &str, params: Option<Node>) -> VarDef {
        VarDef {
            name: name.into(),
            kind: kind.into(),
            params,
            inject: true,
        }
    }

    #[test]
    fn converts_cursor_clipboard_and_escapes() {
        let vars = [var("clip", "clipboard", None)];
        let fields = BTreeMap::new();
        let mut b = Body::new(&vars, &fields, &[]);
        assert_eq!(
            b.convert("a {x} \\ {{clip}} $|$ {{ clip }}", false),
            "a \\{x\\} \\\\ {clipboard} {cursor} {clipboard}"
        );
        assert!(b.notes.is_empty());
    }

    #[test]
    fn form_fields_declare_once_and_unknowns_become_fields() {
        let mut fields = BTreeMap::new();
        fields.insert(
            "why".to_string(),
            FieldDef {
                kind: FieldKind::Paragraph,
                default: None,
            },
        );
        fields.insert(
            "pick".to_string(),
            FieldDef {
                kind: FieldKind::Choice(vec!["A".into(), "B|C".into()]),
                default: Some("A".into()),
            },
        );
        let mut b = Body::new(&[], &fields, &[]);
        assert_eq!(
            b.convert("[[pick]]: [[why]] ([[pick]]) [[other]] {{nope}}", true),
            "{choice: pick; A | B\\|C; default=A}: {paragraph: why} ({=pick}) {text: other} {text: nope}"
        );
        assert_eq!(b.notes.len(), 1);
    }

    /// Found by the `import_espanso` fuzz target: a choice without values (or with empty,
    /// repeated or quoted-empty values, or a default outside them) became `{choice: sev; }`,
    /// which is not a valid template.
    #[test]
    fn choice_without_usable_values_still_parses() {
        let list = |items: &[&str]| Node {
            value: Value::Seq(
                items
                    .iter()
                    .map(|i| Node {
                        value: Value::Text(i.to_string()),
                        line: 1,
                    })
                    .collect(),
            ),
            line: 1,
        };
        let params = |items: &[&str]| Node {
            value: Value::Map(vec![("values".to_string(), list(items))]),
            line: 1,
        };
        let vars = [
            var("sev", "choice", None),
            var(
                "dup",
                "choice",
                Some(params(&["A", " A ", "", "\"\"", "B"])),
            ),
        ];
        let mut fields = BTreeMap::new();
        fields.insert(
            "pick".to_string(),
            FieldDef {
                kind: FieldKind::Choice(vec!["A".into(), "B".into()]),
                default: Some("C".into()),
            },
        );
        let mut b = Body::new(&vars, &fields, &[]);
        let out = b.convert("{{sev}} {{dup}} [[pick]]", true);
        assert_eq!(
            out,
            "{text: sev} {choice: dup; A | B} {choice: pick; A | B}"
        );
        assert!(crate::template::parse(&out).is_ok());
        assert_eq!(b.notes.len(), 3);
    }
}
