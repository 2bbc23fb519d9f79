//! Snippet CSV, as written by several text expanders and by Rubrica's own CSV export.
//!
//! - Header detection is case-insensitive: trigger column `keyword`, `abbreviation`, `shortcut`,
//!   `trigger`, `abbr`; content column `content`, `snippet`, `text`, `phrase`, `expansion`;
//!   label column `name`, `label`, `description`; Rubrica's own `folder` and `tags` columns too.
//!   A file whose first row has no such names has no header: column 1 is the trigger, 2 the
//!   content, 3 (optional) the label.
//! - `,`, `;` or tab, whichever occurs most in the first line; a UTF-8 BOM is ignored; quoted
//!   cells may span lines.
//! - Content is literal text and is escaped for the template language, except in a file with
//!   Rubrica's exact export header ([`super::CSV_HEADER`]), whose content already is template
//!   source. Several triggers in one cell are separated by spaces.

use super::emit::escape;
use super::{import_error, new_snippet, Format, SnippetImport, CSV_HEADER};
use crate::error::Result;
use crate::ids::IdGen;

const TRIGGER: &[&str] = &[
    "keyword",
    "abbreviation",
    "shortcut",
    "trigger",
    "triggers",
    "abbr",
];
const CONTENT: &[&str] = &[
    "content",
    "snippet",
    "text",
    "phrase",
    "expansion",
    "template",
];
const LABEL: &[&str] = &["name", "label", "description", "title"];

/// Which column holds what.
#[derive(Debug, Default)]
struct Columns {
    trigger: usize,
    content: usize,
    label: Option<usize>,
    folder: Option<usize>,
    tags: Option<usize>,
}

/// Imports a snippet CSV file. Rows without a trigger or content are skipped with their row
/// number; a file that is not readable CSV is an error with the line.
pub fn import_csv(text: &str, ids: &mut IdGen, now: i64) -> Result<SnippetImport> {
    let text = text.trim_start_matches('\u{feff}');
    let mut plan = SnippetImport::new(Format::Csv);
    let delimiter = detect_delimiter(text);
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(import_error(format!(
            "A quoted cell that starts on line {line} is never closed (a \" is missing)"
        ))
        .at_line(line));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut last_line = 1;
    for r in reader.records() {
        let r = r.map_err(|e| {
            let line = e.position().map(|p| p.line() as u32).unwrap_or(last_line);
            import_error(format!("This CSV file cannot be read: {e}")).at_line(line)
        })?;
        last_line = r.position().map(|p| p.line() as u32).unwrap_or(last_line);
        records.push((last_line, r));
    }
    let Some((_, first)) = records.first() else {
        return Ok(plan);
    };
    let header: Vec<String> = first.iter().map(|c| c.trim().to_lowercase()).collect();
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let (cols, rubrica, skip_first) = match (find(TRIGGER), find(CONTENT)) {
        (Some(trigger), Some(content)) => (
            Columns {
                trigger,
                content,
                label: find(LABEL),
                folder: find(&["folder", "group"]),
                tags: find(&["tags"]),
            },
            header.join(",") == CSV_HEADER,
            true,
        ),
        (Some(_), None) | (None, Some(_)) => {
            return Err(import_error(
                "The header row names a trigger or a content column but not both; \
                 name them e.g. “keyword” and “content”",
            )
            .at_line(1))
        }
        (None, None) => (
            Columns {
                trigger: 0,
                content: 1,
                label: Some(2),
                ..Columns::default()
            },
            false,
            false,
        ),
    };
    let data = records.iter().skip(usize::from(skip_first));
    for (row, (line, r)) in data.enumerate() {
        let row = Some(row as u32 + 1);
        let cell = |i: Option<usize>| i.and_then(|i| r.get(i)).unwrap_or("").to_string();
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let triggers: Vec<String> = cell(Some(cols.trigger))
            .split_whitespace()
            .map(String::from)
            .collect();
        let content = lf_line_ends(&cell(Some(cols.content)));
        let label = cell(cols.label).trim().to_string();
        let name = if label.is_empty() {
            triggers.join(" ")
        } else {
            label.clone()
        };
        if triggers.is_empty() {
            plan.skip(*line, row, &name, "the trigger cell is empty");
            continue;
        }
        if content.is_empty() {
            plan.skip(*line, row, &name, "the content cell is empty");
            continue;
        }
        let mut s = new_snippet(ids, now);
        s.triggers = triggers;
        s.label = label;
        s.template = if rubrica { content } else { escape(&content) };
        // Rubrica's own export leaves out default options; other expanders' triggers are exact.
        s.propagate_case = rubrica;
        s.folder = match cell(cols.folder).trim() {
            "" if rubrica => String::new(),
            "" => "Imported".into(),
            f => f.to_string(),
        };
        s.tags = cell(cols.tags)
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect();
        plan.add(s, *line, row);
    }
    Ok(plan)
}

