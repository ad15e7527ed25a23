//! In-process tests of `plan-lint lsp`: every request the server offers,
//! over an in-memory duplex pipe.

mod lsp_support;

#[path = "../../tests/common/mod.rs"]
mod common;

use std::time::Duration;

use common::TempDir;
use lsp_support::*;
use plan_lint_core::source::ColumnUnit;
use serde_json::{Value, json};

fn line_of(text: &str, needle: &str) -> u64 {
    text.split('\n').position(|l| l.contains(needle)).unwrap() as u64
}

fn pos(line: u64, character: u64) -> Value {
    json!({"line": line, "character": character})
}

/// The UTF-16 column of the `nth` occurrence of `needle` on `line`.
fn col16(text: &str, line: u64, needle: &str, nth: usize) -> u64 {
    let l = text.split('\n').nth(line as usize).unwrap();
    let (at, _) = l.match_indices(needle).nth(nth).unwrap();
    l[..at].encode_utf16().count() as u64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_negotiates_utf8_when_offered_else_utf16() {
    let mut c = TestClient::start().await;
    let r = c.initialize(Some(&["utf-16", "utf-8"]), false).await;
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(r["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(r["serverInfo"]["name"], "plan-lint");
    c.shutdown().await;

    let mut c = TestClient::start().await;
    let r = c.initialize(None, false).await;
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
    c.shutdown().await;

    let mut c = TestClient::start().await;
    let r = c.initialize(Some(&["utf-32", "utf-16"]), false).await;
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
    c.shutdown().await;
}

/// didOpen → publishDiagnostics with the version, exact columns in both
/// encodings (CJK, non-BMP, CRLF), code, link, source and related places.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_match_the_engine_in_both_encodings() {
    let dir = TempDir::new("open");
    let path = dir.join("plan.txt");
    let uri = file_uri(&path);
    let (source, expected) = fresh_lint(&path, PLAN);
    assert!(expected.iter().any(|d| d.code == "R102"), "{expected:?}");
    for (encodings, unit) in [
        (Some(&["utf-8", "utf-16"][..]), ColumnUnit::Utf8),
        (None, ColumnUnit::Utf16),
    ] {
        let mut c = TestClient::start().await;
        c.initialize(encodings, false).await;
        c.open(&uri, 7, PLAN).await;
        let published = c.diagnostics(&uri, Some(7)).await;
        assert_eq!(
            published_keys(&published),
            expected_keys(&source, &expected, unit),
            "{unit:?}"
        );
        let r102 = published.iter().find(|d| d["code"] == "R102").unwrap();
        assert_eq!(r102["source"], "plan-lint");
        assert_eq!(r102["severity"], 1);
        assert_eq!(
            r102["codeDescription"]["href"],
            "https://example.invalid/plan-lint/rules/R102"
        );
        let related = r102["relatedInformation"].as_array().unwrap();
        assert_eq!(related.len(), 1);
        assert_eq!(related[0]["location"]["uri"], uri.as_str());
        // The duplicate is the second 县财政局 on line 5, after 𡿨 (two UTF-16
        // units, four bytes).
        let line = line_of(PLAN, "县科工信局");
        assert_eq!(r102["range"]["start"]["line"], line);
        let l = PLAN.split('\n').nth(line as usize).unwrap();
        let at = l.match_indices("县财政局").nth(1).unwrap().0;
        let want = match unit {
            ColumnUnit::Utf8 => at as u64,
            _ => l[..at].encode_utf16().count() as u64,
        };
        assert_eq!(r102["range"]["start"]["character"], want);
        let first = l.match_indices("县财政局").next().unwrap().0;
        let want_related = match unit {
            ColumnUnit::Utf8 => first as u64,
            _ => l[..first].encode_utf16().count() as u64,
        };
        assert_eq!(
            related[0]["location"]["range"]["start"]["character"],
            want_related
        );
        c.shutdown().await;
    }
}

/// Incremental didChange: the duplicate removed by a ranged edit, in
/// UTF-16 across a non-BMP character; diagnostics carry the new version.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_changes_relint_with_the_new_version() {
    let dir = TempDir::new("change");
    let path = dir.join("plan.txt");
    let uri = file_uri(&path);
    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    c.open(&uri, 1, PLAN).await;
    let first = c.diagnostics(&uri, Some(1)).await;
    assert!(first.iter().any(|d| d["code"] == "R102"));

    // Delete "、县财政局" (the second one) by range.
    let line = line_of(PLAN, "县科工信局");
    let start = col16(PLAN, line, "、县财政局", 0);
    let end = start + "、县财政局".encode_utf16().count() as u64;
    c.change(
        &uri,
        2,
        json!([{"range": {"start": pos(line, start), "end": pos(line, end)}, "text": ""}]),
    )
    .await;
    let second = c.diagnostics(&uri, Some(2)).await;
    assert!(!second.iter().any(|d| d["code"] == "R102"), "{second:?}");
    let text = PLAN.replacen("、县财政局等", "等", 1);
    let (source, expected) = fresh_lint(&path, &text);
    assert_eq!(
        published_keys(&second),
        expected_keys(&source, &expected, ColumnUnit::Utf16)
    );

    // A full-text change is taken as well.
    c.change(&uri, 3, json!([{"text": PLAN}])).await;
    let third = c.diagnostics(&uri, Some(3)).await;
    assert_eq!(published_keys(&third), published_keys(&first));
    c.shutdown().await;
}

/// A quick fix for a diagnostic with a fix, and source.fixAll.plan-lint.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_fix_and_fix_all() {
    let dir = TempDir::new("fix");
    let path = dir.join("plan.txt");
    let uri = file_uri(&path);
    let mut c = TestClient::start().await;
    c.initialize(Some(&["utf-8"]), false).await;
    c.open(&uri, 1, PLAN).await;
    let diagnostics = c.diagnostics(&uri, Some(1)).await;
    let r102 = diagnostics
        .iter()
        .find(|d| d["code"] == "R102")
        .unwrap()
        .clone();
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": r102["range"],
                   "context": {"diagnostics": [r102], "only": ["quickfix"]}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a.get("edit").is_some())
        .expect("a quick fix");
    assert_eq!(fix["diagnostics"][0]["code"], "R102");
    assert_eq!(fix["isPreferred"], true);
    let doc_edit = &fix["edit"]["documentChanges"][0];
    assert_eq!(doc_edit["textDocument"]["version"], 1);
    let fixed = apply_edits(
        PLAN,
        doc_edit["edits"].as_array().unwrap(),
        ColumnUnit::Utf8,
    );
    assert!(
        !actions
            .iter()
            .any(|a| a["kind"] == "source.fixAll.plan-lint")
    );
    c.change(&uri, 2, json!([{"text": fixed}])).await;
    let after = c.diagnostics(&uri, Some(2)).await;
    assert!(!after.iter().any(|d| d["code"] == "R102"), "{after:?}");

    // fixAll: every fix at once equals applying each fix of the engine.
    c.change(&uri, 3, json!([{"text": PLAN}])).await;
    c.diagnostics(&uri, Some(3)).await;
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": pos(0, 0), "end": pos(0, 0)},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let all = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "source.fixAll.plan-lint")
        .expect("fixAll")
        .clone();
    let edits = all["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .unwrap()
        .clone();
    let fixed_all = apply_edits(PLAN, &edits, ColumnUnit::Utf8);
    let (_, expected) = fresh_lint(&path, PLAN);
    let fixable = expected.iter().filter(|d| d.fix.is_some()).count();
    assert!(fixable >= 1 && edits.len() >= fixable.min(1));
    c.change(&uri, 4, json!([{"text": fixed_all}])).await;
    let after = c.diagnostics(&uri, Some(4)).await;
    let (_, remaining) = fresh_lint(&path, &fixed_all);
    assert_eq!(after.len(), remaining.len());
    assert!(
        remaining.iter().filter(|d| d.fix.is_some()).count() < fixable,
        "fixAll fixed nothing"
    );
    c.shutdown().await;
}

