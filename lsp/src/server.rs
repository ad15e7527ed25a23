//! The protocol handlers and the lint worker.
//!
//! Notifications that change text (`didOpen`, `didChange`, `didClose`)
//! update the document synchronously, before their first `await`, so they
//! take effect in the order the client sent them even though the transport
//! runs handlers concurrently. Linting never happens on the request path:
//! a change marks the document dirty and wakes the single lint worker,
//! which analyses the newest text of each dirty document (so a burst of
//! edits costs one lint) and publishes its diagnostics only if that
//! version is still the current one. Publications all come from the one
//! worker, in order, so an older version is never published after a newer.
//!
//! Requests (hover, code actions, …) wait for an analysis at least as new
//! as the document was when they arrived.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{mpsc, watch};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use plan_lint_config::discover::CONFIG_FILE;
use plan_lint_config::pack::PackRequest;
use plan_lint_core::source::ColumnUnit;
use plan_lint_core::{Source, Span, syntax};

use crate::analysis::{self, Analysis, Plan};
use crate::convert;
use crate::document::OpenDocument;
use crate::features::{self, ACCEPT_COMMAND, AcceptArgs, EditStyle, IGNORE_COMMAND, IgnoreArgs};
use crate::workspace::{self, Problem, Workspace};

/// How long a request waits for the analysis of the version it was made
/// against before answering from an older one (or not at all).
const REQUEST_WAIT: Duration = Duration::from_secs(30);

/// An analysis slower than this is logged to the client.
const SLOW_LINT: Duration = Duration::from_millis(500);

/// How long the worker must have had nothing to do before it checks
/// incremental parses against fresh ones (so the check never delays a
/// diagnostic while someone types).
const VERIFY_AFTER: Duration = Duration::from_millis(300);

/// Work for the lint worker.
#[derive(Debug)]
enum Job {
    /// Lint this document if it is dirty.
    Lint(Uri),
    /// The document was closed: clear its diagnostics unless it was
    /// reopened meanwhile.
    Closed(Uri),
    /// Configuration, packs or baselines changed: reload, then re-lint
    /// every open document.
    Reload,
}

struct Shared {
    unit: Mutex<ColumnUnit>,
    edit_style: Mutex<EditStyle>,
    dynamic_watch: Mutex<bool>,
    docs: Mutex<HashMap<Uri, OpenDocument>>,
    workspace: Mutex<Workspace>,
    /// The plan sets recognised in the open documents' folders.
    folders: Mutex<crate::sets::Folders>,
    /// Configuration files with a published error diagnostic.
    config_diagnostics: Mutex<Vec<Uri>>,
    jobs: mpsc::UnboundedSender<Job>,
    /// Bumped whenever an analysis is stored, for waiting requests.
    analysed: watch::Sender<u64>,
    generation: AtomicU64,
}

/// Locks a mutex; a panic elsewhere does not make the state unusable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The language server.
pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
}

impl Backend {
    /// A server talking to `client`; starts the lint worker (so it must be
    /// called inside a Tokio runtime).
    pub fn new(client: Client) -> Backend {
        let (jobs, rx) = mpsc::unbounded_channel();
        let (analysed, _) = watch::channel(0);
        let shared = Arc::new(Shared {
            unit: Mutex::new(ColumnUnit::Utf16),
            edit_style: Mutex::new(EditStyle::default()),
            dynamic_watch: Mutex::new(false),
            docs: Mutex::new(HashMap::new()),
            workspace: Mutex::new(Workspace::new()),
            folders: Mutex::default(),
            config_diagnostics: Mutex::new(Vec::new()),
            jobs,
            analysed,
            generation: AtomicU64::new(1),
        });
        tokio::spawn(worker(shared.clone(), client.clone(), rx));
        Backend { client, shared }
    }

    fn unit(&self) -> ColumnUnit {
        *lock(&self.shared.unit)
    }

