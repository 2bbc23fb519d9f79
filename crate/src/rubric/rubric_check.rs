//! The rubric checker: runs as the user edits a rubric and flags criteria that join several
//! dimensions, subjective wording with no measurable standard, references to material the rubric
//! does not include, generic criteria that could apply to any task, and a missing ideal-response
//! description. Each finding names the text (criterion name or definition) and the span in it.

use super::rules::{self, *};
use super::text::{find_phrase, has_digit, lower_same_len, words, Utf16Map};
use super::{Finding, Target};
use serde::Deserialize;

/// One criterion as the editor holds it (unsaved: any field may be empty).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CriterionText {
    pub key: String,
    pub name: String,
    pub definition: String,
}

/// What the rubric checker reads: the editor's current text.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RubricText {
    pub name: String,
    pub ideal_response: String,
    pub criteria: Vec<CriterionText>,
    /// Rule ids turned off (Settings → `checker.offRules`).
    pub off_rules: Vec<String>,
}

fn finding(
    rule_id: &str,
    target: Target,
    text: &str,
    at: Option<(usize, usize)>,
    message: String,
) -> Finding {
    let map = Utf16Map::new(text);
    Finding {
        rule: rule_id.to_string(),
        target,
        span: at.map(|(s, e)| map.span(s, e)),
        message,
        suggestion: rules::rule(rule_id)
            .map(|r| r.suggestion)
            .unwrap_or_default()
            .to_string(),
    }
}

/// Checks a rubric; findings in editor order (ideal response first, then criterion by criterion).
pub fn check_rubric(rubric: &RubricText) -> Vec<Finding> {
    let on = |id: &str| !rubric.off_rules.iter().any(|r| r == id);
    let mut out = Vec::new();
    if on(IDEAL_RESPONSE) && rubric.ideal_response.trim().is_empty() {
        out.push(finding(
            IDEAL_RESPONSE,
            Target::IdealResponse,
            "",
            None,
            "The rubric has no description of the ideal response.".into(),
        ));
    }
    for (index, c) in rubric.criteria.iter().enumerate() {
        let label = if c.name.trim().is_empty() {
            format!("Criterion {}", index + 1)
        } else {
            format!("“{}”", c.name.trim())
        };
        if on(ATOMICITY) {
            if let Some(f) = atomicity(&c.name, Target::CriterionName { index }, &label) {
                out.push(f);
            } else if let Some(f) =
                atomicity(&c.definition, Target::CriterionDefinition { index }, &label)
            {
                out.push(f);
            }
        }
        if on(OBJECTIVITY) {
            out.extend(objectivity(&c.definition, index, &label));
        }
        if on(SELF_CONTAINED) {
            for text_target in [
                (&c.name, Target::CriterionName { index }),
                (&c.definition, Target::CriterionDefinition { index }),
            ] {
                let lower = lower_same_len(text_target.0);
                for phrase in OUTSIDE_REFERENCES {
                    if let Some(&(s, e)) = find_phrase(&lower, phrase).first() {
                        out.push(finding(
                            SELF_CONTAINED,
                            text_target.1.clone(),
                            text_target.0,
                            Some((s, e)),
                            format!(
                                "{label} refers to “{}”, which the rubric does not include.",
                                &text_target.0[s..e]
                            ),
                        ));
                        break;
                    }
                }
            }
        }
        if on(INSTANCE_SPECIFIC) {
            if let Some(f) = instance_specificity(c, index, &label) {
                out.push(f);
            }
        }
    }
    out
}

