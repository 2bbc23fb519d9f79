//! The renderer: fills a parsed template with the caller's values, the injected clock, the
//! clipboard, nested snippets and the active rubric.
//!
//! Rendering runs in two walks. The first visits every branch (taken or not) and every nested
//! snippet: it gathers the fields in order of first appearance, resolves nested snippets
//! (detecting cycles and a depth limit) and checks rubric references. The second walk emits text
//! for the branches that are taken, and checks `{=name}` and `{if}` references in all branches.
//! Every node visited in either walk costs one unit of fuel; running out is a
//! [`ErrorKind::Limit`] error, as is output longer than [`MAX_OUTPUT_BYTES`]. The types a
//! render reads and answers are in [`super::context`]; what a field, condition or criterion reads
//! as is in `lookup.rs`.

mod lookup;

use super::ast::{Node, NodeKind, Span};
use super::context::{
    Mode, Output, RenderContext, Rendered, ResolvedSnippet, MAX_DEPTH, MAX_OUTPUT_BYTES,
};
use super::dates::format_time;
use super::fields::{FieldSpec, FieldValue};
use super::{parse, Template};
use crate::error::{Error, ErrorKind, Result};
use std::cell::Cell;
use std::collections::BTreeMap;

/// Renders `template` with `ctx`.
pub fn render(template: &Template, ctx: &RenderContext<'_>) -> Result<Rendered> {
    render_output(template, ctx).map(|o| o.rendered)
}

/// Renders `template` with `ctx` and also returns its fields.
pub fn render_output(template: &Template, ctx: &RenderContext<'_>) -> Result<Output> {
    let mut s = Session {
        ctx,
        fuel: ctx.fuel,
        fields: Vec::new(),
        joins: BTreeMap::new(),
        values: BTreeMap::new(),
        nested: BTreeMap::new(),
        chain: Vec::new(),
        wrapped: Cell::new(false),
        out: String::new(),
        utf16: 0,
        cursors: Vec::new(),
    };
    s.collect(template.nodes(), template.source())?;
    let mut missing = false;
    for spec in &s.fields {
        match ctx.values.get(&spec.name) {
            Some(v) => {
                let v = spec
                    .accept(v)
                    .map_err(|m| Error::new(ErrorKind::Template, m))?;
                s.values.insert(spec.name.clone(), v);
            }
            None => missing = true,
        }
    }
    let ask = missing && ctx.mode == Mode::Interactive;
    s.walk(template.nodes(), template.source(), !ask)?;
    let rendered = if ask {
        Rendered::NeedsInput {
            fields: s.fields.clone(),
        }
    } else {
        Rendered::Done {
            text: std::mem::take(&mut s.out),
            cursors: std::mem::take(&mut s.cursors),
        }
    };
    Ok(Output {
        rendered,
        fields: s.fields,
    })
}

struct Session<'c, 'a> {
    ctx: &'c RenderContext<'a>,
    fuel: u64,
    fields: Vec<FieldSpec>,
    joins: BTreeMap<String, String>,
    values: BTreeMap<String, FieldValue>,
    /// Nested snippets by reference: their name and parsed template.
    nested: BTreeMap<String, (ResolvedSnippet, Template)>,
    chain: Vec<String>,
    /// Whether an error has already been placed in a nested snippet (see `wrap`).
    wrapped: Cell<bool>,
    out: String,
    utf16: usize,
    cursors: Vec<u32>,
}

fn err(kind: ErrorKind, src: &str, span: Span, msg: String) -> Error {
    Error::new(kind, msg).at(src, span.line, span.column)
}

impl Session<'_, '_> {
    /// Moves an error from a nested snippet's source onto the `{snippet}` command in `src`. The
    /// innermost snippet's name and position go into the message once; outer levels only move
    /// the position, so the error ends up on the command the user wrote.
    fn wrap(&self, e: Error, name: &str, src: &str, span: Span) -> Error {
        let message = match (e.line, e.column, self.wrapped.get()) {
            (Some(l), Some(c), false) => {
                self.wrapped.set(true);
                format!(
                    "in the snippet “{name}”, line {l}, column {c}: {}",
                    e.message
                )
            }
            _ => e.message,
        };
        Error::new(e.kind, message).at(src, span.line, span.column)
    }

