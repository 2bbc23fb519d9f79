//! Case propagation: `;acc` / `;Acc` / `;ACC` expand to the text as written / with its first
//! letter capitalised / in upper case.

/// How the user typed a case-propagating trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedCase {
    /// As stored (no upper-case letters typed).
    AsIs,
    /// First letter upper case, at least one other letter lower case or none.
    Capitalized,
    /// Every letter upper case and at least two letters.
    Upper,
}

/// Classifies `typed` by its letters (symbols such as `;` are ignored).
pub fn typed_case(typed: &str) -> TypedCase {
    let letters: Vec<char> = typed.chars().filter(|c| c.is_alphabetic()).collect();
    match letters.first() {
        Some(first) if first.is_uppercase() => {
            if letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase()) {
                TypedCase::Upper
            } else {
                TypedCase::Capitalized
            }
        }
        _ => TypedCase::AsIs,
    }
}

/// Applies `case` to `text`.
pub fn apply_case(text: &str, case: TypedCase) -> String {
    match case {
        TypedCase::AsIs => text.to_string(),
        TypedCase::Upper => text.to_uppercase(),
        TypedCase::Capitalized => {
            let mut out = String::with_capacity(text.len());
            let mut done = false;
            for c in text.chars() {
                if !done && c.is_alphabetic() {
                    out.extend(c.to_uppercase());
                    done = true;
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_and_applies() {
        assert_eq!(typed_case(";acc"), TypedCase::AsIs);
        assert_eq!(typed_case(";Acc"), TypedCase::Capitalized);
        assert_eq!(typed_case(";ACC"), TypedCase::Upper);
        assert_eq!(typed_case(";A"), TypedCase::Capitalized);
        assert_eq!(
            apply_case("the answer is accurate", TypedCase::Capitalized),
            "The answer is accurate"
        );
        assert_eq!(
            apply_case("“quoted” ok", TypedCase::Capitalized),
            "“Quoted” ok"
        );
        assert_eq!(apply_case("straße", TypedCase::Upper), "STRASSE");
    }
}
