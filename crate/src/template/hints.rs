//! "Did you mean …?" hints for misspelt command and setting names.

/// The name in `names` within two edits (insert, delete, replace, swap) of `word`, if exactly one
/// is closest, for "did you mean" hints.
pub(super) fn similar<'n>(word: &str, names: &[&'n str]) -> Option<&'n str> {
    let w: Vec<char> = word.chars().collect();
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for name in names {
        let n: Vec<char> = name.chars().collect();
        let d = distance(&w, &n);
        match best {
            _ if d > 2 || w.len() < 3 => {}
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

/// Edit distance with adjacent swaps (optimal string alignment).
fn distance(a: &[char], b: &[char]) -> usize {
    let w = b.len() + 1;
    let mut d: Vec<usize> = vec![0; (a.len() + 1) * w];
    let at = |i: usize, j: usize| i * w + j;
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let v = if i == 0 || j == 0 {
                i.max(j)
            } else {
                let cost = usize::from(a.get(i - 1) != b.get(j - 1));
                let mut v = (d.get(at(i - 1, j)).copied().unwrap_or(0) + 1)
                    .min(d.get(at(i, j - 1)).copied().unwrap_or(0) + 1)
                    .min(d.get(at(i - 1, j - 1)).copied().unwrap_or(0) + cost);
                if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                    v = v.min(d.get(at(i - 2, j - 2)).copied().unwrap_or(0) + 1);
                }
                v
            };
            if let Some(slot) = d.get_mut(at(i, j)) {
                *slot = v;
            }
        }
    }
    d.last().copied().unwrap_or(0)
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
    }
}
