//! `plan-lint lsp`: the language server.
//!
//! A thin adapter over `plan-lint-core`, `plan-lint-rules` and
//! `plan-lint-config`: it keeps each open document's text and syntax tree
//! in step with the editor's edits, re-parses incrementally, rebuilds the
//! model, runs the same rules as `plan-lint check` with the same
//! configuration (the nearest `plan-lint.toml` and its packs, through the
//! same resolver), and turns the results into protocol values. There is no
//! rule logic here.
//!
//! Built on `tower-lsp-server`, the maintained community continuation of
//! `tower-lsp` (same design; native `async fn` in the trait, `Uri` types).
//!
//! What it offers:
//! - diagnostics published with the document version, with the rule code,
//!   a `codeDescription` link, `source` = `plan-lint` and every related
//!   place as `relatedInformation`;
//! - code actions: a quick fix per fixable diagnostic,
//!   `source.fixAll.plan-lint`, and "ignore this here", which records the
//!   finding in `plan-lint-baseline.json` (next to the nearest
//!   `plan-lint.toml`, or in the document's folder) and never edits the
//!   document;
//! - hover (a diagnostic's rule, a unit's canonical name and aliases, a
//!   quantity's value and the statements of its target), the outline as
//!   document symbols, folding per section, references and definition on a
//!   quantity;
//! - UTF-8 positions when the client offers them, else UTF-16.

mod analysis;
mod convert;
mod document;
mod features;
mod server;
mod sets;
mod workspace;

pub use server::Backend;
pub use workspace::BASELINE_FILE;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serves the protocol over `input` and `output` until the client exits.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::new(Backend::new);
    Server::new(input, output, socket).serve(service).await;
}

/// Runs the server over standard input and output (`plan-lint lsp`).
pub async fn run_stdio() {
    serve(tokio::io::stdin(), tokio::io::stdout()).await;
}

/// Runs the server over standard input and output on its own Tokio
/// runtime, for the synchronous `main` of the `plan-lint` binary.
pub fn run_stdio_blocking() -> std::process::ExitCode {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => {
            runtime.block_on(run_stdio());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("plan-lint: error: cannot start the language server: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