    /// "Add to accepted words": the word goes into `plan-lint.toml`
    /// (created when absent, the rest of it kept), the configuration is
    /// reloaded and every open document linted again.
    async fn accept_word(
        &self,
        arguments: Vec<serde_json::Value>,
    ) -> Result<Option<serde_json::Value>> {
        let args: AcceptArgs = arguments
            .into_iter()
            .next()
            .and_then(|v| serde_json::from_value(v).ok())
            .ok_or_else(|| {
                tower_lsp_server::jsonrpc::Error::invalid_params(
                    "expected {uri, config, word}".to_string(),
                )
            })?;
        if args.config.file_name().and_then(|n| n.to_str()) != Some(CONFIG_FILE) {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "not a {CONFIG_FILE} file"
            )));
        }
        match plan_lint_config::accept::accept_word(&args.config, &args.word) {
            Ok(total) => {
                self.client
                    .log_message(
                        MessageType::INFO,
                        format!(
                            "plan-lint: 「{}」 accepted in {} ({total} words)",
                            args.word,
                            args.config.display()
                        ),
                    )
                    .await;
                self.send(Job::Reload);
                Ok(None)
            }
            Err(e) => {
                self.client
                    .show_message(MessageType::ERROR, format!("plan-lint: {e}"))
                    .await;
                Err(tower_lsp_server::jsonrpc::Error::internal_error())
            }
        }
    }

    fn send(&self, job: Job) {
        // The worker lives as long as the server.
        let _ = self.shared.jobs.send(job);
    }

    /// The analysis of `uri` at least as new as its current version, or
    /// the newest there is after [`REQUEST_WAIT`]; `None` for a closed or
    /// out-of-step document.
    async fn analysis(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let mut rx = self.shared.analysed.subscribe();
        let (generation, want) = {
            let docs = lock(&self.shared.docs);
            let d = docs.get(uri)?;
            (d.generation, d.version)
        };
        let deadline = tokio::time::Instant::now() + REQUEST_WAIT;
        loop {
            {
                let docs = lock(&self.shared.docs);
                let d = docs.get(uri).filter(|d| d.generation == generation)?;
                if d.desync.is_some() {
                    return None;
                }
                match &d.analysis {
                    Some(a) if a.version >= want => return Some(a.clone()),
                    _ => {}
                }
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => {}
                _ => {
                    let docs = lock(&self.shared.docs);
                    return docs.get(uri).and_then(|d| d.analysis.clone());
                }
            }
        }
    }
}