    fn burn(&mut self, src: &str, span: Span) -> Result<()> {
        self.fuel = self.fuel.checked_sub(1).ok_or_else(|| {
            err(ErrorKind::Limit, src, span, "this template does too much work (its render budget ran out); look for snippets included many times".into())
        })?;
        Ok(())
    }

    fn collect(&mut self, nodes: &[Node], src: &str) -> Result<()> {
        for node in nodes {
            self.burn(src, node.span)?;
            match &node.kind {
                NodeKind::Field { spec, join } => {
                    self.define(spec, src, node.span)?;
                    self.joins
                        .entry(spec.name.clone())
                        .or_insert_with(|| join.clone());
                }
                NodeKind::Toggle {
                    spec,
                    then,
                    otherwise,
                } => {
                    self.define(spec, src, node.span)?;
                    self.collect(then, src)?;
                    self.collect(otherwise, src)?;
                }
                NodeKind::If {
                    then, otherwise, ..
                } => {
                    self.collect(then, src)?;
                    self.collect(otherwise, src)?;
                }
                NodeKind::Snippet(reference) => self.include(reference, src, node.span)?,
                NodeKind::Criterion { key, show } => {
                    self.criterion(key, *show)
                        .map_err(|m| err(ErrorKind::Template, src, node.span, m))?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn define(&mut self, spec: &FieldSpec, src: &str, span: Span) -> Result<()> {
        match self.fields.iter().find(|f| f.name == spec.name) {
            Some(f) if f.kind != spec.kind => Err(err(
                ErrorKind::Template,
                src,
                span,
                format!("“{}” is already a {} field, so it cannot also be a {} field; give one of them another name", spec.name, f.kind.command(), spec.kind.command()),
            )),
            Some(_) => Ok(()),
            None => {
                self.fields.push(spec.clone());
                Ok(())
            }
        }
    }

    fn include(&mut self, reference: &str, src: &str, span: Span) -> Result<()> {
        let Some(found) = self.ctx.resolver.resolve(reference) else {
            return Err(err(
                ErrorKind::Template,
                src,
                span,
                format!("no snippet has the trigger or label “{reference}”"),
            ));
        };
        if let Some(pos) = self.chain.iter().position(|k| *k == found.key) {
            let mut names: Vec<&str> = self
                .chain
                .get(pos..)
                .unwrap_or_default()
                .iter()
                .map(|k| self.name_of(k))
                .collect();
            names.push(&found.name);
            let msg = format!(
                "snippets include each other in a loop: {}",
                names.join(" → ")
            );
            return Err(err(ErrorKind::Template, src, span, msg));
        }
        if self.chain.len() >= MAX_DEPTH {
            let msg = format!(
                "snippets are nested more than {MAX_DEPTH} deep; “{}” cannot include another",
                self.chain.last().map_or("", |k| self.name_of(k))
            );
            return Err(err(ErrorKind::Limit, src, span, msg));
        }
        let template = match self.nested.get(reference) {
            Some((_, t)) => t.clone(),
            None => parse(&found.template).map_err(|e| self.wrap(e, &found.name, src, span))?,
        };
        self.chain.push(found.key.clone());
        let name = found.name.clone();
        self.nested
            .insert(reference.to_string(), (found, template.clone()));
        let result = self.collect(template.nodes(), template.source());
        self.chain.pop();
        result.map_err(|e| self.wrap(e, &name, src, span))
    }

    fn name_of<'k>(&'k self, key: &'k str) -> &'k str {
        self.nested
            .values()
            .find(|(r, _)| r.key == key)
            .map_or(key, |(r, _)| r.name.as_str())
    }

    fn emit(&mut self, text: &str, src: &str, span: Span) -> Result<()> {
        if self.out.len() + text.len() > MAX_OUTPUT_BYTES {
            return Err(err(
                ErrorKind::Limit,
                src,
                span,
                "the result would be longer than 1 MB".into(),
            ));
        }
        self.out.push_str(text);
        self.utf16 += text.encode_utf16().count();
        Ok(())
    }

    fn walk(&mut self, nodes: &[Node], src: &str, emit: bool) -> Result<()> {
        for node in nodes {
            self.burn(src, node.span)?;
            let span = node.span;
            let text = match &node.kind {
                NodeKind::Text(t) => t.clone(),
                NodeKind::Field { spec, .. } => self.shown(&spec.name),
                NodeKind::Ref(name) => {
                    self.known(name, src, span)?;
                    self.shown(name)
                }
                NodeKind::Toggle {
                    spec,
                    then,
                    otherwise,
                } => {
                    let on = matches!(self.value(&spec.name), Some(FieldValue::Bool(true)));
                    self.walk(then, src, emit && on)?;
                    self.walk(otherwise, src, emit && !on)?;
                    continue;
                }
                NodeKind::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    self.known(cond.field(), src, span)?;
                    let yes = self.test(cond);
                    self.walk(then, src, emit && yes)?;
                    self.walk(otherwise, src, emit && !yes)?;
                    continue;
                }
                NodeKind::Date { format, shift_ms } => {
                    format_time(self.ctx.now_ms, self.ctx.tz_offset_min, *shift_ms, format)
                }
                NodeKind::Clipboard => self.ctx.clipboard.clone().unwrap_or_default(),
                NodeKind::Cursor => {
                    if emit {
                        self.cursors
                            .push(u32::try_from(self.utf16).unwrap_or(u32::MAX));
                    }
                    continue;
                }
                NodeKind::Capture(name) => self.ctx.captures.get(name).cloned().unwrap_or_default(),
                NodeKind::Criterion { key, show } => self
                    .criterion(key, *show)
                    .map_err(|m| err(ErrorKind::Template, src, span, m))?,
                NodeKind::Snippet(reference) => {
                    let Some((found, template)) = self.nested.get(reference).cloned() else {
                        return Err(err(
                            ErrorKind::Internal,
                            src,
                            span,
                            "a nested snippet was not resolved; please report this".into(),
                        ));
                    };
                    self.walk(template.nodes(), template.source(), emit)
                        .map_err(|e| self.wrap(e, &found.name, src, span))?;
                    continue;
                }
            };
            if emit {
                self.emit(&text, src, span)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_capped_at_one_megabyte() {
        let t = parse(&"{clipboard}".repeat(11)).unwrap_or_else(|e| panic!("{e}"));
        let mut ctx = RenderContext::new(0);
        ctx.clipboard = Some("x".repeat(100 * 1024));
        let e = render(&t, &ctx).err();
        assert_eq!(e.as_ref().map(|e| e.kind), Some(ErrorKind::Limit));
        assert_eq!(e.and_then(|e| e.column), Some(111));
    }

    #[test]
    fn fuel_counts_every_node() {
        let t = parse("a{cursor}b").unwrap_or_else(|e| panic!("{e}"));
        let mut ctx = RenderContext::new(0);
        ctx.fuel = 6; // 3 nodes, visited twice
        assert!(render(&t, &ctx).is_ok());
        ctx.fuel = 5;
        assert_eq!(
            render(&t, &ctx).err().map(|e| e.kind),
            Some(ErrorKind::Limit)
        );
    }

    #[test]
    fn interactive_mode_asks_only_when_a_value_is_missing() {
        let t = parse("{text: a}{text: b; default=x}").unwrap_or_else(|e| panic!("{e}"));
        let mut ctx = RenderContext::new(0);
        ctx.values.insert("a".into(), FieldValue::Text("1".into()));
        assert!(matches!(render(&t, &ctx), Ok(Rendered::NeedsInput { .. })));
        ctx.values.insert("b".into(), FieldValue::Text("2".into()));
        assert_eq!(
            render(&t, &ctx),
            Ok(Rendered::Done {
                text: "12".into(),
                cursors: vec![]
            })
        );
    }
}
