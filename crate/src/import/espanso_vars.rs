//! espanso's declarations: `vars:` / `global_vars:` entries, form fields (`form_fields:` or a
//! form variable's `fields:`), and the named groups of a regex trigger. How they become Rubrica
//! template source is in `espanso_body.rs`.

use super::import_error;
use super::yaml::{Node, Value};
use crate::error::Result;
use std::collections::BTreeMap;

/// One entry of `vars:` / `global_vars:`.
#[derive(Debug, Clone)]
pub(crate) struct VarDef {
    pub name: String,
    pub kind: String,
    pub params: Option<Node>,
    /// `inject_vars` (default true, espanso 2.1+): `{{other}}` inside the parameters is replaced
    /// by the other variable's value; `false` keeps it literal.
    pub inject: bool,
}

/// How a form field is shown.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FieldKind {
    Text,
    Paragraph,
    Choice(Vec<String>),
}

/// One form field (`form_fields:` or a form variable's `fields:`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldDef {
    pub kind: FieldKind,
    pub default: Option<String>,
}

/// Reads a `vars:` list. Anything but a list of mappings with a `name` is malformed.
pub(crate) fn parse_vars(node: Option<&Node>) -> Result<Vec<VarDef>> {
    let Some(node) = node else {
        return Ok(Vec::new());
    };
    if node.value == Value::Null {
        return Ok(Vec::new());
    }
    if !matches!(node.value, Value::Seq(_)) {
        return Err(import_error("“vars:” must be a list of variables").at_line(node.line));
    }
    node.items()
        .iter()
        .map(|v| {
            let name = v
                .get("name")
                .and_then(Node::text)
                .ok_or_else(|| import_error("Each variable needs a “name:”").at_line(v.line))?;
            Ok(VarDef {
                name,
                kind: v.get("type").and_then(Node::text).unwrap_or_default(),
                params: v.get("params").cloned(),
                inject: v.get("inject_vars").and_then(Node::bool).unwrap_or(true),
            })
        })
        .collect()
}

/// Reads `form_fields:` (or a form variable's `fields:`): a mapping of field name → options.
pub(crate) fn parse_fields(node: Option<&Node>) -> Result<BTreeMap<String, FieldDef>> {
    let mut out = BTreeMap::new();
    let Some(node) = node else {
        return Ok(out);
    };
    if !matches!(node.value, Value::Map(_) | Value::Null) {
        return Err(
            import_error("“form_fields:” must map field names to options").at_line(node.line),
        );
    }
    for (name, def) in node.entries() {
        let kind = def.get("type").and_then(Node::text).unwrap_or_default();
        let multiline = def.get("multiline").and_then(Node::bool).unwrap_or(false);
        let kind = match kind.as_str() {
            "choice" | "list" => FieldKind::Choice(values_of(def.get("values"))),
            _ if multiline => FieldKind::Paragraph,
            _ => FieldKind::Text,
        };
        let default = def.get("default").and_then(Node::text);
        out.insert(name.clone(), FieldDef { kind, default });
    }
    Ok(out)
}

/// `values:` as a list, or as one string with a value per line.
pub(super) fn values_of(node: Option<&Node>) -> Vec<String> {
    let Some(node) = node else {
        return Vec::new();
    };
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|i| {
                i.text()
                    .or_else(|| i.get("id").or(i.get("label")).and_then(Node::text))
            })
            .collect(),
        Value::Text(t) => t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

/// Names of the named groups `(?P<name>…)` / `(?<name>…)` of a regex.
pub(crate) fn capture_names(regex: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (i, _) in regex.match_indices("(?") {
        let rest = &regex[i + 2..];
        let rest = rest.strip_prefix('P').unwrap_or(rest);
        if let Some(body) = rest.strip_prefix('<') {
            if let Some(end) = body.find('>') {
                names.push(body[..end].to_string());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_capture_names() {
        assert_eq!(capture_names(r":s(?P<a>\d)(?<b>x)(?:y)"), vec!["a", "b"]);
    }
}
