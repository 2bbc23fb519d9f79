use super::*;
use serde_json::json;

const T0: i64 = 1_772_960_400_000; // 2026-03-08T09:00:00Z
const MIN: i64 = 60_000;

#[test]
fn platforms_are_created_by_name_once() {
    let mut ids = IdGen::new([6; 16]);
    let usd = Currency::default();
    let (p, map) = create_platform(None, "  Outlier   AI ", usd, T0, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.name, "Outlier AI");
    assert!(p.meta.id.starts_with("plt_"));
    assert_eq!(map.as_object().map(|m| m.len()), Some(1));
    let again = create_platform(Some(&map), "outlier ai", usd, T0, &mut ids);
    assert_eq!(again.err().map(|e| e.kind), Some(ErrorKind::Conflict));
    let blank = create_platform(Some(&map), " ", usd, T0, &mut ids);
    assert_eq!(blank.err().map(|e| e.kind), Some(ErrorKind::InvalidMessage));
    let long = create_platform(Some(&map), &"x".repeat(81), usd, T0, &mut ids);
    assert_eq!(long.err().map(|e| e.kind), Some(ErrorKind::InvalidMessage));
}

fn platforms_with(ids: &mut IdGen) -> (Platform, Value) {
    create_platform(None, "Outlier", Currency::default(), T0, ids).unwrap_or_else(|e| panic!("{e}"))
}

fn draft(platform_id: &str, name: &str) -> TaskTypeDraft {
    TaskTypeDraft {
        platform_id: platform_id.into(),
        name: name.into(),
        time_cap_min: None,
        rate: None,
        rubric_id: None,
    }
}

