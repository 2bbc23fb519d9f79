#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/seeds/<target>/ from the project's real inputs:
tests/templates/*.tpl (+ .json values), the examples of docs/templates.md, tests/import/*,
and a few hand-written backup files and messages. Run from the repository root:
    python3 fuzz/seed_corpus.py
The seeds are the starting point of a campaign; what is committed under fuzz/corpus/ is the
minimised corpus after the campaign (cargo fuzz cmin)."""
import hashlib, json, os, pathlib, re

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "seeds"


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def values_tail(opts):
    """The template_render input tail: NUL, then `@name=value` lines and `#clipboard`."""
    lines = []
    for name, v in (opts.get("values") or {}).items():
        if isinstance(v, bool):
            v = "!x" if v else "!"
        elif isinstance(v, list):
            v = "|".join(v)
        lines.append(f"@{name}={v}")
    if "clipboard" in opts:
        lines.append("#" + opts["clipboard"])
    return "\0" + "\n".join(lines) if lines else ""


def read_trimmed(p):
    t = p.read_text()
    return t[:-1] if t.endswith("\n") else t


# template_render: fixtures and doc examples
for tpl in sorted((ROOT / "tests" / "templates").glob("*.tpl")):
    js = tpl.with_suffix(".json")
    opts = json.loads(js.read_text()) if js.exists() else {}
    put("template_render", read_trimmed(tpl) + values_tail(opts))
doc = (ROOT / "docs" / "templates.md").read_text().split("\n")
opts, i = {}, 0
while i < len(doc):
    m = re.match(r"^```(\S+)", doc[i])
    if m:
        body = []
        i += 1
        while i < len(doc) and doc[i] != "```":
            body.append(doc[i])
            i += 1
        body = "\n".join(body)
        if m.group(1) == "values":
            opts = json.loads(body)
        elif m.group(1) == "template":
            put("template_render", body + values_tail(opts))
            opts = {}
    i += 1

# importers
for f in sorted((ROOT / "tests" / "import").iterdir()):
    if f.suffix in (".yml", ".yaml"):
        put("import_espanso", f.read_bytes())
    elif f.suffix in (".csv", ".tsv"):
        put("import_csv", f.read_bytes())
put("import_csv", "keyword,content,label\n;acc,The answer is accurate.,Accuracy\n")
put("import_csv", 'abbreviation;snippet;name\n;m,"multi\nline ""quoted""",M\n')
put("import_csv", "keyword\tcontent\n;t\tTab {cursor} separated\n")

snippets = [
    {"id": "snp_a", "createdAt": 1, "updatedAt": 1, "triggers": [";a"], "template": "A {cursor}"},
    {"id": "snp_b", "createdAt": 1, "updatedAt": 1, "deletedAt": 2, "triggers": [";b"], "template": "B"},
    {"id": "snp_c", "createdAt": 1, "updatedAt": 1, "triggers": [";c"], "template": "C", "builtin": True},
    {"id": "snp_r", "createdAt": 1764000000000, "updatedAt": 9, "triggers": [], "regex": "(?P<w>\\w+)!",
     "label": "Re", "folder": "X/Y", "tags": ["t"], "template": "{capture: w} {choice: c; a | b}",
     "mode": "onDelimiter", "wordBoundary": True, "propagateCase": False, "criteria": ["accuracy"]},
]
envelope = {"format": "rubrica", "schema": 1, "kind": "snippets", "exportedAt": 1, "app": "0.1.0",
            "data": {"snippets": snippets}}
put("import_json", json.dumps(envelope))
put("import_json", json.dumps(dict(envelope, kind="backup", data={"settings": {}, "snippets": snippets})))
put("import_json", '{"format":"rubrica","schema":1,"kind":"tasks","exportedAt":1,"data":{}}')

# backup_import
put("backup_import", json.dumps(envelope, indent=1))
put("backup_import", json.dumps({"format": "rubrica", "schema": 1, "kind": "backup", "exportedAt": 1,
    "data": {"settings": {}, "snippets": [dict(snippets[0], id="snp_a", updatedAt=6)],
             "sessions": [{"id": "ses_a", "createdAt": 1764000000000, "updatedAt": 2,
                           "startedAt": 1764000000000, "events": []}],
             "tasks": [{"id": "tsk_a", "createdAt": 1764000000000, "updatedAt": 1,
                        "startedAt": 1764000000000}],
             "rubrics": [{"id": "rub_a", "createdAt": 1, "updatedAt": 1, "name": "R",
                          "criteria": [{"key": "k", "name": "K", "phrases": ["p"]}]}]}}))
put("backup_import", '{"format":"rubrica","schema":7,"kind":"backup","exportedAt":0,"data":{}}')

# message_parse
for m in [
    {"type": "ping"}, {"type": "triggers.get"}, {"type": "state.get"}, {"type": "library.get"},
    {"type": "backup.export"},
    {"type": "expand", "payload": {"trigger": ";acc"}},
    {"type": "expand", "payload": {"trigger": ";Acc", "values": {"better": "A", "t": True,
                                   "l": ["a", "b"]}, "useDefaults": True}},
    {"type": "settings.update", "payload": {"patch": {"theme": "dark"}}},
    {"type": "import.preview", "payload": {"fileName": "a.csv", "text": "keyword,content\n;a,A\n"}},
    {"type": "import.commit", "payload": {"fileName": "b.json", "text": "{}"}},
    {"type": "snippet.save", "payload": {"snippet": {"triggers": [";n"], "template": "New {cursor}",
                                         "mode": "immediate"}}},
    {"type": "snippet.delete", "payload": {"id": "snp_a"}},
    {"type": "snippet.restore", "payload": {"id": "snp_a"}},
    {"type": "rubric.save", "payload": {"rubric": {"name": "R", "criteria": [
        {"key": "k", "name": "K", "definition": "", "priority": 1, "phrases": ["p"]}]}}},
    {"type": "rubric.delete", "payload": {"id": "rub_a"}},
    {"type": "rubric.restore", "payload": {"id": "rub_a"}},
    {"type": "nope"}, [], "ping",
]:
    put("message_parse", json.dumps(m))
