//! "Did you mean …?" hints for misspelt command and setting names.

/// The name in `names` within two edits (insert, delete, replace, swap of neighbours) of `word`,
/// if exactly one is closest, for "did you mean" hints. Words shorter than three characters get
/// no hint.
pub(super) fn similar<'n>(word: &str, names: &[&'n str]) -> Option<&'n str> {
    if word.chars().count() < 3 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for name in names {
        let d = strsim::osa_distance(word, name);
        match best {
            _ if d > 2 => {}
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ => {
                best = Some((d, name));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMAND_NAMES: &[&str] = &["text", "choice", "end", "else", "date", "time"];

    #[test]
    fn hints_name_the_closest_command() {
        assert_eq!(similar("txet", COMMAND_NAMES), Some("text"));
        assert_eq!(similar("choise", COMMAND_NAMES), Some("choice"));
        assert_eq!(similar("zzzzzz", COMMAND_NAMES), None);
        assert_eq!(similar("ed", COMMAND_NAMES), None);
        // One swap of neighbours is one edit; a tie between two names gives no hint.
        assert_eq!(similar("tiem", COMMAND_NAMES), Some("time"));
        assert_eq!(similar("dade", &["date", "dame"]), None);
        assert_eq!(similar("cruso", &["cursor"]), Some("cursor"));
    }
}
