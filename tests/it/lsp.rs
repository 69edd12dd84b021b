//! `actionplan lsp`: the binary as an editor starts it, spoken to in
//! JSON-RPC with `Content-Length` framing over its stdin and stdout, on the
//! example plan and edits of it. Each test asserts what a client would see.

use crate::support::lsp;

use std::process::Command;

use lsp::{Client, URI, example, labels, pos, range_of};
use serde_json::{Value, json};

#[test]
fn initialize_then_shutdown_and_exit_by_the_protocol() {
    let mut client = Client::start();
    // Before `initialize`, a request is refused.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    let init = client.request(
        "initialize",
        json!({ "capabilities": {}, "processId": null }),
    );
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(
        caps["textDocumentSync"]["change"], 2,
        "incremental sync: {caps}"
    );
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    for capability in [
        "completionProvider",
        "definitionProvider",
        "referencesProvider",
        "hoverProvider",
        "documentSymbolProvider",
        "codeActionProvider",
    ] {
        assert!(!caps[capability].is_null(), "{capability} missing: {caps}");
    }
    assert_eq!(init["result"]["serverInfo"]["name"], "actionplan");
    client.notify("initialized", json!({}));
    let answer = client.request("shutdown", Value::Null);
    assert_eq!(answer["result"], Value::Null);
    // After `shutdown`, requests are refused until `exit`.
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600, "{late}");
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));

    // `exit` without `shutdown` exits with 1.
    let mut client = Client::start();
    client.request("initialize", json!({ "capabilities": {} }));
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));

    // So does an editor that goes away: the end of the input.
    let mut client = Client::with(&example());
    client.diagnostics(1);
    client.stdin = None;
    assert_eq!(client.exit_code(), Some(1));
}

#[test]
fn help_says_how_to_start_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .args(["lsp", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("language server (LSP 3.17)") && help.contains("docs/editors.md"),
        "{help}"
    );
    assert!(
        help.contains("--today") && help.contains("--docs-url"),
        "{help}"
    );
}

#[test]
fn diagnostics_follow_the_buffer_and_clear_when_fixed() {
    let text = example();
    let mut client = Client::with(&text);
    assert_eq!(
        client.diagnostics(1),
        Vec::<Value>::new(),
        "the example plan is valid"
    );

    // An incremental edit: `responsible: social` → `responsible: socal`.
    let at = pos(&text, "responsible: social", 13);
    client.change(2, (at, (at.0, at.1 + 6)), "socal");
    let found = client.diagnostics(2);
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["code"], "E107");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "actionplan");
    // Issue 24 #15: no address is made up; a link only with `--docs-url`.
    assert!(d.get("codeDescription").is_none(), "{d}");
    assert_eq!(range_of(&d["range"]), (at, (at.0, at.1 + 5)));
    let message = d["message"].as_str().unwrap();
    assert!(
        message.starts_with("no body with id `socal` is declared\nhelp: did you mean `social`?"),
        "{message}"
    );
    let related = &d["relatedInformation"][0];
    assert_eq!(related["message"], "bodies are declared here");
    assert_eq!(related["location"]["uri"], URI);
    assert_eq!(
        range_of(&related["location"]["range"]).0,
        pos(&text, "  council:", 2)
    );

    // A second edit fixes it: the diagnostics are cleared.
    client.change(3, (at, (at.0, at.1 + 5)), "social");
    assert_eq!(client.diagnostics(3), Vec::<Value>::new());
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn ranges_count_utf16_units_after_swedish_letters_and_an_emoji() {
    let text = example().replace(
        "  police:\n    name: Northfield Police District\n    kind: external",
        "  police: { name: \"Polisen i Umeå, Västerås och Örebro 🚓\", kind: externl }",
    );
    let mut client = Client::with(&text);
    let found = client.diagnostics(1);
    let d = found
        .iter()
        .find(|d| d["code"] == "E102")
        .unwrap_or_else(|| panic!("{found:?}"));
    let start = pos(&text, "externl }", 0);
    let line = text.lines().nth(start.0 as usize).unwrap();
    // Bytes, characters and UTF-16 units all differ before the error on this line.
    let byte_column = line.find("externl").unwrap();
    assert!(byte_column > line[..byte_column].chars().count());
    assert!(line[..byte_column].chars().count() < start.1 as usize);
    assert_eq!(range_of(&d["range"]), (start, (start.0, start.1 + 7)));
    // And a quick fix edits exactly that range.
    let fix = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": d["range"], "context": { "diagnostics": [d] } }),
    );
    let action = &fix["result"][0];
    assert_eq!(action["title"], "Change `externl` to `external`");
    assert_eq!(action["kind"], "quickfix");
    let edit = &action["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "external");
    assert_eq!(range_of(&edit["range"]), (start, (start.0, start.1 + 7)));

    // Issue 22: with the cursor at the start of the line, an editor asks for
    // an empty range there and names the line's diagnostic in the context;
    // the fix is offered all the same. Without the context, an empty range
    // away from the diagnostic offers nothing.
    let line_start = json!({ "line": start.0, "character": 0 });
    let cursor = json!({ "start": line_start, "end": line_start });
    let at_line_start = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": cursor, "context": { "diagnostics": [d] } }),
    );
    assert_eq!(
        at_line_start["result"][0]["title"], "Change `externl` to `external`",
        "{at_line_start}"
    );
    let unnamed = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": cursor, "context": { "diagnostics": [] } }),
    );
    assert_eq!(unnamed["result"], json!([]), "{unnamed}");

    // An edit typed after the emoji lands after it.
    let after = pos(&text, "🚓", "🚓".len());
    client.change(2, (after, after), "!");
    let shifted = (start.0, start.1 + 1);
    client.change(3, (shifted, (start.0, start.1 + 8)), "external");
    assert_eq!(client.diagnostics(3), Vec::<Value>::new());
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    assert!(symbols["result"].is_array());
}