fn quantity_position(a: &Analysis, pos: Position, unit: ColumnUnit) -> usize {
    convert::byte_lenient(&a.source, pos, unit)
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let unit = convert::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        *lock(&self.shared.unit) = unit;
        let workspace = caps.workspace.as_ref();
        *lock(&self.shared.edit_style) = EditStyle {
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
        };
        *lock(&self.shared.dynamic_watch) = workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        // `initializationOptions.packs`: built-in names or paths (relative
        // to the server's folder), as `plan-lint check --pack`.
        let packs: Vec<PackRequest> = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("packs"))
            .and_then(|p| p.as_array())
            .map(|list| {
                list.iter()
                    .filter_map(|p| p.as_str())
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| PackRequest::parse(p, Path::new(".")))
                    .collect()
            })
            .unwrap_or_default();
        if !packs.is_empty()
            && let Err(e) = lock(&self.shared.workspace).set_client_packs(packs)
        {
            let client = self.client.clone();
            let message = format!("plan-lint: planLint.packs: {e}");
            tokio::spawn(async move {
                client.show_message(MessageType::ERROR, message).await;
            });
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(unit)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        will_save: None,
                        will_save_wait_until: None,
                        // With the text: a save brings a document that fell
                        // out of step (a rejected change) back in step.
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(true),
                        })),
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            features::fix_all_kind(),
                        ]),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                        resolve_provider: None,
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![IGNORE_COMMAND.to_string(), ACCEPT_COMMAND.to_string()],
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                references_provider: Some(OneOf::Left(true)),
                definition_provider: Some(OneOf::Left(true)),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "plan-lint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if !*lock(&self.shared.dynamic_watch) {
            return;
        }
        // A request to the client: never wait for its answer on the
        // request path (a client may never answer).
        let client = self.client.clone();
        tokio::spawn(async move {
            let watchers = [
                "**/plan-lint.toml",
                "**/*.toml",
                "**/plan-lint-baseline.json",
            ]
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.to_string()),
                kind: None,
            })
            .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "plan-lint-watch".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = client.register_capability(vec![registration]).await {
                client
                    .log_message(
                        MessageType::WARNING,
                        format!("plan-lint: could not watch configuration files: {e}"),
                    )
                    .await;
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let generation = self.shared.generation.fetch_add(1, Ordering::SeqCst);
        let doc = OpenDocument::new(td.uri.clone(), generation, td.version, td.text);
        lock(&self.shared.docs).insert(td.uri.clone(), doc);
        self.send(Job::Lint(td.uri));
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let unit = self.unit();
        let rejected = {
            let mut docs = lock(&self.shared.docs);
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            match doc.apply_changes(params.text_document.version, params.content_changes, unit) {
                Ok(()) => None,
                Err(e) => {
                    let message = format!(
                        "plan-lint: rejected an edit to {} (version {}): {e}. The server keeps \
                         the text it had and publishes nothing for this document until it gets \
                         the whole text again: save, or close and reopen the document.",
                        uri.as_str(),
                        params.text_document.version
                    );
                    doc.desync = Some(message.clone());
                    doc.desync_cleared = false;
                    Some(message)
                }
            }
        };
        self.send(Job::Lint(uri));
        if let Some(message) = rejected {
            self.client
                .log_message(MessageType::ERROR, message.clone())
                .await;
            self.client.show_message(MessageType::ERROR, message).await;
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let Some(text) = params.text else { return };
        let uri = params.text_document.uri;
        {
            let mut docs = lock(&self.shared.docs);
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            if doc.desync.is_none() && doc.source.text() == text {
                return;
            }
            doc.replace_all(text);
        }
        self.send(Job::Lint(uri));
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        lock(&self.shared.docs).remove(&uri);
        self.send(Job::Closed(uri));
    }

    async fn did_change_configuration(&self, _: DidChangeConfigurationParams) {
        self.send(Job::Reload);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let relevant = params.changes.iter().any(|c| {
            c.uri
                .to_file_path()
                .is_some_and(|p| workspace::is_watched(&p))
        });
        if relevant {
            self.send(Job::Reload);
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(a) = self.analysis(&p.text_document.uri).await else {
            return Ok(None);
        };
        let unit = self.unit();
        let byte = quantity_position(&a, p.position, unit);
        Ok(features::hover(&a, byte, unit))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(a) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(
            features::document_symbols(&a, self.unit()),
        )))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(a) = self.analysis(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(features::folding_ranges(&a)))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let Some(a) = self.analysis(&p.text_document.uri).await else {
            return Ok(None);
        };
        let unit = self.unit();
        let byte = quantity_position(&a, p.position, unit);
        Ok(features::target_locations(
            &a,
            &p.text_document.uri,
            byte,
            unit,
            params.context.include_declaration,
        ))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some(a) = self.analysis(&p.text_document.uri).await else {
            return Ok(None);
        };
        let unit = self.unit();
        let byte = quantity_position(&a, p.position, unit);
        Ok(
            features::target_locations(&a, &p.text_document.uri, byte, unit, false)
                .map(GotoDefinitionResponse::Array),
        )
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(a) = self.analysis(&uri).await else {
            return Ok(None);
        };
        let unit = self.unit();
        let style = *lock(&self.shared.edit_style);
        let span = convert::span(&a.source, params.range, unit).unwrap_or_else(|_| {
            let start = convert::byte_lenient(&a.source, params.range.start, unit);
            let end = convert::byte_lenient(&a.source, params.range.end, unit);
            Span::new(start.min(end), start.max(end))
        });
        Ok(Some(features::code_actions(
            &a,
            &uri,
            span,
            params.context.only.as_deref(),
            unit,
            style,
        )))
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        if params.command == ACCEPT_COMMAND {
            return self.accept_word(params.arguments).await;
        }
        if params.command != IGNORE_COMMAND {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "unknown command {}",
                params.command
            )));
        }
        let args: IgnoreArgs = params
            .arguments
            .into_iter()
            .next()
            .and_then(|v| serde_json::from_value(v).ok())
            .ok_or_else(|| {
                tower_lsp_server::jsonrpc::Error::invalid_params(
                    "expected {uri, baseline, entry}".to_string(),
                )
            })?;
        if args.baseline.file_name().and_then(|n| n.to_str()) != Some(workspace::BASELINE_FILE) {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "not a {} file",
                workspace::BASELINE_FILE
            )));
        }
        let result = lock(&self.shared.workspace).add_to_baseline(&args.baseline, args.entry);
        match result {
            Ok(total) => {
                self.client
                    .log_message(
                        MessageType::INFO,
                        format!(
                            "plan-lint: recorded in {} ({total} accepted)",
                            args.baseline.display()
                        ),
                    )
                    .await;
                // Every open document sharing the baseline loses the finding.
                for doc in lock(&self.shared.docs).values_mut() {
                    doc.dirty = true;
                }
                let uris: Vec<Uri> = lock(&self.shared.docs).keys().cloned().collect();
                for uri in uris {
                    self.send(Job::Lint(uri));
                }
                Ok(None)
            }
            Err(e) => {
                self.client
                    .show_message(MessageType::ERROR, format!("plan-lint: {e}"))
                    .await;
                Err(tower_lsp_server::jsonrpc::Error::internal_error())
            }
        }
    }
}

