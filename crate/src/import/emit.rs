//! Writing Rubrica template source from converted pieces: escaping literal text, naming fields,
//! first use vs. later uses of a field, and chrono `strftime` formats to date tokens.

use std::collections::BTreeSet;

/// Escapes literal text for a template: `\` → `\\`, `{` → `\{`, `}` → `\}`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '{' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes an option of `{choice: …}` / `{multi: …}` or a `default=`: like [`escape`], and
/// also `|` and `;`, which separate options and parameters, and `=`, which would make an option
/// such as `ratio=2` read as a setting.
pub fn escape_option(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '{' | '}' | '|' | ';' | '=') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A field name the template language accepts: ASCII letters, digits, `_` and `-`; anything
/// else becomes `_`, and an empty name becomes `field`.
pub fn field_name(raw: &str) -> String {
    let name: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() {
        "field".into()
    } else {
        name
    }
}

/// Remembers which fields a template has declared: the first use declares (`{text: name}`), every
/// later use reuses the value (`{=name}`).
#[derive(Debug, Default)]
pub struct Fields {
    declared: BTreeSet<String>,
}

impl Fields {
    /// `declaration` the first time `name` is seen, `{=name}` afterwards.
    pub fn use_field(&mut self, name: &str, declaration: impl FnOnce() -> String) -> String {
        if self.declared.insert(name.to_string()) {
            declaration()
        } else {
            format!("{{={name}}}")
        }
    }
}

/// One piece of a converted date format.
#[derive(Debug, PartialEq)]
enum Piece {
    Token(&'static str),
    Lit(String),
}

/// Converts a chrono `strftime` format (`%Y-%m-%d`) and an offset in seconds into Rubrica
/// template source (`{date: YYYY-MM-DD; shift=+2d}`). Literal words are kept outside the date tags
/// so that their letters are never read as tokens. Returns the source and what could not be
/// converted (unsupported specifiers are dropped, each named).
pub fn date_template(format: &str, offset_secs: i64) -> (String, Vec<String>) {
    let mut problems = Vec::new();
    let mut pieces = Vec::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            push_lit(&mut pieces, c);
            continue;
        }
        let mut spec = String::from("%");
        while let Some(&flag) = chars.peek() {
            if matches!(flag, '-' | '_' | '0' | '^' | '#') {
                spec.push(flag);
                chars.next();
            } else {
                break;
            }
        }
        let Some(letter) = chars.next() else {
            problems.push("a trailing “%” in the date format was dropped".to_string());
            break;
        };
        spec.push(letter);
        let unpadded = spec.contains('-');
        let tokens: &[&'static str] = match (letter, unpadded) {
            ('Y', _) => &["YYYY"],
            ('y', _) => &["YY"],
            ('B', _) => &["MMMM"],
            ('b' | 'h', _) => &["MMM"],
            ('m', false) => &["MM"],
            ('m', true) => &["M"],
            ('d', false) => &["DD"],
            ('d', true) | ('e', _) => &["D"],
            ('A', _) => &["dddd"],
            ('a', _) => &["ddd"],
            ('H', false) => &["HH"],
            ('H', true) | ('k', _) => &["H"],
            ('I', false) => &["hh"],
            ('I', true) | ('l', _) => &["h"],
            ('M', _) => &["mm"],
            ('S', _) => &["ss"],
            ('p' | 'P', _) => &["A"],
            ('F', _) => &["YYYY", "-", "MM", "-", "DD"],
            ('D', _) => &["MM", "/", "DD", "/", "YY"],
            ('T', _) => &["HH", ":", "mm", ":", "ss"],
            ('R', _) => &["HH", ":", "mm"],
            ('%', _) => {
                push_lit(&mut pieces, '%');
                continue;
            }
            ('n', _) => {
                push_lit(&mut pieces, '\n');
                continue;
            }
            ('t', _) => {
                push_lit(&mut pieces, '\t');
                continue;
            }
            _ => {
                problems.push(format!("the date specifier “{spec}” has no Rubrica token"));
                continue;
            }
        };
        for t in tokens {
            if matches!(*t, "-" | "/" | ":") {
                push_lit(&mut pieces, t.chars().next().unwrap_or('-'));
            } else {
                pieces.push(Piece::Token(t));
            }
        }
        if letter == 'P' {
            problems.push("“%P” (lower-case am/pm) became “A” (upper case)".into());
        }
    }
    let (shift, shift_note) = shift_param(offset_secs);
    problems.extend(shift_note);
    (assemble(&pieces, &shift), problems)
}