#[test]
fn definition_references_and_hover() {
    let text = example();
    let mut client = Client::with(&text);
    let use_ = pos(&text, "responsible: social", 15);
    let definition = client.at("textDocument/definition", use_, json!({}));
    let location = &definition["result"][0];
    assert_eq!(location["uri"], URI);
    assert_eq!(
        range_of(&location["range"]),
        (pos(&text, "  social:", 2), pos(&text, "  social:", 8))
    );

    let references = client.at(
        "textDocument/references",
        use_,
        json!({ "context": { "includeDeclaration": false } }),
    );
    let n = text.matches("responsible: social").count()
        + text.matches("[social]").count()
        + text.matches("reporter: social").count();
    assert_eq!(
        references["result"].as_array().unwrap().len(),
        n,
        "{references}"
    );

    let hover = client.at("textDocument/hover", use_, json!({}));
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("Social Services Committee")
            && value.contains("(SSC)")
            && value.contains("`committee`"),
        "{value}"
    );

    let indicator = client.at(
        "textDocument/hover",
        pos(&text, "indicators: [I1]", 14),
        json!({}),
    );
    let value = indicator["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("baseline: 50 percent (2024)")
            && value.contains("target: 100 percent (2027)"),
        "{value}"
    );
    let indicator_def = client.at(
        "textDocument/definition",
        pos(&text, "indicators: [I1]", 14),
        json!({}),
    );
    assert_eq!(
        range_of(&indicator_def["result"][0]["range"]).0,
        pos(&text, "- id: I1", 6)
    );

    let measure = client.at(
        "textDocument/hover",
        pos(&text, "- id: \"1.1\"", 8),
        json!({}),
    );
    let value = measure["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("Set up a single point of contact"),
        "{value}"
    );
    assert!(
        value.contains("responsible: `social` (Social Services Committee)"),
        "{value}"
    );
    assert!(
        value.contains("deadline: 2025\\-12\\-31") || value.contains("deadline: 2025-12-31"),
        "{value}"
    );
    assert!(value.contains("status: "), "{value}");

    // Nothing at a key that is not an id.
    let nothing = client.at(
        "textDocument/definition",
        pos(&text, "title:", 1),
        json!({}),
    );
    assert_eq!(nothing["result"], Value::Null);
}

#[test]
fn navigation_works_on_a_plan_with_errors() {
    // An unknown key and a missing deadline: the plan does not load, yet its ids are found.
    let text = example().replacen(
        "        deadline: 2025-12-31\n",
        "        deadlin: 2025-12-31\n",
        1,
    );
    let mut client = Client::with(&text);
    let found = client.diagnostics(1);
    assert!(found.iter().any(|d| d["code"] == "E003"), "{found:?}");
    let definition = client.at(
        "textDocument/definition",
        pos(&text, "partners: [shelter", 12),
        json!({}),
    );
    assert_eq!(
        range_of(&definition["result"][0]["range"]).0,
        pos(&text, "  shelter:", 2)
    );
    // The unknown key's did-you-mean is a quick fix.
    let key = pos(&text, "deadlin:", 0);
    let fix = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": key.0, "character": key.1 }, "end": { "line": key.0, "character": key.1 } }, "context": { "diagnostics": [] } }),
    );
    assert_eq!(
        fix["result"][0]["edit"]["changes"][URI][0]["newText"], "deadline",
        "{fix}"
    );
}