/// "Ignore this here" writes plan-lint-baseline.json next to the nearest
/// plan-lint.toml, never edits the document, and hides the diagnostic.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ignore_here_writes_the_baseline() {
    let dir = TempDir::new("ignore");
    std::fs::write(dir.join("plan-lint.toml"), "").unwrap();
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    let path = dir.join("docs").join("plan.txt");
    std::fs::write(&path, PLAN).unwrap();
    let uri = file_uri(&path);
    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    c.open(&uri, 1, PLAN).await;
    let before = c.diagnostics(&uri, Some(1)).await;
    let r102 = before.iter().find(|d| d["code"] == "R102").unwrap().clone();
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": r102["range"],
                   "context": {"diagnostics": [r102]}}),
        )
        .await;
    let ignore = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["command"]["command"] == "plan-lint.ignore")
        .expect("an ignore action")
        .clone();
    assert!(ignore.get("edit").is_none(), "{ignore}");
    let command = &ignore["command"];
    c.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    )
    .await;
    let after = c.diagnostics(&uri, Some(1)).await;
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.iter().any(|d| d["code"] == "R102"));
    let baseline: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("plan-lint-baseline.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(baseline["version"], 1);
    let entry = &baseline["entries"][0];
    assert_eq!(entry["file"], "docs/plan.txt");
    assert_eq!(entry["code"], "R102");
    assert_eq!(entry["text"], "县财政局");
    // The document was not touched, and no edit was asked of the client.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), PLAN);
    assert!(
        !c.log.iter().any(|m| m["method"] == "workspace/applyEdit"),
        "the server asked the client to edit something"
    );
    // No stray temporary files.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    c.shutdown().await;
}

