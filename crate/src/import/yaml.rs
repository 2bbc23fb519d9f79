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

/// How many quoted scalars [`parse`] re-indents before it gives up and reports the error.
const MAX_REINDENTS: usize = 64;

/// Parses `text`, which must hold at most one document. Syntax errors carry the line, column and a caret excerpt.
/// The simplest espanso files (a list of matches of one-line quoted scalars) are read by a fast
/// shortcut that gives the same tree (`yaml_fast.rs`); every other file by `saphyr`.
///
/// A quoted scalar whose continuation lines are indented less than its key (`replace: "one` /
/// `  two"`) is refused by a strict reading of the YAML spec but read by the common loaders
/// (PyYAML, and so espanso's users' files): those lines are indented and the text parsed again.
/// Indenting them changes nothing in the value, since line folding drops leading spaces.
pub(crate) fn parse(text: &str) -> Result<Node> {
    match super::yaml_fast::parse(text) {
        Some(node) => Ok(node),
        None => parse_full(text),
    }
}

/// [`parse`] with the full YAML parser always (the fast reading of simple files left out).
pub(crate) fn parse_full(text: &str) -> Result<Node> {
    let mut owned: Option<String> = None;
    for _ in 0..MAX_REINDENTS {
        let current = owned.as_deref().unwrap_or(text);
        match MarkedYaml::load_from_str(current) {
            // Loaded once: the tree is converted from this load (reading a large file is mostly
            // the YAML parser's time, so it must not run twice).
            Ok(docs) => return from_docs(&docs, current),
            Err(e) if e.info().contains("indentation in quoted scalar") => {
                match reindent_quoted(current, e.marker().line()) {
                    Some(fixed) => owned = Some(fixed),
                    None => return Err(syntax_error(&e, current)),
                }
            }
            Err(e) => return Err(syntax_error(&e, current)),
        }
    }
    parse_strict(owned.as_deref().unwrap_or(text))
}

/// `text` with the continuation lines of the quoted scalar that starts on 1-based `line`
/// indented one space deeper than that line; `None` when no quoted scalar starts there.
fn reindent_quoted(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let first = *lines.get(line.checked_sub(1)?)?;
    let indent = first.len() - first.trim_start().len();
    let (at, quote) = first
        .char_indices()
        .find(|(_, c)| *c == '"' || *c == '\'')?;
    // Where the scalar ends: the closing quote (`\"` escapes in double quotes, `''` in single).
    let mut end_line = None;
    let mut escaped = false;
    let mut skip_next = false;
    'lines: for (n, l) in lines.iter().enumerate().skip(line - 1) {
        let start = if n == line - 1 { at + 1 } else { 0 };
        let chars: Vec<char> = l[start..].chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if skip_next {
                skip_next = false;
                continue;
            }
            if quote == '"' && escaped {
                escaped = false;
            } else if quote == '"' && c == '\\' {
                escaped = true;
            } else if c == quote {
                if quote == '\'' && chars.get(i + 1) == Some(&'\'') {
                    skip_next = true;
                    continue;
                }
                end_line = Some(n);
                break 'lines;
            }
        }
        escaped = false;
    }
    let end_line = end_line?;
    if end_line < line {
        return None;
    }
    let pad = " ".repeat(indent + 1);
    let out: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            if n >= line && n <= end_line && !l.trim().is_empty() {
                format!("{pad}{}", l.trim_start())
            } else {
                (*l).to_string()
            }
        })
        .collect();
    Some(out.join("\n"))
}

fn parse_strict(text: &str) -> Result<Node> {
    let docs = MarkedYaml::load_from_str(text).map_err(|e| syntax_error(&e, text))?;
    from_docs(&docs, text)
}

/// A YAML syntax error with its line, column and the caret excerpt of `text`.
fn syntax_error(e: &saphyr::ScanError, text: &str) -> Error {
    let m = e.marker();
    import_error(format!("This YAML file is malformed: {}", e.info())).at(
        text,
        m.line() as u32,
        m.col() as u32 + 1,
    )
}

/// The one document of a loaded file as a [`Node`] tree (more than one is an error).
fn from_docs(docs: &[MarkedYaml], text: &str) -> Result<Node> {
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

    #[test]
    fn aliases_are_read_as_mainstream_loaders_read_them() -> Result<()> {
        // An anchor (&name) and an alias (*name) of it: the alias holds the anchored value, as in
        // PyYAML, js-yaml and espanso's own loader.
        let doc = parse(
            "matches:\n  - trigger: \":a\"\n    replace: &sig \"Best regards\"\n  - trigger: \":b\"\n    replace: *sig\n",
        )?;
        let m = doc
            .get("matches")
            .map(|m| m.items().to_vec())
            .unwrap_or_default();
        assert_eq!(
            m[1].get("replace").and_then(Node::text).as_deref(),
            Some("Best regards")
        );
        Ok(())
    }

    #[test]
    fn a_quoted_scalar_continued_on_a_less_indented_line_is_read() -> Result<()> {
        let doc = parse("matches:\n  - trigger: \":q\"\n    replace: \"one\n  two\"\n")?;
        let m = doc
            .get("matches")
            .map(|m| m.items().to_vec())
            .unwrap_or_default();
        assert_eq!(
            m[0].get("replace").and_then(Node::text).as_deref(),
            Some("one two")
        );
        Ok(())
    }
}