#[test]
fn completion_of_ids_values_and_keys() {
    let text = example()
        .replacen(
            "        responsible: social\n",
            "        responsible: \n",
            1,
        )
        .replacen("        indicators: [I1]\n", "        indicators: [I]\n", 1)
        .replace(
            "  reporter: social\n",
            "  reporter: social\n  reports:\n    - date: 2025-06-30\n      measures:\n        \n",
        );
    let mut client = Client::with(&text);

    let bodies = client.at(
        "textDocument/completion",
        pos(&text, "responsible: \n", 13),
        json!({}),
    );
    assert_eq!(
        labels(&bodies),
        [
            "council",
            "exec",
            "social",
            "education",
            "police",
            "shelter"
        ]
    );
    let social = &bodies["result"][2];
    assert_eq!(
        social["labelDetails"]["description"],
        "Social Services Committee"
    );

    let indicators = client.at(
        "textDocument/completion",
        pos(&text, "indicators: [I]", 14),
        json!({}),
    );
    assert_eq!(labels(&indicators), ["I1", "I2", "I3"]);
    let edit = &indicators["result"][0]["textEdit"];
    assert_eq!(
        range_of(&edit["range"]),
        (
            pos(&text, "indicators: [I]", 13),
            pos(&text, "indicators: [I]", 14)
        )
    );

    let measures = client.at(
        "textDocument/completion",
        pos(&text, "measures:\n        \n", 18),
        json!({}),
    );
    assert_eq!(
        labels(&measures),
        [
            "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3"
        ]
    );

    let status = client.at(
        "textDocument/completion",
        pos(&text, "status: ", 8),
        json!({}),
    );
    let statuses = labels(&status);
    assert!(
        statuses.contains(&"draft".to_string()) && statuses.contains(&"adopted".to_string()),
        "{statuses:?}"
    );

    let frequency = client.at(
        "textDocument/completion",
        pos(&text, "frequency: half-yearly", 11),
        json!({}),
    );
    assert!(
        labels(&frequency).contains(&"yearly".to_string()),
        "{frequency}"
    );

    // A key on a fresh line of a measure: those it lacks, required first.
    let fresh = text.replacen(
        "        partners: [shelter, police]\n",
        "        partners: [shelter, police]\n        \n",
        1,
    );
    client.change(2, ((0, 0), (99_999, 0)), &fresh);
    let keys = client.at(
        "textDocument/completion",
        pos(&fresh, "police]\n        \n", 16),
        json!({}),
    );
    let keys = labels(&keys);
    assert_eq!(keys, ["description", "indicators"]);
    let fresh = text.replacen(
        "        deadline: 2025-09\n",
        "        deadline: 2025-09\n        \n",
        1,
    );
    client.change(3, ((0, 0), (99_999, 0)), &fresh);
    let keys = client.at(
        "textDocument/completion",
        pos(&fresh, "2025-09\n        \n", 16),
        json!({}),
    );
    assert_eq!(labels(&keys), ["cost", "description", "partners"]);
    assert_eq!(keys["result"][0]["detail"], "optional");
}