/// "Add to accepted words" on a slip (W104) writes the word into the
/// plan-lint.toml next to the document (created, as there is none), never
/// edits the document, and the slip is gone on the next check.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accept_word_writes_the_configuration() {
    const TEXT: &str = "某某县项目管理实施方案\n一、严格审核\n1.规范项目审批。对新增项目实行提及审核,严格评估论证。(县发改局牵头,县财政局配合)\n";
    let dir = TempDir::new("accept");
    let path = dir.join("plan.txt");
    std::fs::write(&path, TEXT).unwrap();
    let uri = file_uri(&path);
    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    c.open(&uri, 1, TEXT).await;
    let before = c.diagnostics(&uri, Some(1)).await;
    let slip = before
        .iter()
        .find(|d| d["code"] == "W104")
        .unwrap_or_else(|| panic!("a slip in {before:?}"))
        .clone();
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": slip["range"],
                   "context": {"diagnostics": [slip]}}),
        )
        .await;
    let accept = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["command"]["command"] == "plan-lint.acceptWord")
        .expect("an accept action")
        .clone();
    assert_eq!(
        accept["title"],
        "将「提及审核」加入接受词表(plan-lint.toml)"
    );
    assert!(accept.get("edit").is_none(), "{accept}");
    let command = &accept["command"];
    c.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    )
    .await;
    let after = c.diagnostics(&uri, Some(1)).await;
    assert!(!after.iter().any(|d| d["code"] == "W104"), "{after:?}");
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(
        std::fs::read_to_string(dir.join("plan-lint.toml")).unwrap(),
        "accept = [\"提及审核\"]\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TEXT);
    assert!(
        !c.log.iter().any(|m| m["method"] == "workspace/applyEdit"),
        "the server asked the client to edit something"
    );
    // A configuration file that is not plan-lint.toml is refused.
    let refused = c
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "plan-lint.acceptWord",
                   "arguments": [{"uri": uri, "config": dir.join("other.toml"), "word": "某某"}]}),
        )
        .await;
    assert!(refused.get("error").is_some(), "{refused}");
    assert!(!dir.join("other.toml").exists());
    c.shutdown().await;
}

/// Hover on a diagnostic (the rule's doc), a unit (canonical name and
/// aliases from the active packs) and a quantity.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_diagnostic_unit_and_quantity() {
    let dir = TempDir::new("hover");
    std::fs::write(dir.join("plan-lint.toml"), "pack = [\"hunan\"]\n").unwrap();
    let path = dir.join("plan.txt");
    let uri = file_uri(&path);
    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    c.open(&uri, 1, PLAN).await;
    let diagnostics = c.diagnostics(&uri, Some(1)).await;
    let r102 = diagnostics.iter().find(|d| d["code"] == "R102").unwrap();
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": r102["range"]["start"]}),
        )
        .await;
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("R102") && text.contains("duplicate-unit"),
        "{text}"
    );
    assert!(text.contains("## 在查什么"), "the rule's doc: {text}");
    assert_eq!(hover["range"], r102["range"]);

    let line = line_of(PLAN, "县科工信局");
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri},
                   "position": pos(line, col16(PLAN, line, "县科工信局", 0) + 1)}),
        )
        .await;
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("县科技和工业信息化局"), "{text}");
    assert!(
        text.contains("县科工局") && text.contains("hunan"),
        "{text}"
    );

    let line = line_of(PLAN, "全县改造老旧小区5个以上");
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(line, col16(PLAN, line, "5个以上", 0))}),
        )
        .await;
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("5个以上") && text.contains("个"), "{text}");
    assert!(text.contains("以上"), "{text}");
    assert!(text.contains(&format!("第{}行", line + 1)), "{text}");
    assert_eq!(
        hover["range"]["start"]["character"],
        col16(PLAN, line, "5个以上", 0)
    );

    // Nothing to say on plain text.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(7, 0)}),
        )
        .await;
    assert!(hover.is_null(), "{hover}");
    c.shutdown().await;
}