/// Two dimension words joined by “and”, “&”, “/”… in `text`: the span covers both.
fn atomicity(text: &str, target: Target, label: &str) -> Option<Finding> {
    let ws = words(text);
    let lower = lower_same_len(text);
    let is_dim = |w: &str| DIMENSIONS.contains(&w);
    for (i, w) in ws.iter().enumerate() {
        if !is_dim(&w.lower) {
            continue;
        }
        // The next dimension word within three words, with a join between them.
        for next in ws.iter().skip(i + 1).take(3) {
            if !is_dim(&next.lower) || next.lower == w.lower {
                continue;
            }
            let between = lower[w.end..next.start].trim();
            let between = between.trim_matches(|c: char| c == ',' || c.is_whitespace());
            let joined = JOINS.iter().any(|j| {
                between == *j
                    || between.starts_with(&format!("{j} "))
                    || between.ends_with(&format!(" {j}"))
            }) || between.is_empty() && lower[w.end..next.start].contains(',');
            if joined {
                return Some(finding(
                    ATOMICITY,
                    target,
                    text,
                    Some((w.start, next.end)),
                    format!(
                        "{label} joins two dimensions, “{}” and “{}”: a response can meet one and miss the other.",
                        &text[w.start..w.end],
                        &text[next.start..next.end]
                    ),
                ));
            }
        }
    }
    None
}

/// Subjective words in a definition that has no measurable standard.
fn objectivity(definition: &str, index: usize, label: &str) -> Vec<Finding> {
    let lower = lower_same_len(definition);
    let measurable = has_digit(definition)
        || definition.contains('"')
        || definition.contains('“')
        || MEASURABLE.iter().any(|m| {
            if m.ends_with(' ') {
                lower.contains(m)
            } else {
                !find_phrase(&lower, m).is_empty()
            }
        });
    if measurable {
        return Vec::new();
    }
    let mut hits: Vec<(usize, usize)> = SUBJECTIVE
        .iter()
        .flat_map(|p| find_phrase(&lower, p))
        .collect();
    hits.sort_unstable();
    hits.dedup_by(|b, a| b.0 < a.1); // drop overlaps ("high quality" vs "quality")
    hits.into_iter()
        .map(|(s, e)| {
            finding(
                OBJECTIVITY,
                Target::CriterionDefinition { index },
                definition,
                Some((s, e)),
                format!(
                    "{label}: “{}” is a matter of taste unless the definition says how to measure it.",
                    &definition[s..e]
                ),
            )
        })
        .collect()
}

/// A generic name with a definition that adds nothing specific (empty, or only generic words).
fn instance_specificity(c: &CriterionText, index: usize, label: &str) -> Option<Finding> {
    let name = c.name.trim().to_lowercase();
    if name.is_empty() {
        return None;
    }
    let generic_name = GENERIC_NAMES.contains(&name.as_str());
    let def_words = words(&c.definition);
    let specific_words = def_words
        .iter()
        .filter(|w| !GENERIC_WORDS.contains(&w.lower.as_str()))
        .count();
    let has_specifics = has_digit(&c.definition)
        || c.definition.contains('"')
        || c.definition.contains('“')
        || def_words.iter().skip(1).any(|w| {
            c.definition[w.start..].starts_with(|ch: char| ch.is_uppercase())
                && !c.definition[..w.start]
                    .trim_end()
                    .ends_with(['.', '!', '?'])
        });
    let generic = if generic_name {
        !has_specifics && specific_words < 4
    } else {
        !has_specifics && specific_words == 0
    };
    if !generic {
        return None;
    }
    let (target, text, at) = if c.definition.trim().is_empty() {
        let start = c.name.find(c.name.trim()).unwrap_or(0);
        (
            Target::CriterionName { index },
            &c.name,
            (start, start + c.name.trim().len()),
        )
    } else {
        let start = c.definition.find(c.definition.trim()).unwrap_or(0);
        (
            Target::CriterionDefinition { index },
            &c.definition,
            (start, start + c.definition.trim().len()),
        )
    };
    Some(finding(
        INSTANCE_SPECIFIC,
        target,
        text,
        Some(at),
        format!(
            "{label} could apply to any task: nothing in it is about this task's ideal response."
        ),
    ))
}
