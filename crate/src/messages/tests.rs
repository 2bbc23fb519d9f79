use super::*;
use serde_json::json;

fn parse(sender: SenderKind, v: Value) -> Result<Request> {
    Request::parse(sender, &v)
}

#[test]
fn valid_messages_parse() {
    assert_eq!(
        parse(SenderKind::Content, json!({"type": "ping"})),
        Ok(Request::Ping)
    );
    assert_eq!(
        parse(
            SenderKind::Content,
            json!({"type": "expand", "payload": {"trigger": ";Acc"}})
        ),
        Ok(Request::Expand(ExpandPayload {
            trigger: ";Acc".into(),
            values: None,
            use_defaults: false,
        }))
    );
    let with_values = parse(
        SenderKind::Content,
        json!({"type": "expand", "payload": {"trigger": ";j", "useDefaults": true,
               "values": {"better": "A", "issues": ["x", "y"], "cite": true}}}),
    );
    let Ok(Request::Expand(p)) = with_values else {
        panic!("{with_values:?}");
    };
    assert!(p.use_defaults);
    assert_eq!(p.values.map(|v| v.len()), Some(3));
    assert!(parse(
        SenderKind::Page,
        json!({"type": "settings.update", "payload": {"patch": {"theme": "dark"}}})
    )
    .is_ok());
}

#[test]
fn malformed_messages_are_invalid() {
    for bad in [
        json!(null),
        json!("ping"),
        json!({}),
        json!({"type": 5}),
        json!({"type": "launch.missiles"}),
        json!({"type": "expand"}),
        json!({"type": "expand", "payload": {}}),
        json!({"type": "expand", "payload": {"trigger": 5}}),
        json!({"type": "expand", "payload": {"trigger": ";a", "extra": 1}}),
        json!({"type": "expand", "payload": {"trigger": ""}}),
        json!({"type": "expand", "payload": {"trigger": "x".repeat(300)}}),
        json!({"type": "expand", "payload": {"trigger": ";a", "values": {"a": 5}}}),
        json!({"type": "expand", "payload": {"trigger": ";a", "values": [1]}}),
        json!({"type": "expand", "payload": {"trigger": ";a", "useDefaults": "yes"}}),
        json!({"type": "ping", "extra": true}),
    ] {
        let e = parse(SenderKind::Content, bad.clone()).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::InvalidMessage), "{bad}");
    }
}

#[test]
fn content_scripts_cannot_read_data() {
    for t in [
        "state.get",
        "backup.export",
        "settings.update",
        "import.commit",
    ] {
        let e = parse(SenderKind::Content, json!({"type": t})).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden), "{t}");
    }
    let e = parse(
        SenderKind::Page,
        json!({"type": "expand", "payload": {"trigger": ";a"}}),
    )
    .err();
    assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
}

#[test]
fn every_spec_names_a_request_variant() {
    let payloads = [
        json!(null),
        json!({"trigger": ";x"}),
        json!({"patch": {}}),
        json!({"fileName": "a.json", "text": "{}"}),
        json!({"snippet": {"triggers": [";a"], "template": "A"}}),
        json!({"rubric": {"name": "R"}}),
        json!({"entry": {"text": "Response A is accurate."}}),
        json!({"id": "snp_x"}),
        json!({"before": "score 5"}),
        json!({"fileName": "a.yml", "snippets": []}),
        json!({"command": {"type": "start"}}),
        json!({"stop": false}),
        json!({"from": 0, "to": 1}),
        json!({"edit": {"op": "deleteSession", "id": "ses_x"}}),
        json!({"name": "Outlier"}),
        json!({"taskType": {"platformId": "plt_x", "name": "Rating"}}),
        json!({"taskType": {"id": "tty_x", "name": "Rating"}}),
        json!({"host": "example.com"}),
        json!({"word": ";ac"}),
        json!({"token": TOKEN}),
        json!({"token": TOKEN, "values": {"a": "x"}}),
        json!({"token": TOKEN, "query": "acc"}),
        json!({"token": TOKEN, "snippetId": "snp_x"}),
        json!({"id": "tsk_x", "outcome": {"status": "rejected"}}),
        json!({"task": {"startedAt": 0}}),
        json!({}),
        json!({"tabId": 7, "text": "Response B is better."}),
        json!({"token": TOKEN, "entryId": "jst_x"}),
        json!({"offset": 0, "limit": 5000}),
        json!({"keys": ["tasks/2026-03", "sessions/2026-03"]}),
    ];
    for s in all_specs() {
        let sender = s.from[0];
        let ok = payloads.iter().any(|p| {
            let msg = if p.is_null() {
                json!({"type": s.name})
            } else {
                json!({"type": s.name, "payload": p})
            };
            Request::parse(sender, &msg).is_ok()
        });
        assert!(ok, "{} has no matching Request variant", s.name);
    }
}