/// The outline (headings by level, tasks as children), folding per
/// section, and references/definition on a quantity.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn symbols_folding_and_references() {
    let dir = TempDir::new("nav");
    let path = dir.join("plan.txt");
    let uri = file_uri(&path);
    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    c.open(&uri, 1, PLAN).await;
    c.diagnostics(&uri, Some(1)).await;

    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("一、工作目标")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.starts_with("三、保障措施")),
        "{names:?}"
    );
    let tasks = symbols
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str().unwrap().starts_with("二、"))
        .unwrap();
    let sub = &tasks["children"][0];
    assert!(
        sub["name"].as_str().unwrap().contains("推进城市更新"),
        "{sub}"
    );
    let items: Vec<&Value> = sub["children"].as_array().unwrap().iter().collect();
    assert_eq!(items.len(), 2, "{sub}");
    assert!(items[0]["name"].as_str().unwrap().contains("改造老旧小区"));
    assert!(
        items[0]["detail"]
            .as_str()
            .unwrap_or("")
            .contains("县住建局"),
        "{}",
        items[0]
    );
    // Every child's range is inside its parent's.
    fn check(s: &Value) {
        for child in s["children"].as_array().into_iter().flatten() {
            let (p, c) = (&s["range"], &child["range"]);
            let key = |v: &Value| {
                (
                    v["line"].as_u64().unwrap(),
                    v["character"].as_u64().unwrap(),
                )
            };
            assert!(key(&p["start"]) <= key(&c["start"]) && key(&c["end"]) <= key(&p["end"]));
            check(child);
        }
    }
    symbols.as_array().unwrap().iter().for_each(check);

    let folds = c
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let folds: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(folds.contains(&(1, 2)), "{folds:?}");
    assert!(folds.contains(&(3, 6)), "{folds:?}");
    assert!(folds.contains(&(4, 6)), "{folds:?}");

    let line = line_of(PLAN, "全县改造老旧小区5个以上");
    let at = pos(line, col16(PLAN, line, "5个以上", 0) + 1);
    let refs = c
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": at, "context": {"includeDeclaration": true}}),
        )
        .await;
    let refs = refs.as_array().unwrap();
    assert!(!refs.is_empty());
    assert!(refs.iter().all(|r| r["uri"] == uri.as_str()));
    assert!(
        refs.iter().any(|r| r["range"]["start"]["line"] == line),
        "{refs:?}"
    );
    let defs = c
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": at}),
        )
        .await;
    assert!(!defs.as_array().unwrap().is_empty());
    // Not on a quantity: nothing.
    let none = c
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": pos(0, 1), "context": {"includeDeclaration": true}}),
        )
        .await;
    assert!(none.is_null(), "{none}");
    c.shutdown().await;
}

/// A changed plan-lint.toml is reloaded on didChangeWatchedFiles and on
/// didChangeConfiguration, and open documents are re-linted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configuration_reload() {
    let dir = TempDir::new("reload");
    let config = dir.join("plan-lint.toml");
    std::fs::write(&config, "").unwrap();
    let path = dir.join("plan.txt");
    let uri = file_uri(&path);
    let mut c = TestClient::start().await;
    c.initialize(None, true).await;
    c.open(&uri, 1, PLAN).await;
    let before = c.diagnostics(&uri, Some(1)).await;
    assert!(before.iter().any(|d| d["code"] == "R102"));

    std::fs::write(&config, "ignore = [\"R102\"]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    )
    .await;
    let after = c.diagnostics(&uri, Some(1)).await;
    assert!(!after.iter().any(|d| d["code"] == "R102"), "{after:?}");
    assert_eq!(after.len(), before.len() - 1);

    std::fs::write(&config, "[severity]\nR102 = \"info\"\n").unwrap();
    c.notify("workspace/didChangeConfiguration", json!({"settings": {}}))
        .await;
    let again = c.diagnostics(&uri, Some(1)).await;
    let r102 = again.iter().find(|d| d["code"] == "R102").unwrap();
    assert_eq!(r102["severity"], 3);
    c.shutdown().await;
}