/// Issue 22, defect 1: a goal's id is also a key under each follow-up
/// report's `goals`; renaming the goal renames those keys, and they lead to
/// the goal (definition, references).
#[test]
fn renaming_a_goal_renames_its_follow_up_keys() {
    let text = example();
    let mut client = Client::with(&text);
    let goal = pos(&text, "- id: G3", 6);
    let keys = text.matches("\n        G3:").count();
    assert!(keys >= 1, "the example plan assesses G3 in a report");
    let renamed = client.at("textDocument/rename", goal, json!({ "newName": "G3b" }));
    let edits = renamed["result"]["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 1 + keys, "{renamed}");
    let key = pos(&text, "\n        G3:", 9);
    assert!(
        edits
            .iter()
            .any(|e| range_of(&e["range"]) == (key, (key.0, key.1 + 2))),
        "no edit of the follow-up key: {renamed}"
    );
    let definition = client.at("textDocument/definition", key, json!({}));
    assert_eq!(
        range_of(&definition["result"][0]["range"]).0,
        goal,
        "{definition}"
    );
    let references = client.at(
        "textDocument/references",
        goal,
        json!({ "context": { "includeDeclaration": true } }),
    );
    assert_eq!(references["result"].as_array().unwrap().len(), 1 + keys);
}

#[test]
fn rename_and_its_refusals() {
    let text = example();
    let mut client = Client::with(&text);
    let at = pos(&text, "partners: [shelter", 12);
    let prepared = client.at("textDocument/prepareRename", at, json!({}));
    assert_eq!(prepared["result"]["placeholder"], "shelter");
    assert_eq!(
        range_of(&prepared["result"]["range"]),
        (
            pos(&text, "partners: [shelter", 11),
            pos(&text, "partners: [shelter", 18)
        )
    );

    let renamed = client.at("textDocument/rename", at, json!({ "newName": "jour" }));
    let edits = renamed["result"]["changes"][URI].as_array().unwrap();
    assert_eq!(
        edits.len(),
        1 + text.matches("[shelter").count() + text.matches(" shelter]").count()
    );
    assert!(edits.iter().all(|e| e["newText"] == "jour"));

    let not_an_id = client.at(
        "textDocument/prepareRename",
        pos(&text, "title:", 1),
        json!({}),
    );
    assert!(
        not_an_id["error"]["message"]
            .as_str()
            .unwrap()
            .contains("only an id can be renamed"),
        "{not_an_id}"
    );
    let invalid = client.at("textDocument/rename", at, json!({ "newName": "två ord" }));
    assert!(
        invalid["error"]["message"]
            .as_str()
            .unwrap()
            .contains("is not a valid id"),
        "{invalid}"
    );
    let taken = client.at("textDocument/rename", at, json!({ "newName": "police" }));
    assert!(
        taken["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already the id of a body"),
        "{taken}"
    );
    // A measure id shares its namespace with goals.
    let measure = client.at(
        "textDocument/rename",
        pos(&text, "- id: \"1.1\"", 8),
        json!({ "newName": "G2" }),
    );
    assert!(
        measure["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already the id of a goal"),
        "{measure}"
    );
    // Issue 24 #16: "an indicator", not "a indicator".
    let indicator = client.at(
        "textDocument/rename",
        pos(&text, "- id: \"1.1\"", 8),
        json!({ "newName": "I1" }),
    );
    let message = indicator["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("already the id of an indicator"),
        "{indicator}"
    );
}

#[test]
fn outline_of_sections_goals_indicators_and_measures() {
    let text = example();
    let mut client = Client::with(&text);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    let symbols = symbols["result"].as_array().unwrap();
    let details: Vec<&str> = symbols
        .iter()
        .map(|s| s["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        details,
        [
            "section background",
            "section purpose",
            "goal G1",
            "goal G2",
            "goal G3"
        ]
    );
    let g1: Vec<&str> = symbols[2]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        g1,
        ["indicator I1", "measure 1.1", "measure 1.2", "measure 1.3"]
    );
    assert_eq!(
        range_of(&symbols[2]["selectionRange"]).0,
        pos(&text, "- id: G1", 6)
    );
}

#[test]
fn cancellation_unknown_documents_and_bad_input() {
    let text = example();
    let mut client = Client::with(&text);
    client.diagnostics(1);
    // A request cancelled before the server reached it is answered as cancelled.
    client.notify("$/cancelRequest", json!({ "id": 500 }));
    client.send(
        json!({ "jsonrpc": "2.0", "id": 500, "method": "textDocument/hover",
        "params": { "textDocument": { "uri": URI }, "position": { "line": 0, "character": 0 } } }),
    );
    let cancelled = client.response(json!(500));
    assert_eq!(cancelled["error"]["code"], -32800, "{cancelled}");
    // Cancelling what was answered already changes nothing.
    client.notify("$/cancelRequest", json!({ "id": 1 }));

    let unknown = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///not/open.yaml" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
    assert!(
        unknown["error"]["message"]
            .as_str()
            .unwrap()
            .contains("is not open")
    );

    // Not JSON, not a message, bad parameters, an unknown method, positions out of range.
    client.send_raw("Content-Length: 9\r\n\r\n{not json");
    let parse_error = client.wait("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);
    client.send(json!({ "jsonrpc": "2.0", "id": {"x": 1}, "method": "x" }));
    client.wait("an invalid request", |m| m["error"]["code"] == -32600);
    let bad = client.request("textDocument/hover", json!({ "position": "here" }));
    assert_eq!(bad["error"]["code"], -32602);
    let unknown_method = client.request("textDocument/formatting", json!({}));
    assert_eq!(unknown_method["error"]["code"], -32601);
    let far = client.at("textDocument/completion", (99_999, 99_999), json!({}));
    assert!(far["result"].is_array(), "{far}");
    client.change(2, ((5_000, 3), (1, 99_999)), "🚓");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "file:///nope", "version": 1 }, "contentChanges": [] }),
    );
    assert!(!client.diagnostics(2).is_empty());
    // A whole-text change (no range) puts the plan back.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 3 }, "contentChanges": [{ "text": text }] }),
    );
    assert_eq!(client.diagnostics(3), Vec::<Value>::new());
    // Still serving.
    let hover = client.at(
        "textDocument/hover",
        pos(&text, "reporter: social", 11),
        json!({}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Social Services")
    );
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn closing_a_document_clears_its_diagnostics_and_forgets_it() {
    let text = example().replacen("status: draft", "status: drafty", 1);
    let mut client = Client::with(&text);
    assert_eq!(client.diagnostics(1)[0]["code"], "E102");
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    let cleared = client.wait("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(cleared["params"]["uri"], URI);
    let gone = client.at("textDocument/hover", (0, 0), json!({}));
    assert_eq!(gone["error"]["code"], -32602);
}

/// Issue 24, 8: after each broken frame the server finds the next
/// `Content-Length:` and answers the valid requests that follow it.
#[test]
fn the_server_answers_again_after_each_broken_frame() {
    let text = example();
    let mut client = Client::with(&text);
    client.diagnostics(1);
    let hover = |id: i64| {
        json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
            "params": { "textDocument": { "uri": URI },
                "position": { "line": 0, "character": 0 } } })
        .to_string()
    };
    let framed = |body: &str, length: i64| format!("Content-Length: {length}\r\n\r\n{body}");
    let body = hover(9_999);
    let len = body.len() as i64;
    let faults = [
        ("5 bytes short", framed(&body, len - 5)),
        ("10 bytes long", framed(&body, len + 10)),
        ("-5", format!("Content-Length: -5\r\n\r\n{body}")),
        (
            "10^12",
            format!("Content-Length: 1000000000000\r\n\r\n{body}"),
        ),
        ("a missing header", body.clone()),
        ("a 1 MB header line", "H".repeat(1 << 20)),
    ];
    let mut id = 100;
    for (what, fault) in faults {
        client.send_raw(&fault);
        // Two valid requests: the first right after the fault, as an editor sends it.
        for _ in 0..2 {
            id += 1;
            client.send_raw(&framed(&hover(id), hover(id).len() as i64));
            let answer = client.wait(&format!("the answer to {id} after {what}"), |m| {
                m["id"] == id
            });
            assert!(answer.get("error").is_none(), "{what}: {answer}");
            assert!(answer.get("result").is_some(), "{what}: {answer}");
        }
    }
    assert_eq!(client.shut_down(), Some(0));
}

