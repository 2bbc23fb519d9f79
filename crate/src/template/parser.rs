//! The parser: turns tokens into a tree of [`Node`]s, matching `{if}`/`{toggle}` blocks with their
//! `{else}` and `{end}`. `Parser` holds the checks every command shares (its argument, its
//! settings, error positions); each command's own checks are in `commands.rs` and
//! `field_commands.rs`.

use super::ast::{Condition, LineIndex, Node, NodeKind, Span};
use super::hints::similar;
use super::lexer::{error_at, lex, Token};
use super::parts::{split, split_once, trimmed, unescape, Command, Part};
use crate::error::{Error, ErrorKind, Result};

/// Longest template source accepted, in bytes.
pub const MAX_SOURCE_BYTES: usize = 256 * 1024;

/// Parses `src` into nodes.
pub fn parse_nodes(src: &str) -> Result<Vec<Node>> {
    if src.len() > MAX_SOURCE_BYTES {
        return Err(Error::new(
            ErrorKind::Limit,
            "this template is longer than 256 KB; split it into nested snippets",
        ));
    }
    let index = LineIndex::new(src);
    let p = Parser { src, index: &index };
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = Vec::new();
    for token in lex(src)? {
        let (body, body_start, span) = match token {
            Token::Text { text, span } => {
                push(
                    &mut stack,
                    &mut root,
                    Node {
                        kind: NodeKind::Text(text),
                        span,
                    },
                );
                continue;
            }
            Token::Command {
                body,
                body_start,
                span,
            } => (body, body_start, span),
        };
        let cmd = p.command(&body, body_start, span)?;
        match cmd.name.as_str() {
            "else" => {
                p.no_argument(&cmd)?;
                let Some(top) = stack.last_mut() else {
                    return Err(p.err(
                        span,
                        "“{else}” needs an “{if: …}” or “{toggle: …}” before it",
                    ));
                };
                if top.otherwise.is_some() {
                    return Err(p.err(
                        span,
                        "this block already has an “{else}”; add “{end}” first",
                    ));
                }
                top.otherwise = Some(Vec::new());
            }
            "end" => {
                p.no_argument(&cmd)?;
                let Some(frame) = stack.pop() else {
                    return Err(p.err(span, "“{end}” has no “{if: …}” or “{toggle: …}” to close"));
                };
                let node = frame.close();
                push(&mut stack, &mut root, node);
            }
            "if" | "toggle" => {
                let open = p.block(&cmd)?;
                stack.push(Frame {
                    open,
                    then: Vec::new(),
                    otherwise: None,
                });
            }
            _ => {
                let kind = p.leaf(&cmd)?;
                push(&mut stack, &mut root, Node { kind, span });
            }
        }
    }
    if let Some(frame) = stack.pop() {
        let shown = p.shown(frame.open.span);
        return Err(p.err(
            frame.open.span,
            &format!("“{shown}” is never closed; add “{{end}}” after the part it controls"),
        ));
    }
    Ok(root)
}

fn push(stack: &mut [Frame], root: &mut Vec<Node>, node: Node) {
    match stack.last_mut() {
        Some(f) => f.otherwise.as_mut().unwrap_or(&mut f.then).push(node),
        None => root.push(node),
    }
}

struct Frame {
    open: Node,
    then: Vec<Node>,
    otherwise: Option<Vec<Node>>,
}

impl Frame {
    fn close(self) -> Node {
        let otherwise = self.otherwise.unwrap_or_default();
        let kind = match self.open.kind {
            NodeKind::Toggle { spec, .. } => NodeKind::Toggle {
                spec,
                then: self.then,
                otherwise,
            },
            NodeKind::If { cond, .. } => NodeKind::If {
                cond,
                then: self.then,
                otherwise,
            },
            other => other,
        };
        Node {
            kind,
            span: self.open.span,
        }
    }
}

/// Checks commands against the source they came from (for error positions).
pub(super) struct Parser<'s> {
    src: &'s str,
    index: &'s LineIndex<'s>,
}