/// A broken plan-lint.toml: a diagnostic on it, a showMessage, and the
/// last good configuration stays in use; fixing it clears the diagnostic.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_configuration_keeps_the_last_good_one() {
    let dir = TempDir::new("broken");
    let config = dir.join("plan-lint.toml");
    std::fs::write(&config, "ignore = [\"R102\"]\n").unwrap();
    let path = dir.join("plan.txt");
    let uri = file_uri(&path);
    let config_uri = file_uri(&config);
    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    c.open(&uri, 1, PLAN).await;
    let good = c.diagnostics(&uri, Some(1)).await;
    assert!(!good.iter().any(|d| d["code"] == "R102"));

    std::fs::write(
        &config,
        "ignore = [\"R102\"]\n[severity]\nR102 = \"fatal\"\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    )
    .await;
    let on_config = c.diagnostics(&config_uri, None).await;
    assert_eq!(on_config.len(), 1);
    let d = &on_config[0];
    assert!(d["message"].as_str().unwrap().contains("fatal"), "{d}");
    assert_eq!(d["range"]["start"]["line"], 2);
    assert_eq!(d["range"]["start"]["character"], 7);
    let message = c
        .wait_for("showMessage", |m| m["method"] == "window/showMessage")
        .await;
    assert_eq!(message["params"]["type"], 1);
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("plan-lint.toml")
    );
    let still = c.diagnostics(&uri, Some(1)).await;
    assert_eq!(published_keys(&still), published_keys(&good));

    std::fs::write(&config, "").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    )
    .await;
    let cleared = c.diagnostics(&config_uri, None).await;
    assert!(cleared.is_empty());
    let fixed = c.diagnostics(&uri, Some(1)).await;
    assert!(fixed.iter().any(|d| d["code"] == "R102"));

    // A document opened under a configuration that is broken from the
    // start: linted with the defaults, the error shown.
    let other = TempDir::new("broken-first");
    std::fs::write(other.join("plan-lint.toml"), "selct = []\n").unwrap();
    let other_uri = file_uri(&other.join("plan.txt"));
    c.open(&other_uri, 1, PLAN).await;
    let on_config = c
        .diagnostics(&file_uri(&other.join("plan-lint.toml")), None)
        .await;
    assert!(on_config[0]["message"].as_str().unwrap().contains("selct"));
    let linted = c.diagnostics(&other_uri, Some(1)).await;
    assert!(linted.iter().any(|d| d["code"] == "R102"));
    c.shutdown().await;
}

/// An edit storm: versions published never go backwards, and the final
/// diagnostics equal a fresh lint of the final text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_storm_ends_in_step_with_a_fresh_lint() {
    let dir = TempDir::new("storm");
    let path = dir.join("plan.txt");
    let uri = file_uri(&path);
    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    let mut text = PLAN.repeat(20);
    c.open(&uri, 1, &text).await;
    let pieces = [
        "改",
        "𠀾",
        "\r\n",
        "\n",
        "、县财政局",
        "5个以上",
        "",
        "一、",
        "(县住建局牵头)",
    ];
    let mut state: u64 = 1234;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    let mut version = 1;
    for _ in 0..500 {
        let source = plan_lint_core::Source::new("t", text.clone());
        let line = next(source.line_count());
        let width = source.line_text(line).encode_utf16().count();
        let mut start = next(width + 1);
        let mut end = (start + next(3)).min(width);
        // Keep both ends off the middle of a surrogate pair.
        while source.byte_of_utf16(line, start).is_err() {
            start -= 1;
        }
        while source.byte_of_utf16(line, end).is_err() {
            end += 1;
        }
        let piece = pieces[next(pieces.len())];
        let (a, b) = (
            source.byte_of_utf16(line, start).unwrap(),
            source.byte_of_utf16(line, end).unwrap(),
        );
        text.replace_range(a..b, piece);
        version += 1;
        c.change(
            &uri,
            version,
            json!([{"range": {"start": pos(line as u64, start as u64), "end": pos(line as u64, end as u64)}, "text": piece}]),
        )
        .await;
    }
    let last = c.diagnostics(&uri, Some(version)).await;
    let (source, expected) = fresh_lint(&path, &text);
    // The idle check may republish the same version: take the last word.
    let mut settled = last;
    for m in c.settle(Duration::from_millis(1000)).await {
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str() {
            assert_eq!(m["params"]["version"], version);
            settled = m["params"]["diagnostics"].as_array().unwrap().clone();
        }
    }
    assert_eq!(
        published_keys(&settled),
        expected_keys(&source, &expected, ColumnUnit::Utf16)
    );
    let versions: Vec<i64> = c
        .log
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "published out of order: {versions:?}"
    );
    eprintln!(
        "edit storm: 500 edits, {} publications (coalesced)",
        versions.len()
    );
    c.shutdown().await;
}

