//! The rubric paste parser: a rubric as copied from a platform's page — numbered or bulleted
//! lists, headings, “Criterion: description” lines, scales like 1–5 — split into criteria for the
//! user to review before saving. It never fails: what it cannot place it lists in `unplaced`.

pub use super::paste_lines::slug;
use super::paste_lines::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// One criterion found in the pasted text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PastedCriterion {
    /// A key made from the name (`instruction_following`), unique in the rubric.
    pub key: String,
    pub name: String,
    pub definition: String,
    /// 1 = first in the text.
    pub priority: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Marked “disqualifying”, “critical”, “automatic fail”, “must pass”…
    pub disqualifying: bool,
    /// Scale lines under the criterion (“1 = …”, “5 – …”), one per line.
    pub notes: String,
}

/// What the parser made of the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PastedRubric {
    /// A title line above the criteria, if any.
    pub name: String,
    /// The text under an “Ideal response” heading.
    pub ideal_response: String,
    pub criteria: Vec<PastedCriterion>,
    /// The rating scale, `[low, high]`, when the text names one (“1–5”, “scale of 1 to 7”).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<[u32; 2]>,
    /// Lines it could not place (shown to the user for review).
    pub unplaced: Vec<String>,
}

#[derive(PartialEq, Clone, Copy)]
enum Section {
    Start,
    Criteria,
    Ideal,
}

const SECTION_WORDS: &[&str] = &[
    "criteria",
    "rubric",
    "evaluation criteria",
    "rating criteria",
    "scoring",
    "scoring rubric",
    "grading rubric",
    "dimensions",
    "rating dimensions",
    "instructions",
    "guidelines",
    "scale",
    "rating scale",
    "ratings",
    "evaluation",
    "quality criteria",
];
const ATTRIBUTE_WORDS: &[&str] = &[
    "disqualifying",
    "critical",
    "weight",
    "note",
    "notes",
    "definition",
    "description",
    "example",
    "examples",
    "priority",
];
pub(super) const IDEAL_WORDS: &[&str] = &[
    "ideal response",
    "ideal answer",
    "the ideal response",
    "what a great response looks like",
    "gold response",
];
const DISQUALIFYING_WORDS: &[&str] = &[
    "disqualifying",
    "critical",
    "automatic fail",
    "auto-fail",
    "autofail",
    "must pass",
    "dealbreaker",
    "deal-breaker",
    "non-negotiable",
];