// ── the lint worker ──────────────────────────────────────────────────────

async fn worker(shared: Arc<Shared>, client: Client, mut rx: mpsc::UnboundedReceiver<Job>) {
    let mut parser = Some(syntax::parser());
    loop {
        let unverified = lock(&shared.docs).values().any(|d| d.unverified.is_some());
        let first = if unverified {
            match tokio::time::timeout(VERIFY_AFTER, rx.recv()).await {
                Ok(Some(job)) => job,
                Ok(None) => return,
                Err(_) => {
                    verify_when_idle(&shared, &client, &mut parser, &rx).await;
                    continue;
                }
            }
        } else {
            match rx.recv().await {
                Some(job) => job,
                None => return,
            }
        };
        let mut jobs = vec![first];
        while let Ok(job) = rx.try_recv() {
            jobs.push(job);
        }
        // A burst of notifications for one document lints it once.
        let mut seen_lint: Vec<Uri> = Vec::new();
        for job in jobs {
            match job {
                Job::Lint(uri) => {
                    if seen_lint.contains(&uri) {
                        continue;
                    }
                    seen_lint.push(uri.clone());
                    lint(&shared, &client, &uri, &mut parser, true).await;
                }
                Job::Closed(uri) => {
                    let reopened = lock(&shared.docs).contains_key(&uri);
                    if !reopened {
                        client.publish_diagnostics(uri, Vec::new(), None).await;
                    }
                }
                Job::Reload => {
                    reload(&shared, &client).await;
                    let uris: Vec<Uri> = {
                        let mut docs = lock(&shared.docs);
                        docs.values_mut().for_each(|d| d.dirty = true);
                        docs.keys().cloned().collect()
                    };
                    for uri in uris {
                        lint(&shared, &client, &uri, &mut parser, false).await;
                    }
                    seen_lint.clear();
                }
            }
        }
    }
}

/// When nothing else is waiting: checks each document's incrementally
/// parsed tree against a fresh parse of the same text, and if they differ
/// (a grammar whose lexing depends on context tree-sitter cannot see, see
/// `document::tests`), re-lints from the fresh tree, so the diagnostics a
/// document settles on always equal `plan-lint check`'s.
async fn verify_when_idle(
    shared: &Arc<Shared>,
    client: &Client,
    parser: &mut Option<tree_sitter::Parser>,
    rx: &mpsc::UnboundedReceiver<Job>,
) {
    // One document at a time, and only while no notification waits.
    while rx.is_empty() {
        let candidate = {
            let mut docs = lock(&shared.docs);
            docs.iter_mut()
                .filter(|(_, d)| !d.dirty && d.desync.is_none())
                .find_map(|(uri, d)| {
                    let (version, tree) = d.unverified.take()?;
                    (version == d.version)
                        .then(|| (uri.clone(), d.generation, version, d.source.clone(), tree))
                })
        };
        let Some((uri, generation, version, source, tree)) = candidate else {
            return;
        };
        let mut p = parser.take().unwrap_or_else(syntax::parser);
        let joined = tokio::task::spawn_blocking(move || {
            let fresh = syntax::parse_with(&mut p, source.text(), None);
            let same = crate::document::same_tree(&tree, &fresh);
            (p, same)
        })
        .await;
        let Ok((p, same)) = joined else { return };
        *parser = Some(p);
        if same {
            continue;
        }
        let relint = {
            let mut docs = lock(&shared.docs);
            match docs.get_mut(&uri) {
                Some(d) if d.generation == generation && d.version == version && !d.dirty => {
                    d.reset_tree();
                    true
                }
                _ => false,
            }
        };
        if relint {
            client
                .log_message(
                    MessageType::WARNING,
                    format!(
                        "plan-lint: the incremental parse of {} (version {version}) differed \
                         from a fresh parse; re-linted from the fresh one",
                        uri.as_str()
                    ),
                )
                .await;
            lint(shared, client, &uri, parser, false).await;
        }
    }
}

