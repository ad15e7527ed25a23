// VS Code client for `plan-lint lsp`.
//
// Finds the binary (setting `planLint.path`, else the one bundled under
// `bin/<platform>-<arch>/`, else `plan-lint` on PATH), checks its version,
// and starts it with vscode-languageclient over stdio. Adds the commands
// restart / fix all / show outline and a status bar item with the count of
// plan-lint diagnostics in the workspace. Switches a Plain Text document
// that looks like a plan (detect.ts) to the `plan` language, unless
// `planLint.detectPlainText` is false.

import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { planLikeReason } from './detect';

/** The oldest server this extension works with (first with `plan-lint lsp`). */
export const MIN_SERVER_VERSION = '0.1.0';
const SOURCE = 'plan-lint';
const FIX_ALL_KIND = 'source.fixAll.plan-lint';

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem;
let output: vscode.OutputChannel;
let extensionRoot = '';

function config() {
  return vscode.workspace.getConfiguration('planLint');
}

function exe(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) {
      return path.join(dir, name);
    }
  }
  return undefined;
}

interface Resolved {
  path: string;
  how: 'setting' | 'bundled' | 'PATH';
}

/** Where the server binary is, or undefined with `tried` filled in. */
export function resolveBinary(tried: string[]): Resolved | undefined {
  const setting = (config().get<string>('path') ?? '').trim();
  if (setting) {
    const p = setting.startsWith('~')
      ? path.join(process.env.HOME ?? '', setting.slice(1))
      : setting;
    tried.push(`planLint.path = ${p}`);
    if (isExecutable(p)) return { path: p, how: 'setting' };
    const found = !p.includes(path.sep) ? onPath(p) : undefined;
    return found ? { path: found, how: 'setting' } : undefined;
  }
  const bundled = path.join(
    extensionRoot,
    'bin',
    `${process.platform}-${process.arch}`,
    exe('plan-lint'),
  );
  tried.push(`bundled ${bundled}`);
  if (fs.existsSync(bundled) && !isExecutable(bundled)) {
    // Some unzippers drop the executable bit of files in the .vsix.
    try {
      fs.chmodSync(bundled, 0o755);
    } catch {
      /* reported below as not found */
    }
  }
  if (isExecutable(bundled)) return { path: bundled, how: 'bundled' };
  tried.push('plan-lint on PATH');
  const found = onPath(exe('plan-lint'));
  return found ? { path: found, how: 'PATH' } : undefined;
}

/** "plan-lint 0.1.0" → [0, 1, 0]. */
export function parseVersion(text: string): number[] | undefined {
  const m = /plan-lint\s+v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function versionAtLeast(have: number[], want: number[]): boolean {
  for (let i = 0; i < 3; i++) {
    if (have[i] !== want[i]) return have[i] > want[i];
  }
  return true;
}

function runVersion(bin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    cp.execFile(bin, ['--version'], { timeout: 10000 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout.toString());
    });
  });
}

async function problem(message: string): Promise<void> {
  output.appendLine(message);
  statusItem.text = '$(error) plan-lint';
  statusItem.tooltip = message;
  statusItem.show();
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Log');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'planLint.path');
  } else if (choice === 'Show Log') {
    output.show();
  }
}

async function startClient(): Promise<void> {
  const tried: string[] = [];
  const bin = resolveBinary(tried);
  if (!bin) {
    void problem(
      'plan-lint: the plan-lint binary was not found (tried: ' +
        tried.join('; ') +
        '). Install it with `cargo install --path . --locked` in the plan-lint repository ' +
        'or set "planLint.path" to the binary.',
    );
    return;
  }
  let versionText: string;
  try {
    versionText = await runVersion(bin.path);
  } catch (e) {
    void problem(`plan-lint: cannot run ${bin.path} --version: ${String(e)}. Set "planLint.path" to a working plan-lint binary.`);
    return;
  }
  const have = parseVersion(versionText);
  const want = parseVersion(`plan-lint ${MIN_SERVER_VERSION}`)!;
  if (!have || !versionAtLeast(have, want)) {
    void problem(
      `plan-lint: ${bin.path} is version "${versionText.trim()}", this extension needs ` +
        `${MIN_SERVER_VERSION} or newer (with the \`lsp\` command). Update plan-lint or set "planLint.path".`,
    );
    return;
  }
  output.appendLine(`plan-lint: using ${bin.path} (${bin.how}), ${versionText.trim()}`);

  const languages = config().get<string[]>('languages') ?? ['plan'];
  const packs = config().get<string[]>('packs') ?? [];
  const serverOptions: ServerOptions = {
    command: bin.path,
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    initializationOptions: { packs },
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/plan-lint.toml'),
        vscode.workspace.createFileSystemWatcher('**/plan-lint-baseline.json'),
      ],
    },
  };
  client = new LanguageClient('planLint', 'plan-lint', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    void problem(`plan-lint: the language server failed to start: ${String(e)}`);
    client = undefined;
    return;
  }
  updateStatus();
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch (e) {
      output.appendLine(`plan-lint: stopping the server: ${String(e)}`);
    }
  }
}