/// Input that never frames a message is not LSP: the server says so on
/// stderr and exits, so the editor can start it again.
#[test]
fn input_without_frames_ends_the_server_with_a_message() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .args(["lsp"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let junk = vec![b'j'; 1 << 20];
        // MAX_SKIP is 128 MiB: a little more, then stop (the server may be gone).
        for _ in 0..140 {
            if stdin.write_all(&junk).is_err() {
                return;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no Content-Length header in") && stderr.contains("not LSP"),
        "{stderr}"
    );
}

/// Issue 24 #15: a diagnostic's code links to its documentation only where
/// the user says it is published, and hovering the diagnostic shows the
/// entry itself, from the copy built into the binary.
#[test]
fn codes_link_only_to_a_given_docs_url_and_hover_explains_them() {
    let text = example().replacen("responsible: social", "responsible: socal", 1);
    let url = "https://plans.example.org/docs/diagnostics.md";
    let mut client = Client::with_args(&text, &["--docs-url", url]);
    let found = client.diagnostics(1);
    let d = found.iter().find(|d| d["code"] == "E107").expect("E107");
    assert_eq!(d["codeDescription"]["href"], format!("{url}#E107"));
    let at = pos(&text, "responsible: socal", 14);
    let hover = client.at("textDocument/hover", at, json!({}));
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("**E107: reference to an undeclared body**"),
        "{value}"
    );
    assert!(value.contains("with a did-you-mean"), "{value}");
    // What navigate says about the id stays, above the entry.
    assert!(
        value.contains("no body with id `socal` is declared"),
        "{value}"
    );
    // Away from any diagnostic, hover is as it was.
    let elsewhere = client.at(
        "textDocument/hover",
        pos(&text, "owner: exec", 8),
        json!({}),
    );
    let value = elsewhere["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(!value.contains("E107"), "{value}");
    assert_eq!(client.shut_down(), Some(0));
}