fn push_lit(pieces: &mut Vec<Piece>, c: char) {
    if let Some(Piece::Lit(s)) = pieces.last_mut() {
        s.push(c);
    } else {
        pieces.push(Piece::Lit(c.to_string()));
    }
}

/// Literal text that may stay inside a date tag between two tokens.
fn safe_inside(lit: &str) -> bool {
    lit.chars()
        .all(|c| matches!(c, ' ' | '-' | '/' | '.' | ',' | ':'))
}

/// Groups runs of tokens (with safe separators between them) into date tags.
fn assemble(pieces: &[Piece], shift: &str) -> String {
    let mut out = String::new();
    let mut group = String::new();
    let mut pending_sep = String::new();
    let close = |out: &mut String, group: &mut String| {
        if !group.is_empty() {
            out.push_str(&format!("{{date: {group}{shift}}}"));
            group.clear();
        }
    };
    for p in pieces {
        match p {
            Piece::Token(t) => {
                group.push_str(&pending_sep);
                pending_sep.clear();
                group.push_str(t);
            }
            Piece::Lit(l) if !group.is_empty() && safe_inside(l) => pending_sep.push_str(l),
            Piece::Lit(l) => {
                close(&mut out, &mut group);
                out.push_str(&escape(&pending_sep));
                pending_sep.clear();
                out.push_str(&escape(l));
            }
        }
    }
    close(&mut out, &mut group);
    out.push_str(&escape(&pending_sep));
    out
}

/// `; shift=+2d` for an offset in seconds (days, hours or minutes, whichever divides it).
fn shift_param(secs: i64) -> (String, Option<String>) {
    if secs == 0 {
        return (String::new(), None);
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    let (n, unit) = if abs % 86_400 == 0 {
        (abs / 86_400, 'd')
    } else if abs % 3_600 == 0 {
        (abs / 3_600, 'h')
    } else {
        (abs / 60, 'm')
    };
    let note =
        (abs % 60 != 0).then(|| format!("the date offset of {secs} s was rounded to minutes"));
    (format!("; shift={sign}{n}{unit}"), note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_literals_and_options() {
        assert_eq!(escape(r"a {b} \c"), r"a \{b\} \\c");
        assert_eq!(escape_option("A | B; {c}"), r"A \| B\; \{c\}");
        assert_eq!(field_name(" my field!"), "my_field_");
        assert_eq!(field_name(""), "field");
    }

    /// Found by the `import_espanso` fuzz target: a choice value with `=` after a word
    /// (`Response=A`) was written unescaped and read back as a setting, so the template failed
    /// to parse.
    #[test]
    fn option_with_equals_sign_stays_an_option() {
        let source = format!(
            "{{choice: v; {} | {}; default={}}}",
            escape_option("Response==A"),
            escape_option("x = y"),
            escape_option("Response==A")
        );
        let t = crate::template::parse(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let options = t.fields().first().map(|f| f.options.clone());
        assert_eq!(
            options,
            Some(vec!["Response==A".to_string(), "x = y".to_string()])
        );
    }

    #[test]
    fn fields_declare_once() {
        let mut f = Fields::default();
        assert_eq!(f.use_field("r", || "{text: r}".into()), "{text: r}");
        assert_eq!(f.use_field("r", || "{text: r}".into()), "{=r}");
    }

    #[test]
    fn strftime_becomes_tokens() {
        assert_eq!(date_template("%Y-%m-%d", 0).0, "{date: YYYY-MM-DD}");
        assert_eq!(
            date_template("%d/%m/%Y", 172_800).0,
            "{date: DD/MM/YYYY; shift=+2d}"
        );
        assert_eq!(
            date_template("%F %T", -3600).0,
            "{date: YYYY-MM-DD HH:mm:ss; shift=-1h}"
        );
        assert_eq!(date_template("%-d %B, %A", 0).0, "{date: D MMMM, dddd}");
        assert_eq!(
            date_template("Week of %b %e (%I:%M %p)", 0).0,
            "Week of {date: MMM D} ({date: hh:mm A})"
        );
        let (src, problems) = date_template("%Y %j 100%%", 90);
        assert_eq!(src, "{date: YYYY; shift=+1m}  100%");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