#[test]
fn ledger_repack_names_task_and_session_shards_only() {
    let msg = |keys: Value| json!({"type": "ledger.repack", "payload": {"keys": keys}});
    assert!(Request::parse(SenderKind::Page, &msg(json!(["tasks/2026-03"]))).is_ok());
    for bad in [
        json!(["justifications/2026-03"]),
        json!(["settings"]),
        json!(["tasks/2026-3"]),
    ] {
        let e = Request::parse(SenderKind::Page, &msg(bad)).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::InvalidMessage));
    }
    let many: Vec<String> = (0..1001).map(|_| "tasks/2026-03".to_string()).collect();
    assert!(Request::parse(SenderKind::Page, &msg(json!(many))).is_err());
    let e = Request::parse(SenderKind::Content, &msg(json!(["tasks/2026-03"]))).err();
    assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
}

#[test]
fn worksheet_insert_is_for_pages_and_bounded() {
    let ok = json!({"type": "worksheet.insert", "payload": {"tabId": 3, "text": "B is better."}});
    assert!(Request::parse(SenderKind::Page, &ok).is_ok());
    assert!(Request::parse(SenderKind::Content, &ok).is_err());
    let long =
        json!({"type": "worksheet.insert", "payload": {"tabId": 3, "text": "x".repeat(70_000)}});
    assert!(Request::parse(SenderKind::Page, &long).is_err());
    let open = json!({"type": "worksheet.open"});
    assert!(Request::parse(SenderKind::Content, &open).is_ok());
    assert!(Request::parse(SenderKind::Overlay, &open).is_ok());
    assert!(Request::parse(SenderKind::Page, &open).is_err());
}

#[test]
fn session_messages_refuse_browser_signals_and_extra_fields() {
    for bad in [
        json!({"type": "session.command", "payload": {"command": {"type": "idle", "since": 1}}}),
        json!({"type": "session.command", "payload": {"command": {"type": "heartbeat"}}}),
        json!({"type": "session.command", "payload": {"command": {"type": "fly"}}}),
        json!({"type": "session.command", "payload": {"command": {"type": "start"}, "x": 1}}),
        json!({"type": "session.list", "payload": {"from": 5, "to": 1}}),
        json!({"type": "session.edit", "payload": {"edit": {"op": "editSession", "id": "s", "zap": 1}}}),
        json!({"type": "taskType.create", "payload": {"taskType": {"platformId": "p"}, "x": 1}}),
        json!({"type": "taskType.update", "payload": {"taskType": "Rating"}}),
    ] {
        let e = parse(SenderKind::Page, bad.clone()).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::InvalidMessage), "{bad}");
    }
    let e = parse(
        SenderKind::Content,
        json!({"type": "taskType.create",
        "payload": {"taskType": {"platformId": "p", "name": "x"}}}),
    )
    .err();
    assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
    assert!(parse(
        SenderKind::Page,
        json!({"type": "taskType.update", "payload": {"taskType": {"id": "t", "name": "x",
               "timeCapMin": 5, "rate": {"kind": "perTask", "amount": "2.50", "currency": "EUR"}}}})
    )
    .is_ok());
    for page_only in ["session.get", "catalogue.get"] {
        let e = parse(SenderKind::Content, json!({"type": page_only})).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden), "{page_only}");
    }
    assert!(parse(SenderKind::Page, json!({"type": "catalogue.get"})).is_ok());
    let e = parse(
        SenderKind::Page,
        json!({"type": "catalogue.get", "payload": {}}),
    )
    .err();
    assert_eq!(e.map(|e| e.kind), Some(ErrorKind::InvalidMessage));
    assert!(parse(
        SenderKind::Page,
        json!({"type": "session.command", "payload": {"command": {"type": "stop", "at": 5}}})
    )
    .is_ok());
}

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn frame_messages_come_from_the_frame_only_and_carry_a_valid_token() {
    let get = json!({"type": "overlay.get", "payload": {"token": TOKEN}});
    assert!(parse(SenderKind::Overlay, get.clone()).is_ok());
    for sender in [SenderKind::Content, SenderKind::Page] {
        let e = parse(sender, get.clone()).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden), "{sender:?}");
    }
    // The overlay may send nothing but overlay.*: not the library, not expansions.
    for t in ["library.get", "state.get", "backup.export", "triggers.get"] {
        let e = parse(SenderKind::Overlay, json!({"type": t})).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden), "{t}");
    }
    let e = parse(
        SenderKind::Overlay,
        json!({"type": "expand", "payload": {"trigger": ";a"}}),
    )
    .err();
    assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
    for bad in [
        json!({"type": "overlay.get", "payload": {"token": "short"}}),
        json!({"type": "overlay.get", "payload": {"token": TOKEN.to_uppercase()}}),
        json!({"type": "overlay.get", "payload": {"token": format!("{TOKEN}0")}}),
        json!({"type": "overlay.get", "payload": {"token": TOKEN, "x": 1}}),
        json!({"type": "overlay.search", "payload": {"token": TOKEN, "query": "q".repeat(129)}}),
        json!({"type": "overlay.search", "payload": {"token": TOKEN}}),
        json!({"type": "overlay.choose", "payload": {"token": TOKEN, "snippetId": ""}}),
        json!({"type": "overlay.choose", "payload": {"token": TOKEN, "snippetId": "s".repeat(65)}}),
        json!({"type": "overlay.submit", "payload": {"token": TOKEN, "values": {"a": 5}}}),
        json!({"type": "overlay.submit", "payload": {"token": TOKEN}}),
    ] {
        let e = parse(SenderKind::Overlay, bad.clone()).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::InvalidMessage), "{bad}");
    }
    let many: serde_json::Map<String, Value> =
        (0..501).map(|i| (format!("f{i}"), json!("x"))).collect();
    let e = parse(
        SenderKind::Overlay,
        json!({"type": "overlay.submit", "payload": {"token": TOKEN, "values": many}}),
    )
    .err();
    assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Limit));
}

