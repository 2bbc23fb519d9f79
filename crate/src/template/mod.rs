//! The template language for justifications and rubric-criterion snippets (issue #3).
//!
//! The pipeline, one file per stage: [`lexer`] (text and `{…}` commands) → [`parser`] (a tree of
//! [`ast::Node`]s with spans, `{if}`/`{toggle}` blocks matched with `{else}`/`{end}`; `parts`
//! splits one command, `field_commands` checks the field commands, `commands` the others) →
//! [`render`](mod@render) (values, clock, nested snippets, rubric). [`dates`] does the civil-date
//! maths; [`fields`] describes the fill-in form. The language itself is
//! documented for users in `docs/templates.md`, whose examples are run by this module's tests.
//!
//! ```
//! use rubrica_core::template::{parse, render, Mode, RenderContext, Rendered};
//!
//! let t = parse("The better response is {choice: better; A | B}.{cursor}").expect("valid");
//! assert_eq!(t.fields()[0].name, "better");
//! let mut ctx = RenderContext::new(0);
//! assert!(matches!(render(&t, &ctx), Ok(Rendered::NeedsInput { .. })));
//! ctx.mode = Mode::UseDefaults;
//! assert_eq!(
//!     render(&t, &ctx),
//!     Ok(Rendered::Done { text: "The better response is A.".into(), cursors: vec![25] })
//! );
//! ```
//!
//! ## Untrusted input
//!
//! Templates come from users and imports. Parsing and rendering never panic; every problem is an
//! [`Error`](crate::error::Error) of kind `template` with a line, column and caret excerpt, or of
//! kind `limit` when a template is too long, nests too deep, runs out of its render budget
//! ("fuel") or would produce more than 1 MB.

pub mod ast;
mod commands;
pub mod context;
pub mod dates;
mod field_commands;
pub mod fields;
mod hints;
pub mod lexer;
pub mod library;
pub mod parser;
mod parts;
pub mod render;
#[doc(hidden)]
pub mod sample;

#[cfg(test)]
mod tests;

use crate::error::Result;
use ast::{Node, NodeKind};
pub use context::{
    Mode, NoSnippets, Output, RenderContext, Rendered, ResolvedSnippet, SnippetResolver,
    DEFAULT_FUEL, MAX_DEPTH, MAX_OUTPUT_BYTES,
};
pub use fields::{FieldKind, FieldSpec, FieldValue};
pub use render::{render, render_output};

/// A parsed template: its source (kept for error excerpts) and its nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    source: String,
    nodes: Vec<Node>,
}

/// Parses template source. Errors carry the line, column and a caret excerpt.
pub fn parse(src: &str) -> Result<Template> {
    Ok(Template {
        source: src.to_string(),
        nodes: parser::parse_nodes(src)?,
    })
}

impl Template {
    /// The source this template was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The top-level nodes.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The fields this template defines itself, in order of first appearance (fields of nested
    /// snippets are only known once rendered: see [`render_output`]). A name defined twice is
    /// listed once, as first defined.
    pub fn fields(&self) -> Vec<FieldSpec> {
        let mut out: Vec<FieldSpec> = Vec::new();
        collect_fields(&self.nodes, &mut out);
        out
    }
}

fn collect_fields(nodes: &[Node], out: &mut Vec<FieldSpec>) {
    for node in nodes {
        match &node.kind {
            NodeKind::Field { spec, .. } => add(spec, out),
            NodeKind::Toggle {
                spec,
                then,
                otherwise,
            } => {
                add(spec, out);
                collect_fields(then, out);
                collect_fields(otherwise, out);
            }
            NodeKind::If {
                then, otherwise, ..
            } => {
                collect_fields(then, out);
                collect_fields(otherwise, out);
            }
            _ => {}
        }
    }
}

fn add(spec: &FieldSpec, out: &mut Vec<FieldSpec>) {
    if !out.iter().any(|f| f.name == spec.name) {
        out.push(spec.clone());
    }
}
