//! Fill-in fields: what a template asks the user for ([`FieldSpec`]) and what the user answered
//! ([`FieldValue`]).

use serde::{Deserialize, Serialize};

/// The kind of a fill-in field, named after the command that defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FieldKind {
    /// `{text: name}`: one line of text.
    Text,
    /// `{paragraph: name}`: several lines of text.
    Paragraph,
    /// `{choice: name; A | B}`: exactly one of the options.
    Choice,
    /// `{multi: name; A | B | C}`: any number of the options.
    Multi,
    /// `{toggle: name}…{end}`: an optional section, on or off.
    Toggle,
}

impl FieldKind {
    /// The command name that defines a field of this kind.
    pub fn command(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Paragraph => "paragraph",
            FieldKind::Choice => "choice",
            FieldKind::Multi => "multi",
            FieldKind::Toggle => "toggle",
        }
    }
}

/// A value for a field: text for text, paragraph and choice fields, a list for multi-choice
/// fields, a boolean for toggles. On the wire: a JSON string, array of strings, or boolean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    /// A toggle's state.
    Bool(bool),
    /// Text, or the chosen option of a choice field.
    Text(String),
    /// The chosen options of a multi-choice field, in the order chosen.
    List(Vec<String>),
}

/// One field a template asks for, as the fill-in form shows it.
///
/// JSON: `{"name", "kind", "options": [..], "default": string|[..]|bool, "label"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldSpec {
    /// The field's name as first written (names are case-sensitive).
    pub name: String,
    /// What kind of input it is.
    pub kind: FieldKind,
    /// The options of a choice or multi-choice field, in order; empty otherwise.
    pub options: Vec<String>,
    /// The value used when the user supplies none.
    pub default: FieldValue,
    /// A friendlier label for the form (`label=…`), if the template gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Words accepted as "on" for toggles and `default=` of toggles.
pub(crate) fn parse_bool(word: &str) -> Option<bool> {
    match word.trim().to_lowercase().as_str() {
        "yes" | "on" | "true" | "y" | "1" => Some(true),
        "no" | "off" | "false" | "n" | "0" | "" => Some(false),
        _ => None,
    }
}

impl FieldSpec {
    /// Checks a supplied value against this field and returns it in canonical form (a toggle
    /// given `"yes"` becomes `true`, a multi-choice given one string becomes a one-item list).
    pub fn accept(&self, value: &FieldValue) -> Result<FieldValue, String> {
        let name = &self.name;
        match (self.kind, value) {
            (FieldKind::Text | FieldKind::Paragraph, FieldValue::Text(t)) => {
                Ok(FieldValue::Text(t.clone()))
            }
            (FieldKind::Choice, FieldValue::Text(t)) => {
                self.option(t).map(|o| FieldValue::Text(o.to_string()))
            }
            (FieldKind::Multi, FieldValue::Text(t)) => self
                .option(t)
                .map(|o| FieldValue::List(vec![o.to_string()])),
            (FieldKind::Multi, FieldValue::List(items)) => items
                .iter()
                .map(|t| self.option(t).map(str::to_string))
                .collect::<Result<Vec<_>, _>>()
                .map(FieldValue::List),
            (FieldKind::Toggle, FieldValue::Bool(b)) => Ok(FieldValue::Bool(*b)),
            (FieldKind::Toggle, FieldValue::Text(t)) => parse_bool(t)
                .map(FieldValue::Bool)
                .ok_or_else(|| format!("the toggle “{name}” must be yes or no, not “{t}”")),
            (kind, _) => Err(format!(
                "the value for “{name}” has the wrong type for a {} field",
                kind.command()
            )),
        }
    }

    fn option(&self, wanted: &str) -> Result<&str, String> {
        let wanted = wanted.trim();
        self.options
            .iter()
            .find(|o| o.as_str() == wanted)
            .or_else(|| {
                self.options
                    .iter()
                    .find(|o| o.to_lowercase() == wanted.to_lowercase())
            })
            .map(String::as_str)
            .ok_or_else(|| {
                format!(
                    "“{wanted}” is not an option of “{}”; the options are: {}",
                    self.name,
                    self.options.join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: FieldKind, options: &[&str]) -> FieldSpec {
        FieldSpec {
            name: "f".into(),
            kind,
            options: options.iter().map(|s| s.to_string()).collect(),
            default: FieldValue::Text(String::new()),
            label: None,
        }
    }

    #[test]
    fn values_are_checked_and_canonical() {
        let c = spec(FieldKind::Choice, &["A", "B"]);
        assert_eq!(
            c.accept(&FieldValue::Text("b".into())),
            Ok(FieldValue::Text("B".into()))
        );
        assert!(c.accept(&FieldValue::Text("C".into())).is_err());
        let m = spec(FieldKind::Multi, &["x", "y"]);
        assert_eq!(
            m.accept(&FieldValue::Text("y".into())),
            Ok(FieldValue::List(vec!["y".into()]))
        );
        let t = spec(FieldKind::Toggle, &[]);
        assert_eq!(
            t.accept(&FieldValue::Text("on".into())),
            Ok(FieldValue::Bool(true))
        );
        assert!(t.accept(&FieldValue::List(vec![])).is_err());
    }

    #[test]
    fn values_deserialize_from_json() {
        let v: Vec<FieldValue> =
            serde_json::from_str(r#"[true, "a", ["b", "c"]]"#).unwrap_or_default();
        assert_eq!(
            v,
            vec![
                FieldValue::Bool(true),
                FieldValue::Text("a".into()),
                FieldValue::List(vec!["b".into(), "c".into()])
            ]
        );
    }
}
