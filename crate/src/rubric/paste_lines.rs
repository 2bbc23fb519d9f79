//! Reading one line of a pasted rubric: cleaning, headings, list items, scale lines, “Name:
//! definition” lines, weights, scales and key slugs (the parser is `paste.rs`).

use super::paste::IDEAL_WORDS;

/// The line without markdown emphasis and surrounding white space.
pub(super) fn clean(raw: &str) -> String {
    raw.trim()
        .trim_start_matches('#')
        .replace("**", "")
        .replace("__", "")
        .replace('`', "")
        .trim()
        .to_string()
}

pub(super) fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A markdown heading, or a short line without end punctuation that is followed by a line of text.
pub(super) fn is_heading(raw: &str, line: &str, next: Option<&str>) -> bool {
    let t = raw.trim_start();
    if t.starts_with('#') {
        return true;
    }
    let next_is_text = next.is_some_and(|n| {
        let n = clean(n);
        !n.is_empty() && list_item(&n).is_none() && scale_line(&n).is_none()
    });
    words(line) <= 5
        && !line.ends_with(['.', '!', '?', ',', ';'])
        && !line.contains(": ")
        && next_is_text
        && line.chars().next().is_some_and(|c| c.is_uppercase())
        && raw.starts_with(|c: char| !c.is_whitespace())
}

/// The text of a list item: `1.`, `1)`, `a)`, `-`, `*`, `•`, `–`, `▪` markers.
pub(super) fn list_item(line: &str) -> Option<&str> {
    let t = line.trim_start_matches('#').trim_start();
    for marker in ["- ", "* ", "• ", "● ", "▪ ", "– ", "— ", "◦ ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let alpha = t.chars().next().is_some_and(|c| c.is_ascii_lowercase()) as usize;
    let n = if digits > 0 { digits } else { alpha };
    if n == 0 || n > 3 {
        return None;
    }
    let rest = &t[n..];
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))
        .or_else(|| (digits > 0).then(|| rest.strip_prefix(".\t")).flatten())?;
    Some(rest.trim())
}

/// A scale line such as `1 = poor`, `5 – Excellent: no errors`, `3 (acceptable)`.
pub(super) fn scale_line(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(['-', '*', '•']).trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = t[digits..].trim_start();
    if rest.starts_with(['=', '–', '—', '(', ':'])
        || rest.starts_with("- ")
        || rest.starts_with("pts")
        || rest.starts_with("point")
    {
        Some(t)
    } else {
        None
    }
}

/// “Ideal response: …” on one line.
pub(super) fn ideal_inline(line: &str) -> Option<&str> {
    let (head, rest) = line.split_once(':')?;
    let head = head.trim().to_lowercase();
    (IDEAL_WORDS.contains(&head.as_str()) && !rest.trim().is_empty()).then(|| rest.trim())
}

/// “Name: description” where the name is short and starts with a capital.
pub(super) fn name_colon(line: &str) -> Option<(&str, &str)> {
    let (name, def) = line.split_once(':')?;
    let name = name.trim();
    let ok = !name.is_empty()
        && words(name) <= 6
        && name.chars().next().is_some_and(|c| c.is_uppercase())
        && !def.trim().is_empty()
        && !name.contains("http");
    ok.then(|| (name, def.trim()))
}

/// “(weight 2)”, “weight: 0.3”, “(30%)”, “x2”.
pub(super) fn find_weight(lower: &str) -> Option<f64> {
    if let Some(p) = lower.find("weight") {
        let rest = lower[p + 6..].trim_start_matches([':', ' ', '=']);
        let num: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if let Ok(w) = num.parse::<f64>() {
            return Some(w);
        }
    }
    if let Some(p) = lower.find('%') {
        let head = &lower[..p];
        let num: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if let Ok(w) = num.parse::<f64>() {
            return Some(w / 100.0);
        }
    }
    None
}

/// A scale named in the line: “1–5”, “1-5”, “1 to 7”, “scale of 1 to 10”.
pub(super) fn find_scale(line: &str) -> Option<[u32; 2]> {
    let lower = line.to_lowercase();
    if !(lower.contains("scale")
        || lower.contains("rate")
        || lower.contains("rating")
        || lower.contains("score"))
    {
        return None;
    }
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let a: String = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            let after: String = chars[i + a.len()..].iter().collect();
            let after = after.trim_start();
            let rest = after
                .strip_prefix('–')
                .or_else(|| after.strip_prefix('-'))
                .or_else(|| after.strip_prefix('—'))
                .or_else(|| after.strip_prefix("to "));
            if let Some(rest) = rest {
                let b: String = rest
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if let (Ok(lo), Ok(hi)) = (a.parse::<u32>(), b.parse::<u32>()) {
                    if lo < hi && hi <= 10 {
                        return Some([lo, hi]);
                    }
                }
            }
            i += a.len();
        } else {
            i += 1;
        }
    }
    None
}

pub(super) fn push_text(into: &mut String, text: &str) {
    if !into.is_empty() {
        into.push(' ');
    }
    into.push_str(text.trim());
}

pub(super) fn push_line(into: &mut String, text: &str) {
    if !into.is_empty() {
        into.push('\n');
    }
    into.push_str(text.trim());
}

/// `Instruction following` → `instruction_following`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim_end_matches('…').chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
        if out.len() >= 32 {
            break;
        }
    }
    out.trim_end_matches('_').to_string()
}
