use super::worksheet::{rank, DecidedBy, Score, Sheet, SheetCriterion, Winner};

// --- worksheet -------------------------------------------------------------------------------

fn sc(key: &str, priority: u32, weight: Option<f64>, disq: bool, phrase: &str) -> SheetCriterion {
    SheetCriterion {
        key: key.into(),
        name: key[..1].to_uppercase() + &key[1..],
        priority,
        weight,
        disqualifying: disq,
        phrases: if phrase.is_empty() {
            vec![]
        } else {
            vec![phrase.into()]
        },
    }
}

fn score(key: &str, a: u32, b: u32, evidence: &str) -> Score {
    Score {
        key: key.into(),
        a: Some(a),
        b: Some(b),
        evidence: evidence.into(),
    }
}

#[test]
fn priority_order_decides_without_weights() {
    let sheet = Sheet {
        criteria: vec![
            sc("tone", 2, None, false, ""),
            sc("accuracy", 1, None, false, "It states the facts correctly."),
        ],
        scores: vec![
            score("tone", 5, 3, "A is warmer"),
            score("accuracy", 2, 4, "b gives 1969; A says 1970"),
        ],
        scale: [1, 5],
    };
    let r = rank(&sheet);
    assert_eq!((r.winner, r.decided_by), (Winner::B, DecidedBy::Priority));
    assert_eq!(r.criterion.as_deref(), Some("accuracy"));
    assert_eq!(r.differing, ["accuracy", "tone"]);
    assert_eq!(
        r.draft,
        "Response B is better than Response A on the rubric's criteria in priority order.\n\n\
         Accuracy (Response A 2, Response B 4): in Response B, it states the facts correctly. B gives 1969; A says 1970.\n\n\
         Tone (Response A 5, Response B 3): Response A is stronger. A is warmer."
    );
}

#[test]
fn weights_decide_when_set() {
    let sheet = Sheet {
        criteria: vec![
            sc("accuracy", 1, Some(1.0), false, ""),
            sc("tone", 2, Some(3.0), false, ""),
        ],
        scores: vec![score("accuracy", 3, 4, ""), score("tone", 5, 3, "")],
        scale: [1, 5],
    };
    let r = rank(&sheet);
    assert_eq!((r.winner, r.decided_by), (Winner::A, DecidedBy::Weights));
    assert_eq!((r.total_a, r.total_b), (18.0, 13.0));
}

#[test]
fn a_disqualifying_failure_decides_first() {
    let sheet = Sheet {
        criteria: vec![
            sc("accuracy", 1, Some(5.0), false, ""),
            sc("safety", 2, None, true, ""),
        ],
        scores: vec![
            score("accuracy", 5, 2, ""),
            score("safety", 1, 4, "A gives lock-picking steps"),
        ],
        scale: [1, 5],
    };
    let r = rank(&sheet);
    assert_eq!(
        (r.winner, r.decided_by),
        (Winner::B, DecidedBy::Disqualifying)
    );
    assert_eq!(r.failed_a, ["safety"]);
    assert!(r
        .draft
        .starts_with("Response B is better: Response A fails Safety, a disqualifying criterion."));
}

#[test]
fn ties_and_unscored_criteria() {
    let sheet = Sheet {
        criteria: vec![
            sc("accuracy", 1, None, false, ""),
            sc("tone", 2, None, false, ""),
        ],
        scores: vec![
            score("accuracy", 4, 4, ""),
            Score {
                key: "tone".into(),
                a: Some(3),
                ..Default::default()
            },
        ],
        scale: [1, 5],
    };
    let r = rank(&sheet);
    assert_eq!((r.winner, r.decided_by), (Winner::Tie, DecidedBy::Tie));
    assert_eq!(r.unscored, ["tone"]);
    assert_eq!(
        r.draft,
        "Response A and Response B are equally good under the rubric."
    );
    // Equal weighted sums fall back to priority order.
    let sheet = Sheet {
        criteria: vec![
            sc("accuracy", 1, Some(1.0), false, ""),
            sc("tone", 2, Some(1.0), false, ""),
        ],
        scores: vec![score("accuracy", 4, 3, ""), score("tone", 3, 4, "")],
        scale: [1, 5],
    };
    let r = rank(&sheet);
    assert_eq!((r.winner, r.decided_by), (Winner::A, DecidedBy::Priority));
}