/// Reloads configuration; publishes (or clears) the configuration files'
/// error diagnostics and shows a message for each broken one.
async fn reload(shared: &Shared, client: &Client) {
    let (fine, problems) = lock(&shared.workspace).reload();
    for path in fine {
        if let Some(uri) = Uri::from_file_path(&path) {
            let had = {
                let mut published = lock(&shared.config_diagnostics);
                let had = published.contains(&uri);
                published.retain(|u| u != &uri);
                had
            };
            if had {
                client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
    }
    for problem in problems {
        report(shared, client, &problem).await;
    }
}

/// Shows a broken configuration: a diagnostic on the file at fault and a
/// message; the last good configuration stays in use.
async fn report(shared: &Shared, client: &Client, problem: &Problem) {
    let unit = *lock(&shared.unit);
    let range = match (&problem.text, &problem.span) {
        (Some(text), Some(span)) => {
            let source = Source::new("", text.clone());
            convert::range(&source, Span::new(span.start, span.end), unit)
        }
        _ => Range::default(),
    };
    let diagnostic = Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(convert::SOURCE.to_string()),
        message: problem.message.clone(),
        ..Diagnostic::default()
    };
    let message = format!(
        "plan-lint: configuration error, still using the last good configuration: {}",
        problem.message
    );
    client
        .log_message(MessageType::ERROR, message.clone())
        .await;
    client.show_message(MessageType::ERROR, message).await;
    for file in [&problem.file, &problem.config] {
        let Some(uri) = std::path::absolute(file)
            .ok()
            .filter(|p| p.is_file())
            .and_then(Uri::from_file_path)
        else {
            continue;
        };
        let diagnostics = if file == &problem.file {
            vec![diagnostic.clone()]
        } else {
            // The configuration names a broken pack: point at the file too.
            vec![Diagnostic {
                range: Range::default(),
                ..diagnostic.clone()
            }]
        };
        {
            let mut published = lock(&shared.config_diagnostics);
            if !published.contains(&uri) {
                published.push(uri.clone());
            }
        }
        client.publish_diagnostics(uri, diagnostics, None).await;
        if problem.file == problem.config {
            break;
        }
    }
}

/// Lints one document if it is dirty and publishes its diagnostics if the
/// version linted is still current.
async fn lint(
    shared: &Arc<Shared>,
    client: &Client,
    uri: &Uri,
    parser: &mut Option<tree_sitter::Parser>,
    others: bool,
) {
    enum Next {
        Clear,
        Skip,
        Go(Box<crate::analysis::Snapshot>),
    }
    let next = {
        let mut docs = lock(&shared.docs);
        match docs.get_mut(uri) {
            None => Next::Skip,
            Some(doc) if doc.desync.is_some() => {
                if doc.desync_cleared {
                    Next::Skip
                } else {
                    doc.desync_cleared = true;
                    Next::Clear
                }
            }
            Some(doc) if !doc.dirty => Next::Skip,
            Some(doc) => Next::Go(Box::new(doc.snapshot())),
        }
    };
    let snapshot = match next {
        Next::Skip => return,
        Next::Clear => {
            // Positions would be wrong: show nothing rather than lies.
            client
                .publish_diagnostics(uri.clone(), Vec::new(), None)
                .await;
            return;
        }
        Next::Go(snapshot) => *snapshot,
    };

    let (config, problem) = lock(&shared.workspace).config_for(snapshot.path.as_deref());
    if let Some(problem) = problem {
        report(shared, client, &problem).await;
    }
    let rules =
        config
            .resolved
            .rules_for(snapshot.path.as_deref().unwrap_or(Path::new("")), &[], &[]);
    let loaded = config
        .baseline
        .as_ref()
        .map(|target| lock(&shared.workspace).baseline(&target.path));
    let baseline = match (&config.baseline, loaded) {
        (Some(target), Some(Ok(b))) => Some((target.clone(), b)),
        (_, Some(Err(Some(e)))) => {
            client
                .show_message(
                    MessageType::WARNING,
                    format!("plan-lint: baseline not used: {e}"),
                )
                .await;
            None
        }
        _ => None,
    };
    // A file of a plan set is linted with its set: the other members as
    // the client has them open, else as saved.
    let set = snapshot.path.as_deref().and_then(|path| {
        let paths = lock(&shared.folders).set_of(path, &config.resolved)?;
        crate::sets::members(paths, path, &snapshot.source, |other| {
            let uri = Uri::from_file_path(std::path::absolute(other).ok()?)?;
            lock(&shared.docs).get(&uri).map(|d| d.source.clone())
        })
    });
    // After an edit, the other open members of the set are linted again.
    let relint: Vec<Uri> = match (&set, others) {
        (Some(members), true) => members
            .paths
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != members.me)
            .filter_map(|(_, p)| Uri::from_file_path(std::path::absolute(p).ok()?))
            .collect(),
        _ => Vec::new(),
    };
    let plan = Plan {
        config: config.resolved.clone(),
        rules,
        baseline,
        set,
    };
    let unit = *lock(&shared.unit);
    let incremental = snapshot.old_tree.is_some();
    let mut p = parser.take().unwrap_or_else(syntax::parser);
    let uri_for_task = uri.clone();
    let joined = tokio::task::spawn_blocking(move || {
        let (analysis, tree) = analysis::analyze(&mut p, snapshot, plan);
        let diagnostics: Vec<Diagnostic> = analysis
            .diagnostics
            .iter()
            .map(|d| {
                convert::diagnostic(
                    &uri_for_task,
                    &analysis.source,
                    d,
                    unit,
                    analysis.set.as_deref(),
                )
            })
            .collect();
        (p, analysis, tree, diagnostics)
    })
    .await;
    let Ok((p, analysis, tree, diagnostics)) = joined else {
        // The analysis panicked: a bug in a rule. Keep serving.
        client
            .log_message(
                MessageType::ERROR,
                format!("plan-lint: linting {} failed", uri.as_str()),
            )
            .await;
        return;
    };
    *parser = Some(p);

    let version = analysis.version;
    if analysis.elapsed > SLOW_LINT {
        client
            .log_message(
                MessageType::LOG,
                format!(
                    "plan-lint: {} version {version}: {} bytes linted in {} ms, {} diagnostics, \
                     {} hidden by the baseline",
                    uri.as_str(),
                    analysis.source.text().len(),
                    analysis.elapsed.as_millis(),
                    analysis.diagnostics.len(),
                    analysis.hidden
                ),
            )
            .await;
    }
    let publish = {
        let mut docs = lock(&shared.docs);
        match docs.get_mut(uri) {
            Some(doc) if doc.generation == analysis.generation => {
                match tree {
                    Some(tree) => {
                        doc.unverified = incremental.then(|| (version, tree.clone()));
                        doc.install_tree(tree, &analysis.source);
                    }
                    None => doc.forget_tree(),
                }
                let current = doc.version == version && doc.desync.is_none();
                if doc.analysis.as_ref().is_none_or(|a| a.version <= version) {
                    doc.analysis = Some(Arc::new(analysis));
                }
                current
            }
            // Closed (or closed and reopened) while being linted.
            _ => false,
        }
    };
    shared.analysed.send_modify(|n| *n += 1);
    if publish {
        client
            .publish_diagnostics(uri.clone(), diagnostics, Some(version))
            .await;
    }
    for other in relint {
        let open = {
            let mut docs = lock(&shared.docs);
            docs.get_mut(&other).map(|d| d.dirty = true).is_some()
        };
        if open {
            Box::pin(lint(shared, client, &other, parser, false)).await;
        }
    }
}