async function restart(): Promise<void> {
  await stopClient();
  await startClient();
}

function countDiagnostics(): number {
  let n = 0;
  for (const [, diags] of vscode.languages.getDiagnostics()) {
    for (const d of diags) if (d.source === SOURCE) n++;
  }
  return n;
}

function updateStatus(): void {
  if (!client) return;
  const n = countDiagnostics();
  statusItem.text = n === 0 ? '$(check) plan-lint' : `$(warning) plan-lint: ${n}`;
  statusItem.tooltip = `plan-lint: ${n} diagnostic(s) in open documents. Click for the Problems panel.`;
  statusItem.command = 'workbench.actions.view.problems';
  statusItem.show();
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('plan-lint: open a document first.');
    return;
  }
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      FIX_ALL_KIND,
    )) ?? [];
  const action = actions.find((a) => a.kind && vscode.CodeActionKind.Source.append('fixAll').contains(a.kind));
  if (!action || !action.edit) {
    void vscode.window.showInformationMessage('plan-lint: nothing to fix automatically.');
    return;
  }
  await vscode.workspace.applyEdit(action.edit);
}

async function showOutline(): Promise<void> {
  await vscode.commands.executeCommand('outline.focus');
}

// ── Plain-text plans ─────────────────────────────────────────────────────
// A plan saved as `.txt` opens as Plain Text. When its content looks like a
// plan (detect.ts) it is switched to the `plan` language, which the client
// lints. The user keeps the last word: a document switched back to Plain
// Text by hand (the language picker) is left alone; VS Code reports that as
// the `plan` document closing and a `plaintext` one opening at once.

/** Documents this extension switched: URI → when their `plan` copy closed. */
const switched = new Map<string, number | undefined>();
/** Documents the user switched back to Plain Text: never switched again. */
const keptPlain = new Set<string>();
const REOPEN_MS = 1000;

function detectEnabled(): boolean {
  return config().get<boolean>('detectPlainText') ?? true;
}

async function maybeSwitchToPlan(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'plaintext' || !detectEnabled()) return;
  const key = doc.uri.toString();
  if (keptPlain.has(key)) return;
  const closedAt = switched.get(key);
  if (closedAt !== undefined && Date.now() - closedAt < REOPEN_MS) {
    keptPlain.add(key);
    output.appendLine(`plan-lint: ${doc.uri.fsPath || key} set back to Plain Text: leaving it so`);
    return;
  }
  const reason = planLikeReason(doc.getText());
  if (!reason) return;
  switched.set(key, undefined);
  output.appendLine(`plan-lint: ${doc.uri.fsPath || key} looks like a plan (${reason}): language set to plan`);
  try {
    await vscode.languages.setTextDocumentLanguage(doc, 'plan');
  } catch (e) {
    switched.delete(key);
    output.appendLine(`plan-lint: could not set the language of ${key}: ${String(e)}`);
  }
}

function noteClosed(doc: vscode.TextDocument): void {
  const key = doc.uri.toString();
  if (doc.languageId === 'plan' && switched.has(key)) switched.set(key, Date.now());
}

/** With detection turned off, the documents it switched go back to Plain Text. */
async function undoSwitches(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    const key = doc.uri.toString();
    if (doc.languageId === 'plan' && switched.has(key)) {
      switched.delete(key);
      output.appendLine(`plan-lint: ${doc.uri.fsPath || key}: language set back to Plain Text (planLint.detectPlainText is off)`);
      await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    }
  }
  switched.clear();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionRoot = context.extensionPath;
  output = vscode.window.createOutputChannel('plan-lint');
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  statusItem.name = 'plan-lint';
  context.subscriptions.push(
    output,
    statusItem,
    vscode.commands.registerCommand('planLint.restart', restart),
    vscode.commands.registerCommand('planLint.fixAll', fixAll),
    vscode.commands.registerCommand('planLint.showOutline', showOutline),
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.workspace.onDidOpenTextDocument((doc) => void maybeSwitchToPlan(doc)),
    vscode.workspace.onDidCloseTextDocument(noteClosed),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('planLint.detectPlainText')) {
        output.appendLine(`plan-lint: planLint.detectPlainText is now ${detectEnabled()}`);
        if (detectEnabled()) {
          for (const doc of vscode.workspace.textDocuments) void maybeSwitchToPlan(doc);
        } else {
          void undoSwitches();
        }
      }
      if (
        e.affectsConfiguration('planLint.path') ||
        e.affectsConfiguration('planLint.packs') ||
        e.affectsConfiguration('planLint.languages')
      ) {
        void restart();
      }
    }),
  );
  // The documents already open (the extension activates on the first
  // Plain Text one, after VS Code has opened it).
  for (const doc of vscode.workspace.textDocuments) void maybeSwitchToPlan(doc);
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