/// Parses pasted rubric text.
pub fn parse_rubric_text(text: &str) -> PastedRubric {
    let mut out = PastedRubric::default();
    let mut section = Section::Start;
    let lines: Vec<&str> = text.lines().collect();
    let mut list_indent: Option<usize> = None;
    for (i, raw) in lines.iter().enumerate() {
        let indent = raw.len() - raw.trim_start().len();
        let line = clean(raw);
        if line.is_empty() {
            continue;
        }
        if out.scale.is_none() {
            out.scale = find_scale(&line);
        }
        let lower = line.to_lowercase();
        let bare = lower.trim_end_matches(':').trim();
        // A top-level markdown heading before anything else is the rubric's name.
        if section == Section::Start
            && out.name.is_empty()
            && out.criteria.is_empty()
            && raw.trim_start().starts_with("# ")
        {
            out.name = line.trim_end_matches(':').to_string();
            continue;
        }
        // Section headings.
        if is_heading(raw, &line, lines.get(i + 1).copied())
            || line.ends_with(':') && words(&line) <= 5
        {
            if IDEAL_WORDS
                .iter()
                .any(|w| bare == *w || bare.starts_with(w))
            {
                section = Section::Ideal;
                continue;
            }
            if SECTION_WORDS
                .iter()
                .any(|w| bare == *w || bare.ends_with(&format!(" {w}")))
            {
                section = Section::Criteria;
                list_indent = None;
                continue;
            }
        }
        if let Some(rest) = ideal_inline(&line) {
            section = Section::Ideal;
            push_text(&mut out.ideal_response, rest);
            continue;
        }
        // Scale lines belong to the criterion above them.
        if let Some(scale_line) = scale_line(&line) {
            match out.criteria.last_mut() {
                Some(c) => push_line(&mut c.notes, scale_line),
                None => out.unplaced.push(line.clone()),
            }
            continue;
        }
        if let Some(item) = list_item(&line) {
            let nested = list_indent.is_some_and(|base| indent > base) && !out.criteria.is_empty();
            if nested && section != Section::Ideal {
                if let Some(c) = out.criteria.last_mut() {
                    push_line(&mut c.definition, item);
                }
                continue;
            }
            if section == Section::Ideal && !out.ideal_response.is_empty() && indent > 0 {
                push_line(&mut out.ideal_response, item);
                continue;
            }
            list_indent = Some(indent);
            section = Section::Criteria;
            add_criterion(&mut out, item);
            continue;
        }
        if is_heading(raw, &line, lines.get(i + 1).copied()) {
            section = Section::Criteria;
            add_criterion(&mut out, line.trim_end_matches(':'));
            continue;
        }
        if let Some((name, def)) = name_colon(&line) {
            // "Disqualifying: …", "Weight: 2", "Notes: …" under a criterion belong to it.
            if let Some(c) = out
                .criteria
                .last_mut()
                .filter(|_| ATTRIBUTE_WORDS.contains(&name.to_lowercase().as_str()))
            {
                let lower = line.to_lowercase();
                c.disqualifying |= DISQUALIFYING_WORDS.iter().any(|w| lower.contains(w));
                c.weight = c.weight.or(find_weight(&lower));
                if name.eq_ignore_ascii_case("weight") {
                    continue;
                }
                push_text(
                    &mut c.definition,
                    if c.disqualifying && name.eq_ignore_ascii_case("disqualifying") {
                        def
                    } else {
                        &line
                    },
                );
                continue;
            }
            section = Section::Criteria;
            add_criterion(&mut out, &format!("{name}: {def}"));
            continue;
        }
        match section {
            Section::Ideal => push_text(&mut out.ideal_response, &line),
            Section::Criteria => match out.criteria.last_mut() {
                Some(c) => push_text(&mut c.definition, &line),
                None => out.unplaced.push(line.clone()),
            },
            Section::Start if out.name.is_empty() && words(&line) <= 8 && !line.ends_with('.') => {
                out.name = line.trim_end_matches(':').to_string();
            }
            Section::Start => out.unplaced.push(line.clone()),
        }
    }
    let mut keys = BTreeSet::new();
    for (i, c) in out.criteria.iter_mut().enumerate() {
        c.priority = i as u32 + 1;
        let mut key = slug(&c.name);
        if key.is_empty() {
            key = format!("criterion_{}", i + 1);
        }
        let mut unique = key.clone();
        let mut n = 2;
        while !keys.insert(unique.clone()) {
            unique = format!("{key}_{n}");
            n += 1;
        }
        c.key = unique;
    }
    out
}

/// Splits an item into name and definition and reads weight and disqualifying marks from it.
fn add_criterion(out: &mut PastedRubric, item: &str) {
    let mut c = PastedCriterion::default();
    let (mut name, def) = split_item(item);
    let lower = item.to_lowercase();
    c.disqualifying = DISQUALIFYING_WORDS.iter().any(|w| lower.contains(w));
    c.weight = find_weight(&lower);
    // Drop bracketed marks from the name: "Safety (critical)", "Accuracy [40%]".
    if let Some(p) = name.find([' ', '(']).and_then(|_| name.find(['(', '['])) {
        name = name[..p].trim().to_string();
    }
    if words(&name) > 8 {
        c.definition = name.clone();
        name = name
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        name = name.trim_end_matches(['.', ',', ';']).to_string() + "…";
    }
    c.name = name.trim_end_matches([':', '.']).trim().to_string();
    if !def.is_empty() {
        push_text(&mut c.definition, &def);
    }
    out.criteria.push(c);
}

fn split_item(item: &str) -> (String, String) {
    for sep in [": ", " — ", " – ", " - "] {
        if let Some((n, d)) = item.split_once(sep) {
            if words(n) <= 8 {
                return (n.trim().to_string(), d.trim().to_string());
            }
        }
    }
    (item.trim().to_string(), String::new())
}
