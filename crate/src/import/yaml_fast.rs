//! A fast reading of the simplest espanso files: `matches:` and a list of matches whose every
//! key holds one quoted scalar on its line (or `true`/`false`), as large generated collections
//! (autocorrect lists, emoji packs) are written. Reading 100,000 such matches with the full YAML
//! parser costs seconds; this takes a few milliseconds.
//!
//! It is a shortcut, never a second YAML dialect: it answers `None` for anything outside that
//! shape (another top-level key, a nested value, a plain scalar other than a boolean, a block or
//! flow collection, an escape other than `\\`, `\"`, `\n`, `\t`, an anchor, a tag, a tab or a
//! carriage return, a duplicate key…), and [`super::yaml::parse`] then reads the file with the
//! full parser. Where it answers, its tree equals the full parser's, line numbers included
//! (tested on every fixture and on generated files).

use super::yaml::{Node, Value};

/// The tree of `text` when the file has the simple shape (see the module docs), else `None`.
pub(crate) fn parse(text: &str) -> Option<Node> {
    if text.contains(['\t', '\r', '\u{feff}']) {
        return None;
    }
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i as u32 + 1, l))
        .filter(|(_, l)| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#')
        });
    let (root_line, first) = lines.next()?;
    if first.trim_end() != "matches:" {
        return None;
    }
    let mut items: Vec<Node> = Vec::new();
    // The column of every item's dash, and of the current item's keys.
    let mut dash_col = None;
    let mut key_col = 0;
    for (n, line) in lines {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(after_dash) = rest.strip_prefix("- ") {
            if *dash_col.get_or_insert(indent) != indent {
                return None;
            }
            let spaces = after_dash.len() - after_dash.trim_start_matches(' ').len();
            key_col = indent + 2 + spaces;
            let (key, value) = entry(&after_dash[spaces..], n)?;
            items.push(Node {
                line: n,
                value: Value::Map(vec![(key, value)]),
            });
        } else {
            let item = items.last_mut()?;
            if indent != key_col {
                return None;
            }
            let (key, value) = entry(rest, n)?;
            let Value::Map(entries) = &mut item.value else {
                return None;
            };
            if entries.iter().any(|(k, _)| *k == key) {
                return None;
            }
            entries.push((key, value));
        }
    }
    let seq_line = items.first()?.line;
    Some(Node {
        line: root_line,
        value: Value::Map(vec![(
            "matches".into(),
            Node {
                line: seq_line,
                value: Value::Seq(items),
            },
        )]),
    })
}

/// `key: value` with a simple key and a one-line scalar value.
fn entry(text: &str, line: u32) -> Option<(String, Node)> {
    let (key, value) = text.split_once(": ")?;
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let (value, after) = scalar(value.trim_start_matches(' '))?;
    // After the scalar: nothing, or a comment (which needs a space before its `#`).
    let tail = after.trim_start_matches(' ');
    if !(tail.is_empty() || (after.len() > tail.len() && tail.starts_with('#'))) {
        return None;
    }
    Some((key.to_string(), Node { line, value }))
}

/// One scalar at the start of `text` and what follows it.
fn scalar(text: &str) -> Option<(Value, &str)> {
    if let Some(body) = text.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Some((Value::Text(out), &body[i + 1..])),
                '\\' => match chars.next()?.1 {
                    '\\' => out.push('\\'),
                    '"' => out.push('"'),
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    _ => return None,
                },
                c if c.is_control() => return None,
                c => out.push(c),
            }
        }
        None
    } else if let Some(body) = text.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().map(|&(_, c)| c) == Some('\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Some((Value::Text(out), &body[i + 1..]));
                }
            } else if c.is_control() {
                return None;
            } else {
                out.push(c);
            }
        }
        None
    } else {
        let word = text.split(' ').next().unwrap_or("");
        let value = match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return None,
        };
        Some((value, &text[word.len()..]))
    }
}

#[cfg(test)]
mod tests {
    use super::super::yaml::parse_full;
    use super::*;

    fn same_as_full(text: &str) {
        let fast = parse(text);
        let full = parse_full(text).ok();
        if let Some(fast) = fast {
            assert_eq!(Some(fast), full, "{text}");
        }
    }

    fn generated(n: usize) -> String {
        let mut t = String::from("# a comment\nmatches:\n");
        for i in 0..n {
            t.push_str(&format!(
                "  - trigger: \":w {i} x:\"\n    replace: 'it''s {i}\\n' # note\n    word: true\n\n"
            ));
        }
        t
    }

    #[test]
    fn simple_files_read_as_the_full_parser_reads_them() {
        let text = generated(50);
        let node = parse(&text).unwrap_or_else(|| panic!("the simple shape"));
        assert_eq!(node.get("matches").map(|m| m.items().len()), Some(50));
        same_as_full(&text);
        same_as_full("matches:\n- trigger: \"a\"\n  replace: \"b \\\"q\\\" \\\\ \\t\"\n");
        same_as_full("matches:\n  -   trigger: \"a\"\n      replace: \"b\"\n");
        for fixture in [
            include_str!("../../../tests/import/espanso_trainer.yml"),
            include_str!("../../../tests/import/espanso_spaced.yml"),
            include_str!("../../../tests/import/espanso_inject.yml"),
            include_str!("../../../tests/import/espanso_malformed.yml"),
            include_str!("../../../tests/import/espanso_wrong_shape.yml"),
        ] {
            same_as_full(fixture);
        }
    }

    #[test]
    fn anything_else_is_left_to_the_full_parser() {
        for text in [
            "",
            "matches:\n",
            "global_vars:\n  - name: a\nmatches:\n  - trigger: \"a\"\n    replace: \"b\"\n",
            "matches:\n  - trigger: a\n    replace: \"b\"\n",
            "matches:\n  - trigger: \"a\"\n    replace: |\n      b\n",
            "matches:\n  - triggers: [\"a\", \"b\"]\n    replace: \"b\"\n",
            "matches:\n  - trigger: \"a\"\n    replace: \"b\n      c\"\n",
            "matches:\n  - trigger: \"a\"\n    replace: \"\\u00e9\"\n",
            "matches:\n  - trigger: \"a\"\n     replace: \"b\"\n",
            "matches:\n  - trigger: \"a\"\n    trigger: \"b\"\n",
            "matches:\n  - trigger: \"a\"#x\n",
            "matches:\n  - trigger: \"a\" b\n",
            "matches:\n  - trigger: &x \"a\"\n",
            "matches:\r\n  - trigger: \"a\"\r\n",
            "matches:\n\t- trigger: \"a\"\n",
            "matches:\n  - trigger: \"a\"\n---\n",
            "matches:\n  - trigger: \"a\"\n    vars:\n      - name: x\n",
            "matches:\n  - trigger: \"a\"\n    word: True\n",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