#[test]
fn task_types_are_created_on_a_live_platform_with_checked_fields() {
    let mut ids = IdGen::new([7; 16]);
    let (p, platforms) = platforms_with(&mut ids);
    let mut d = draft(&p.meta.id, "  Coding   RLHF ");
    d.time_cap_min = Some(45);
    d.rate = Some(RateDraft {
        kind: RateKind::Hourly,
        amount: "25.50".into(),
        currency: None,
    });
    let (t, map) = create_task_type(None, Some(&platforms), &d, T0, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(t.meta.id.starts_with("tty_"));
    assert_eq!(t.name, "Coding RLHF");
    assert_eq!(t.platform_id, p.meta.id);
    assert_eq!(t.time_cap_ms, Some(45 * MIN));
    assert_eq!(t.rates.len(), 1);
    assert_eq!(t.rates[0].amount, Money::new(2550, Currency::default()));
    assert_eq!(t.rates[0].effective_from, T0);
    let kind = |r: Result<(TaskType, Value)>| r.err().map(|e| e.kind);
    let make = |d: &TaskTypeDraft, ids: &mut IdGen| {
        create_task_type(Some(&map), Some(&platforms), d, T0, ids)
    };
    // Same name on the same platform (any case) is a conflict; elsewhere it is fine.
    assert_eq!(
        kind(make(&draft(&p.meta.id, "coding rlhf"), &mut ids)),
        Some(ErrorKind::Conflict)
    );
    let (other, platforms2) = create_platform(
        Some(&platforms),
        "DataAnnotation",
        Currency::default(),
        T0,
        &mut ids,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(create_task_type(
        Some(&map),
        Some(&platforms2),
        &draft(&other.meta.id, "Coding RLHF"),
        T0,
        &mut ids
    )
    .is_ok());
    assert_eq!(
        kind(make(&draft("plt_nope", "X"), &mut ids)),
        Some(ErrorKind::NotFound)
    );
    assert_eq!(
        kind(make(&draft(&p.meta.id, "  "), &mut ids)),
        Some(ErrorKind::InvalidMessage)
    );
    for cap in [0, 1441] {
        let mut d = draft(&p.meta.id, "Capped");
        d.time_cap_min = Some(cap);
        assert_eq!(kind(make(&d, &mut ids)), Some(ErrorKind::InvalidMessage));
    }
    for (amount, currency) in [
        ("abc", None),
        ("1.234", None),
        ("-3", None),
        ("5", Some("US")),
    ] {
        let mut d = draft(&p.meta.id, "Paid");
        d.rate = Some(RateDraft {
            kind: RateKind::PerTask,
            amount: amount.into(),
            currency: currency.map(String::from),
        });
        assert_eq!(
            kind(make(&d, &mut ids)),
            Some(ErrorKind::InvalidMessage),
            "{amount}"
        );
    }
    let mut d = draft(&p.meta.id, "Rubric");
    d.rubric_id = Some("not-a-rubric".into());
    assert_eq!(kind(make(&d, &mut ids)), Some(ErrorKind::InvalidMessage));
    // A draft with an unknown field is refused when it crosses the wire.
    let extra = serde_json::from_value::<TaskTypeDraft>(
        json!({"platformId": "plt_a", "name": "x", "timeCapMs": 5}),
    );
    assert!(extra.is_err());
}

#[test]
fn task_type_updates_append_rates_from_now_and_keep_names_unique() {
    let mut ids = IdGen::new([8; 16]);
    let (p, platforms) = platforms_with(&mut ids);
    let mut d = draft(&p.meta.id, "Rating");
    d.rate = Some(RateDraft {
        kind: RateKind::Hourly,
        amount: "20".into(),
        currency: None,
    });
    let (t, map) = create_task_type(None, Some(&platforms), &d, T0, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, map) = create_task_type(
        Some(&map),
        Some(&platforms),
        &draft(&p.meta.id, "Writing"),
        T0,
        &mut ids,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let rubric = ids.next(IdKind::Rubric, T0);
    let later = T0 + 60 * MIN;
    let up = TaskTypeUpdate {
        id: t.meta.id.clone(),
        name: "Rating v2".into(),
        time_cap_min: Some(1),
        rate: Some(RateDraft {
            kind: RateKind::PerTask,
            amount: "3.50".into(),
            currency: Some("eur".into()),
        }),
        rubric_id: Some(rubric.clone()),
    };
    let (u, map) = update_task_type(Some(&map), Some(&platforms), &up, later)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(u.name, "Rating v2");
    assert_eq!(u.time_cap_ms, Some(MIN));
    assert_eq!(u.rubric_id.as_deref(), Some(rubric.as_str()));
    assert_eq!(u.meta.updated_at, later);
    // Never retroactive: the old rate still applies before `later`.
    assert_eq!(u.rates.len(), 2);
    assert_eq!(u.rate_at(T0).map(|r| r.amount.minor), Some(2000));
    let now_rate = u.rate_at(later).unwrap_or_else(|| panic!("no rate"));
    assert_eq!(now_rate.kind, RateKind::PerTask);
    assert_eq!(
        now_rate.amount,
        Money::new(350, Currency::parse("EUR").unwrap_or_default())
    );
    // Saving the same rate again appends nothing; clearing cap and rubric works.
    let again = TaskTypeUpdate {
        time_cap_min: None,
        rubric_id: None,
        ..up.clone()
    };
    let (u2, map) = update_task_type(Some(&map), Some(&platforms), &again, later + MIN)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(u2.rates.len(), 2);
    assert_eq!((u2.time_cap_ms, u2.rubric_id), (None, None));
    // Another task type's name on the same platform is refused; an unknown id is not found.
    let dup = TaskTypeUpdate {
        name: " writing ".into(),
        ..again.clone()
    };
    let err = update_task_type(Some(&map), Some(&platforms), &dup, later).err();
    assert_eq!(err.map(|e| e.kind), Some(ErrorKind::Conflict));
    let gone = TaskTypeUpdate {
        id: "tty_gone".into(),
        ..again
    };
    let err = update_task_type(Some(&map), Some(&platforms), &gone, later).err();
    assert_eq!(err.map(|e| e.kind), Some(ErrorKind::NotFound));
}

#[test]
fn the_catalogue_view_sorts_live_records_and_answers_rates_and_digits() {
    let mut ids = IdGen::new([9; 16]);
    let (outlier, platforms) = create_platform(None, "outlier", Currency::default(), T0, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    let yen = Currency::parse("JPY").unwrap_or_default();
    let (appen, mut platforms) = create_platform(Some(&platforms), "Appen", yen, T0, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    // A deleted platform: not listed, still named.
    let (gone, with_gone) =
        create_platform(Some(&platforms), "Gone", Currency::default(), T0, &mut ids)
            .unwrap_or_else(|e| panic!("{e}"));
    platforms = with_gone;
    platforms[gone.meta.id.as_str()]["deletedAt"] = json!(T0);
    let rate = |amount: &str| RateDraft {
        kind: RateKind::Hourly,
        amount: amount.into(),
        currency: None,
    };
    let mut d = draft(&outlier.meta.id, "Writing");
    d.rate = Some(rate("20"));
    let (writing, map) = create_task_type(None, Some(&platforms), &d, T0, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, map) = create_task_type(
        Some(&map),
        Some(&platforms),
        &draft(&outlier.meta.id, "coding"),
        T0,
        &mut ids,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut d = draft(&appen.meta.id, "Search");
    d.rate = Some(rate("1500"));
    let (_, map) = create_task_type(Some(&map), Some(&platforms), &d, T0, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    // A raise from an hour later: not in force before then, never retroactive.
    let later = TaskTypeUpdate {
        id: writing.meta.id.clone(),
        name: "Writing".into(),
        time_cap_min: None,
        rate: Some(rate("25.50")),
        rubric_id: None,
    };
    let (_, map) = update_task_type(Some(&map), Some(&platforms), &later, T0 + 60 * MIN)
        .unwrap_or_else(|e| panic!("{e}"));

    let v = catalogue_view(Some(&platforms), Some(&map), T0 + 30 * MIN);
    let names: Vec<&str> = v.platforms.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Appen", "outlier"]);
    let types: Vec<&str> = v.platforms[1]
        .task_types
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(types, ["coding", "Writing"]);
    let w = &v.platforms[1].task_types[1];
    assert_eq!(w.rates.len(), 2);
    let now = w
        .rate_now
        .as_ref()
        .map(|r| (r.amount.minor, r.amount.digits));
    assert_eq!(now, Some((2000, 2)));
    let v = catalogue_view(Some(&platforms), Some(&map), T0 + 60 * MIN);
    let w = &v.platforms[1].task_types[1];
    assert_eq!(w.rate_now.as_ref().map(|r| r.amount.minor), Some(2550));
    assert!(v.platforms[1].task_types[0].rate_now.is_none());
    // Yen have no minor digits.
    let search = &v.platforms[0].task_types[0];
    assert_eq!(
        search
            .rate_now
            .as_ref()
            .map(|r| (r.amount.minor, r.amount.digits)),
        Some((1500, 0))
    );
    assert_eq!(
        v.names.platforms.get(&gone.meta.id).map(String::as_str),
        Some("Gone")
    );
    assert_eq!(v.names.task_types.len(), 3);
    let json = serde_json::to_value(&v).unwrap_or_default();
    assert_eq!(
        json["platforms"][1]["taskTypes"][1]["rateNow"],
        json!({"kind": "hourly", "amount": {"minor": 2550, "currency": "USD", "digits": 2},
               "effectiveFrom": T0 + 60 * MIN})
    );
    assert!(json["names"]["taskTypes"].is_object());
    // Nothing stored: an empty catalogue.
    let empty = catalogue_view(None, Some(&json!("garbage")), T0);
    assert!(empty.platforms.is_empty() && empty.names.task_types.is_empty());
}