#[test]
fn content_scripts_open_the_palette_with_a_short_word_only() {
    let open = |word: &str| {
        parse(
            SenderKind::Content,
            json!({"type": "palette.open", "payload": {"word": word}}),
        )
    };
    assert!(open("").is_ok());
    assert!(open(";acc").is_ok());
    assert_eq!(
        open(&"w".repeat(65)).err().map(|e| e.kind),
        Some(ErrorKind::InvalidMessage)
    );
    let e = parse(
        SenderKind::Overlay,
        json!({"type": "palette.open", "payload": {"word": "x"}}),
    )
    .err();
    assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
    let cancel = json!({"type": "overlay.forget", "payload": {"token": TOKEN}});
    assert!(parse(SenderKind::Content, cancel).is_ok());
}

#[test]
fn site_messages_take_a_host_from_pages_only() {
    assert_eq!(
        parse(
            SenderKind::Page,
            json!({"type": "site.enable", "payload": {"host": "tasks.example.com", "tabId": 7}})
        ),
        Ok(Request::SiteEnable(SitePayload {
            host: "tasks.example.com".into(),
            tab_id: Some(7),
        }))
    );
    for host in [
        "127.0.0.1",
        "[::1]",
        "rubrica-enable.localhost",
        "xn--bcher-kva.example",
    ] {
        let msg = json!({"type": "site.disable", "payload": {"host": host}});
        assert!(parse(SenderKind::Page, msg).is_ok(), "{host}");
    }
    for bad in [
        json!({"type": "site.enable", "payload": {"host": ""}}),
        json!({"type": "site.enable", "payload": {"host": "https://example.com"}}),
        json!({"type": "site.enable", "payload": {"host": "Example.com"}}),
        json!({"type": "site.enable", "payload": {"host": "example.com:8080"}}),
        json!({"type": "site.enable", "payload": {"host": "*.example.com"}}),
        json!({"type": "site.enable", "payload": {"host": ".example.com"}}),
        json!({"type": "site.enable", "payload": {"host": "a..example.com"}}),
        json!({"type": "site.enable", "payload": {"host": "[::1"}}),
        json!({"type": "site.enable", "payload": {"host": "a".repeat(254)}}),
        json!({"type": "site.enable", "payload": {"host": "example.com", "tabId": -1}}),
        json!({"type": "site.enable", "payload": {"host": "example.com", "origin": "x"}}),
        json!({"type": "site.disable", "payload": {"host": "example.com", "tabId": 3}}),
    ] {
        let e = parse(SenderKind::Page, bad.clone()).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::InvalidMessage), "{bad}");
    }
    let e = parse(
        SenderKind::Content,
        json!({"type": "site.enable", "payload": {"host": "example.com"}}),
    )
    .err();
    assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
}

#[test]
fn replies_have_the_wire_shape() {
    let ok = serde_json::to_value(Reply::ok(json!(1))).unwrap_or_default();
    assert_eq!(ok, json!({"ok": true, "data": 1}));
    let err = serde_json::to_value(Reply::err(Error::new(ErrorKind::NotFound, "gone")))
        .unwrap_or_default();
    assert_eq!(
        err,
        json!({"ok": false, "error": {"kind": "notFound", "message": "gone"}})
    );
}

#[test]
fn ledger_messages_are_strict() {
    let ok = |m: serde_json::Value| Request::parse(SenderKind::Page, &m);
    let patch = json!({"type": "task.update", "payload": {"id": "tsk_1", "outcome": {
        "status": "rejected", "payConfirmed": {"amount": "12.50"}, "feedback": null,
        "criteriaCited": ["accuracy", "tone"]}}});
    assert!(ok(patch).is_ok());
    let extra =
        json!({"type": "task.update", "payload": {"id": "tsk_1", "outcome": {"colour": 1}}});
    assert_eq!(
        ok(extra).err().map(|e| e.kind),
        Some(ErrorKind::InvalidMessage)
    );
    let bad_status =
        json!({"type": "task.update", "payload": {"id": "tsk_1", "outcome": {"status": "great"}}});
    assert!(ok(bad_status).is_err());
    let no_id = json!({"type": "task.update", "payload": {"id": "", "outcome": {}}});
    assert!(ok(no_id).is_err());
    // A content script may not log outcomes.
    let from_content = json!({"type": "task.recent", "payload": {}});
    let e = Request::parse(SenderKind::Content, &from_content).err();
    assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
}
