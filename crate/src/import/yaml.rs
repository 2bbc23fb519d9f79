//! A small YAML tree with a line number on every node, read with `saphyr`.
//!
//! Crate choice: `saphyr` (0.3) is the maintained successor of `yaml-rust`/`yaml-rust2`
//! (`serde_yaml` is archived; `serde_norway` wraps a C-to-Rust translation of libyaml, larger in
//! WebAssembly). It is pure Rust, marks every node with line and column (so a skipped match can
//! name its line), and with its default `encoding` feature off it pulls no encoding tables.
//! Converting to this tree keeps saphyr's types out of the importers.

use super::import_error;
use crate::error::{Error, Result};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

/// Nesting deeper than this is refused (espanso files are a few levels deep).
const MAX_DEPTH: usize = 64;

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// Any other scalar, as text (numbers keep their written form).
    Text(String),
    Seq(Vec<Node>),
    /// Keys as text, in document order.
    Map(Vec<(String, Node)>),
}

/// A YAML value and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub line: u32,
    pub value: Value,
}

impl Node {
    /// The value under `key` when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The scalar as text (`None` for null, sequences and mappings).
    pub fn text(&self) -> Option<String> {
        match &self.value {
            Value::Text(t) => Some(t.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The scalar as a boolean (`true`/`false`).
    pub fn bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The items of a sequence (empty for anything else).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// The entries of a mapping (empty for anything else).
    pub fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }
}

/// Parses `text`, which must hold at most one document. Syntax errors carry the line, column and a caret excerpt.
pub(crate) fn parse(text: &str) -> Result<Node> {
    let docs = MarkedYaml::load_from_str(text).map_err(|e| {
        let m = e.marker();
        import_error(format!("This YAML file is malformed: {}", e.info())).at(
            text,
            m.line() as u32,
            m.col() as u32 + 1,
        )
    })?;
    if let Some(second) = docs.get(1) {
        let line = second.span.start.line() as u32;
        return Err(import_error(
            "This file holds more than one YAML document (---); split it into one file per document",
        )
        .at_line(line));
    }
    match docs.first() {
        Some(doc) => convert(doc, text, 0),
        None => Ok(Node {
            line: 1,
            value: Value::Null,
        }),
    }
}

fn convert(node: &MarkedYaml, text: &str, depth: usize) -> Result<Node> {
    let line = node.span.start.line() as u32;
    let fail = |msg: &str| -> Error {
        import_error(msg.to_string()).at(text, line, node.span.start.col() as u32 + 1)
    };
    if depth > MAX_DEPTH {
        return Err(fail("This YAML file is nested too deeply"));
    }
    let value = match &node.data {
        YamlData::Value(Scalar::Null) => Value::Null,
        YamlData::Value(Scalar::Boolean(b)) => Value::Bool(*b),
        YamlData::Value(Scalar::Integer(i)) => Value::Text(i.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Value::Text(f.to_string()),
        YamlData::Value(Scalar::String(s)) => Value::Text(s.to_string()),
        YamlData::Representation(s, _, _) => Value::Text(s.to_string()),
        YamlData::Sequence(items) => Value::Seq(
            items
                .iter()
                .map(|n| convert(n, text, depth + 1))
                .collect::<Result<_>>()?,
        ),
        YamlData::Mapping(map) => {
            let mut entries = Vec::with_capacity(map.len());
            for (k, v) in map.iter() {
                let key = convert(k, text, depth + 1)?
                    .text()
                    .ok_or_else(|| fail("Mapping keys must be plain text"))?;
                entries.push((key, convert(v, text, depth + 1)?));
            }
            Value::Map(entries)
        }
        YamlData::Tagged(_, inner) => return convert(inner, text, depth + 1),
        YamlData::Alias(_) => {
            return Err(fail(
                "YAML aliases (*name) are not supported; write the value out in full",
            ))
        }
        YamlData::BadValue => return Err(fail("This YAML value cannot be read")),
    };
    Ok(Node { line, value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_values_with_lines() -> Result<()> {
        let doc = parse("matches:\n  - trigger: \":a\"\n    replace: 42\n    word: true\n")?;
        let m = doc
            .get("matches")
            .map(|m| m.items().to_vec())
            .unwrap_or_default();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].line, 2);
        assert_eq!(
            m[0].get("trigger").and_then(Node::text).as_deref(),
            Some(":a")
        );
        assert_eq!(
            m[0].get("replace").and_then(Node::text).as_deref(),
            Some("42")
        );
        assert_eq!(m[0].get("word").and_then(Node::bool), Some(true));
        Ok(())
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let e = parse("matches:\n  - trigger: \"unclosed\n    replace: x\n").err();
        let line = e.as_ref().and_then(|e| e.line);
        assert!(line.is_some_and(|l| l >= 2), "{e:?}");
        let e = parse("a: 1\n---\nb: 2\n").err();
        assert!(e.is_some_and(|e| e.line.is_some_and(|l| l >= 2)));
        let e = parse("a: [1, 2\nb: 3\n").err();
        assert!(e.is_some_and(|e| e.line.is_some() && e.excerpt.is_some()));
    }
}
