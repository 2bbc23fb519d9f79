//! How the import preview shows a snippet's text: as the fill-in form shows it, with each field
//! as a box (`[reason]`, a choice as `[A | B]`) instead of the template's syntax, and the other
//! commands named in brackets (`[date]`, `[clipboard]`). A template that does not parse is shown
//! as its source (the import skips it anyway, with the reason).

use crate::template::ast::{Node, NodeKind};
use crate::template::{self, FieldKind, FieldSpec};

/// The preview text of template `source` (see the module docs).
pub fn outline(source: &str) -> String {
    match template::parse(source) {
        Ok(t) => {
            let mut out = String::new();
            nodes(t.nodes(), &mut out);
            out
        }
        Err(_) => source.to_string(),
    }
}

fn field(spec: &FieldSpec) -> String {
    let name = spec.label.as_deref().unwrap_or(&spec.name);
    match spec.kind {
        FieldKind::Choice | FieldKind::Multi if !spec.options.is_empty() => {
            format!("[{}]", spec.options.join(" | "))
        }
        FieldKind::Paragraph => format!("[{name} …]"),
        _ => format!("[{name}]"),
    }
}

fn nodes(list: &[Node], out: &mut String) {
    for n in list {
        match &n.kind {
            NodeKind::Text(t) => out.push_str(t),
            NodeKind::Field { spec, .. } => out.push_str(&field(spec)),
            NodeKind::Toggle { spec, then, .. } => {
                out.push_str(&format!(
                    "[{}: ",
                    spec.label.as_deref().unwrap_or(&spec.name)
                ));
                nodes(then, out);
                out.push(']');
            }
            NodeKind::If { then, .. } => nodes(then, out),
            NodeKind::Ref(name) | NodeKind::Capture(name) => out.push_str(&format!("[{name}]")),
            NodeKind::Date { .. } => out.push_str("[date]"),
            NodeKind::Clipboard => out.push_str("[clipboard]"),
            NodeKind::Cursor => {}
            NodeKind::Snippet(name) => out.push_str(&format!("[snippet {name}]")),
            NodeKind::Criterion { key, .. } => out.push_str(&format!("[criterion {key}]")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_show_as_boxes_not_syntax() {
        assert_eq!(
            outline("{choice: v; Response A | Response B} is better because {paragraph: reason}.{cursor} {=v}"),
            "[Response A | Response B] is better because [reason …]. [v]"
        );
        assert_eq!(
            outline("On {date: YYYY-MM-DD}: {text: who; default=x}"),
            "On [date]: [who]"
        );
        assert_eq!(outline("Plain \\{braces\\}"), "Plain {braces}");
        assert_eq!(outline("{bad"), "{bad");
    }
}