impl Parser<'_> {
    pub(super) fn err(&self, span: Span, msg: &str) -> Error {
        Error::new(ErrorKind::Template, msg).at(self.src, span.line, span.column)
    }

    pub(super) fn err_at(&self, at: usize, msg: String) -> Error {
        error_at(self.index, self.src, at, msg)
    }

    /// The command as written, shortened for messages.
    pub(super) fn shown(&self, span: Span) -> String {
        let s = self.src.get(span.start..span.end).unwrap_or("{…}");
        if s.chars().count() > 40 {
            let head: String = s.chars().take(37).collect();
            format!("{head}…}}")
        } else {
            s.to_string()
        }
    }

    fn command(&self, body: &str, body_start: usize, span: Span) -> Result<Command> {
        // `{snippet: ;acc}`: triggers often contain `;`, so a snippet reference is the whole
        // rest of the command and takes no settings.
        let (first, rest) = split_once(body, body_start, ':');
        if first.text().eq_ignore_ascii_case("snippet") {
            return Ok(Command {
                name: "snippet".into(),
                arg: rest,
                positional: Vec::new(),
                settings: Vec::new(),
                span,
            });
        }
        let mut parts = split(body, body_start, ';').into_iter();
        let head = parts.next().unwrap_or(Part {
            raw: String::new(),
            at: body_start,
        });
        let (name, arg) = if let Some(rest) = head.raw.strip_prefix('=') {
            let r = trimmed(rest, head.at + 1);
            ("=".to_string(), Some(r))
        } else {
            let (name, arg) = split_once(&head.raw, head.at, ':');
            (name.text().to_lowercase(), arg)
        };
        if name.is_empty() {
            return Err(self.err(span, "empty command “{}”: write a command like {text: reason}, or type \\{ for a brace as text"));
        }
        let mut cmd = Command {
            name,
            arg,
            positional: Vec::new(),
            settings: Vec::new(),
            span,
        };
        for part in parts {
            let (key, value) = split_once(&part.raw, part.at, '=');
            match value {
                Some(v)
                    if !key.raw.is_empty() && key.raw.chars().all(|c| c.is_ascii_alphabetic()) =>
                {
                    cmd.settings.push((key.raw.to_lowercase(), v, key.at));
                }
                _ => cmd.positional.push(part),
            }
        }
        Ok(cmd)
    }

    pub(super) fn no_argument(&self, cmd: &Command) -> Result<()> {
        if cmd.arg.is_some() || !cmd.positional.is_empty() || !cmd.settings.is_empty() {
            let shown = self.shown(cmd.span);
            return Err(self.err(
                cmd.span,
                &format!(
                    "“{shown}” takes nothing after its name; write {{{}}}",
                    cmd.name
                ),
            ));
        }
        Ok(())
    }

    /// The argument, required and non-empty.
    pub(super) fn argument(&self, cmd: &Command, example: &str) -> Result<String> {
        match cmd.arg.as_ref().map(Part::text) {
            Some(a) if !a.is_empty() => Ok(a),
            _ => Err(self.err(
                cmd.span,
                &format!("“{}” needs a name, like {example}", self.shown(cmd.span)),
            )),
        }
    }

    pub(super) fn check(&self, cmd: &Command, allowed: &[&str], positional: usize) -> Result<()> {
        for (key, _, at) in &cmd.settings {
            if !allowed.contains(&key.as_str()) {
                let accepts = match (allowed.is_empty(), similar(key, allowed)) {
                    (true, _) => "it has no settings".to_string(),
                    (false, Some(s)) => format!("did you mean “{s}”?"),
                    (false, None) => format!("it accepts: {}", allowed.join(", ")),
                };
                return Err(self.err_at(
                    *at,
                    format!("“{}” has no setting “{key}”; {accepts}", cmd.name),
                ));
            }
        }
        if let Some(extra) = cmd.positional.get(positional) {
            return Err(self.err_at(extra.at, format!("“{}” does not expect “{}” here; settings are written key=value, separated by “;”", self.shown(cmd.span), extra.text())));
        }
        Ok(())
    }

    pub(super) fn setting<'c>(&self, cmd: &'c Command, key: &str) -> Option<&'c Part> {
        cmd.settings
            .iter()
            .rev()
            .find(|(k, _, _)| k == key)
            .map(|(_, p, _)| p)
    }

    fn block(&self, cmd: &Command) -> Result<Node> {
        let kind = if cmd.name == "toggle" {
            self.toggle(cmd)?
        } else {
            self.check(cmd, &[], 0)?;
            let cond = self.condition(cmd)?;
            NodeKind::If {
                cond,
                then: Vec::new(),
                otherwise: Vec::new(),
            }
        };
        Ok(Node {
            kind,
            span: cmd.span,
        })
    }

    fn condition(&self, cmd: &Command) -> Result<Condition> {
        let arg = cmd.arg.clone().unwrap_or(Part {
            raw: String::new(),
            at: cmd.span.start,
        });
        let (left, right) = split_once(&arg.raw, arg.at, '=');
        let Some(right) = right else {
            let field = left.text();
            if field.is_empty() {
                return Err(self.err(
                    cmd.span,
                    "“{if}” needs a field to test, like {if: better = A} or {if: cite}",
                ));
            }
            return Ok(Condition::Truthy(field));
        };
        let (field, negated) = match left.raw.strip_suffix('!') {
            Some(f) if !f.ends_with('\\') => (unescape(f).trim().to_string(), true),
            _ => (left.text(), false),
        };
        if field.is_empty() {
            return Err(self.err(
                cmd.span,
                "“{if}” needs a field name before “=”, like {if: better = A}",
            ));
        }
        Ok(Condition::Equals {
            field,
            value: right.text(),
            negated,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::ast::Show;

    fn kinds(nodes: &[Node]) -> Vec<String> {
        nodes
            .iter()
            .map(|n| match &n.kind {
                NodeKind::Text(t) => format!("T{t}"),
                NodeKind::If {
                    then, otherwise, ..
                }
                | NodeKind::Toggle {
                    then, otherwise, ..
                } => format!(
                    "B[{}|{}]",
                    kinds(then).join(","),
                    kinds(otherwise).join(",")
                ),
                other => format!("{other:?}").chars().take(8).collect(),
            })
            .collect()
    }

    #[test]
    fn blocks_nest_with_else() {
        let nodes = parse_nodes("a{toggle: t}b{if: t}c{else}d{end}{else}e{end}f")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kinds(&nodes), ["Ta", "B[Tb,B[Tc|Td]|Te]", "Tf"]);
    }

    #[test]
    fn conditions_and_settings_are_read() {
        let nodes =
            parse_nodes("{if: a b != x\\=y}{end}{date: D; shift=-1w}{criterion: acc; show=Name}")
                .unwrap_or_else(|e| panic!("{e}"));
        let Some(NodeKind::If { cond, .. }) = nodes.first().map(|n| &n.kind) else {
            panic!("{nodes:?}");
        };
        assert_eq!(
            cond,
            &Condition::Equals {
                field: "a b".into(),
                value: "x=y".into(),
                negated: true
            }
        );
        assert_eq!(
            nodes.get(1).map(|n| &n.kind),
            Some(&NodeKind::Date {
                format: "D".into(),
                shift_ms: -7 * 86_400_000
            })
        );
        assert_eq!(
            nodes.get(2).map(|n| &n.kind),
            Some(&NodeKind::Criterion {
                key: "acc".into(),
                show: Show::Name
            })
        );
    }

    #[test]
    fn every_node_has_a_span() {
        let nodes = parse_nodes("x\n  {cursor}").unwrap_or_default();
        let spans: Vec<(u32, u32, usize, usize)> = nodes
            .iter()
            .map(|n| (n.span.line, n.span.column, n.span.start, n.span.end))
            .collect();
        assert_eq!(spans, [(1, 1, 0, 4), (2, 3, 4, 12)]);
    }

    #[test]
    fn too_long_sources_are_a_limit() {
        let e = parse_nodes(&"x".repeat(MAX_SOURCE_BYTES + 1)).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Limit));
    }
}