/// The line where a quoted cell starts that is still open at the end of the file (the CSV reader
/// would silently swallow the rest of the file into it). A `"` inside an unquoted cell is literal.
/// CRLF line ends (and stray CRs just before a line end, as in `\r\r\n` from a file converted
/// twice) become `\n`. A plain `replace("\r\n", "\n")` turned `\r\r\n` into `\r\n`, so importing
/// Rubrica's own export of the result changed the content again.
fn lf_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut crs = 0;
    for c in text.chars() {
        match c {
            '\r' => crs += 1,
            '\n' => {
                crs = 0;
                out.push('\n');
            }
            _ => {
                out.extend(std::iter::repeat_n('\r', crs));
                crs = 0;
                out.push(c);
            }
        }
    }
    out.extend(std::iter::repeat_n('\r', crs));
    out
}

fn unclosed_quote(text: &str, delimiter: u8) -> Option<u32> {
    let delimiter = char::from(delimiter);
    let mut line = 1;
    let mut opened_on = None;
    let mut field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if opened_on.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    opened_on = None;
                }
            }
            continue;
        }
        if field_start && c == '"' {
            opened_on = Some(line);
        }
        field_start = c == delimiter || c == '\n';
    }
    opened_on
}

/// `,`, `;` or tab: whichever occurs most in the first line (outside quotes), `,` on a tie.
fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'].get(best).copied().unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Result<SnippetImport> {
        import_csv(text, &mut IdGen::new([5; 16]), 7)
    }

    #[test]
    fn header_names_are_case_insensitive_and_reordered() -> Result<()> {
        let plan = run("\u{feff}Name;Snippet;Abbreviation\nGreeting;\"Hi {name},\nthanks\";hi\n")?;
        assert_eq!(plan.added.len(), 1);
        let s = &plan.added[0];
        assert_eq!(s.triggers, vec!["hi".to_string()]);
        assert_eq!(s.label, "Greeting");
        assert_eq!(s.template, "Hi \\{name\\},\nthanks");
        assert_eq!(s.folder, "Imported");
        Ok(())
    }

    #[test]
    fn headerless_files_use_positions_and_rows_are_numbered() -> Result<()> {
        let plan = run(";a,Alpha,First\n,no trigger\n;c,\n;d,Delta\n")?;
        assert_eq!(plan.added.len(), 2);
        assert_eq!(plan.added[0].label, "First");
        assert_eq!(plan.added[1].label, "");
        let rows: Vec<_> = plan.skipped.iter().map(|s| (s.row, s.line)).collect();
        assert_eq!(rows, vec![(Some(2), 2), (Some(3), 3)]);
        Ok(())
    }

    /// Found by the `import_csv` fuzz target: content with `\r\r\n` was imported as `\r\n`, and
    /// importing Rubrica's CSV export of that snippet changed it again to `\n`.
    #[test]
    fn stray_cr_before_crlf_normalises_in_one_import() -> Result<()> {
        let plan = run(";a,\"one\r\r\ntwo\rthree\r\"\n")?;
        assert_eq!(plan.added[0].template, "one\ntwo\rthree\r");
        let exported = super::super::export_csv(&plan.added)?;
        let again = run(&exported.text)?;
        assert_eq!(again.added[0].template, plan.added[0].template);
        Ok(())
    }

    #[test]
    fn malformed_files_name_the_line() {
        let e = run("keyword,content\n;a,\"never closed\n;b,x\n").err();
        assert_eq!(e.and_then(|e| e.line), Some(2));
        // A quote inside an unquoted cell is literal, not an open quote.
        let plan = run("keyword,content\n;tv,The screen is 5\" wide\n");
        assert_eq!(plan.map(|p| p.added.len()), Ok(1));
        let e = run("keyword,notes\n;a,x\n").err();
        assert_eq!(e.and_then(|e| e.line), Some(1));
    }
}