/// A broken baseline file is reported once, not used, and never
/// overwritten by "ignore this here".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_baseline_is_reported_and_left_alone() {
    let dir = TempDir::new("bad-baseline");
    std::fs::write(dir.join("plan-lint.toml"), "").unwrap();
    let baseline = dir.join("plan-lint-baseline.json");
    std::fs::write(&baseline, "{\"version\": 1, \"entries\": [}").unwrap();
    let uri = file_uri(&dir.join("plan.txt"));
    let mut c = TestClient::start().await;
    c.initialize(None, false).await;
    c.open(&uri, 1, PLAN).await;
    let diagnostics = c.diagnostics(&uri, Some(1)).await;
    let message = c
        .wait_for("showMessage", |m| m["method"] == "window/showMessage")
        .await;
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("baseline not used"),
        "{message}"
    );
    let r102 = diagnostics
        .iter()
        .find(|d| d["code"] == "R102")
        .unwrap()
        .clone();
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": r102["range"],
                   "context": {"diagnostics": [r102]}}),
        )
        .await;
    // Not offered while the file cannot be read back.
    assert!(
        !actions
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["command"]["command"] == "plan-lint.ignore"),
        "{actions}"
    );
    // Asked anyway: refused, the file untouched.
    let entry = json!({"file": "plan.txt", "code": "R102", "rule": "duplicate-unit",
                       "text": "县财政局", "context": "x", "count": 1});
    let response = c
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "plan-lint.ignore",
                   "arguments": [{"uri": uri, "baseline": baseline, "entry": entry}]}),
        )
        .await;
    assert!(response.get("error").is_some(), "{response}");
    assert_eq!(
        std::fs::read_to_string(&baseline).unwrap(),
        "{\"version\": 1, \"entries\": [}"
    );
    // Reported once: a further edit brings no second message.
    c.change(&uri, 2, json!([{"text": PLAN.replace("三、", "四、")}]))
        .await;
    c.diagnostics(&uri, Some(2)).await;
    let later = c.settle(Duration::from_millis(300)).await;
    let warnings = later
        .iter()
        .filter(|m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|t| t.contains("baseline not used"))
        })
        .count();
    assert_eq!(warnings, 0);
    c.shutdown().await;
}

/// `initializationOptions.packs` (VS Code's `planLint.packs`) chooses the
/// packs as `--pack` does: with hunan, a unit and the alias only the hunan
/// pack knows (a development zone's short name; departments are national)
/// in one list are a duplicate.
#[tokio::test]
async fn initialization_options_choose_the_packs() {
    let dir = TempDir::new("init-packs");
    let path = dir.join("plan.txt");
    let text = "1.培育企业。\n县发改局牵头,衡南高新区、县财政局、衡南高新技术产业开发区等配合。\n";
    std::fs::write(&path, text).unwrap();
    let uri = file_uri(&path);
    for (packs, expected) in [(json!([]), 0), (json!(["hunan"]), 1)] {
        let mut client = TestClient::start().await;
        client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": null,
                    "capabilities": {},
                    "initializationOptions": {"packs": packs},
                }),
            )
            .await;
        client.notify("initialized", json!({})).await;
        client.open(&uri, 1, text).await;
        let published = client.diagnostics(&uri, Some(1)).await;
        let duplicates = published.iter().filter(|d| d["code"] == "R102").count();
        assert_eq!(duplicates, expected, "packs {packs}: {published:#?}");
        client.shutdown().await;
    }
}
