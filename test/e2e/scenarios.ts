// UI scenarios of `npm run test:e2e` (driver.ts ui mode). Each one runs a command from the palette, waits
// for something to appear, takes a screenshot per theme into test/e2e/state/out/ and, for webviews, runs
// axe-core inside the webview's frame. Each scenario counts as one test in the final `N passed, N failed`.
// To check a new webview, add an entry here — see test/e2e/README.md.

export type WaitTarget =
  /** CSS selector inside a webview's frame (webviews are nested iframes; all frames are searched) */
  | { webview: string }
  /** CSS selector in the workbench page itself (status bar, panels, editors…) */
  | { workbench: string }
  /** text of a notification (looked up in the notification center: smoke-test mode shows no toasts) */
  | { notification: string };

/**
 * One user action of a scenario. Webview steps act inside the frame the scenario's `waitFor: { webview }`
 * found (playwright's CSS pierces the @vscode-elements shadow roots); `press` types keys into the workbench.
 */
export type UiStep =
  /** clicks the first match */
  | { click: string }
  /** replaces the text of an input or textarea (e.g. 'vscode-textarea[data-field="code *"] textarea') */
  | { fill: string; text: string }
  /** types at the end of a field's current text (keeps what is there) */
  | { append: string; text: string }
  /** picks the option whose label is `option` in a vscode-single-select, through its dropdown */
  | { select: string; option: string }
  /** waits until at least `count` (default 1) elements match */
  | { waitFor: string; count?: number }
  /** scrolls the first match to the top of the webview (what the screenshot should show) */
  | { scrollTo: string }
  /** a key chord in the workbench page (the focused editor or view), e.g. 'Control+A' */
  | { press: string }
  /** types text into whatever has the focus in the workbench page (an editor, a quick input) */
  | { type: string }
  /** clicks the first match in the workbench page itself (e.g. into the editor, to focus it) */
  | { clickWorkbench: string };

export interface UiScenario {
  /** unique; screenshots are <name>-light.png / <name>-dark.png, axe reports axe-<name>-<theme>.json */
  name: string;
  /** id of a command this extension contributes; its palette title is read from package.json */
  command?: string;
  /** palette text for commands other extensions contribute (built-ins); used when `command` is absent */
  title?: string;
  /** workspace-relative file opened before the command runs (commands on the active editor) */
  open?: string;
  /** steps after `open` and before the command (e.g. select text in the opened file) */
  before?: UiStep[];
  waitFor: WaitTarget;
  /** steps after `waitFor`, inside its webview frame, before the screenshots */
  steps?: UiStep[];
  /** axe-core inside the webview frame (webview targets only): true, or rules to leave out with the reason in a comment */
  axe?: boolean | { disableRules: string[] };
  /** default both: light first, then dark on the same open view */
  themes?: ('light' | 'dark')[];
  /** per-wait timeout in ms (default 30 000) */
  timeoutMs?: number;
}

export const scenarios: UiScenario[] = [
  {
    // the daemon's health as the user sees it: the status item's accessible label says "ready"
    name: 'status-ready',
    waitFor: { workbench: '.part.statusbar [aria-label^="CodeTune daemon ready"]' },
    themes: ['light'],
  },
  {
    name: 'daemon-info',
    command: 'codetune.daemonInfo',
    waitFor: { notification: 'CodeTune daemon' },
    themes: ['light'],
  },
  {
    name: 'logs',
    command: 'codetune.showLogs',
    waitFor: { workbench: '.part.panel .monaco-editor .view-line' },
    themes: ['dark'],
  },
  {
    // checks the harness's own webview path (frame lookup, axe injection under a strict CSP, live theme
    // switch) on VS Code's built-in Markdown preview, so it is known to work before CodeTune's panels use it
    name: 'harness-webview-markdown',
    open: 'README.md',
    title: 'Markdown: Open Preview to the Side',
    waitFor: { webview: '.markdown-body h1' },
    // VS Code's preview document has no <title>, lang or landmarks (not ours to fix); everything else,
    // colour contrast in both themes included, must pass
    axe: { disableRules: ['document-title', 'html-has-lang', 'landmark-one-main', 'region'] },
  },
  // CodeTune's panels (issue 7): each waits for its data (or its empty state) after the ready handshake and
  // the page's first round trip to the daemon; the test pass before this one filled the library and history
  {
    name: 'prompt-library',
    command: 'codetune.openLibrary',
    waitFor: { webview: '.list button.item, .state-empty' },
    axe: true,
  },
  {
    name: 'execution-history',
    command: 'codetune.openHistory',
    // the charts load after the table: waiting for them shows both
    waitFor: { webview: '.charts svg.chart' },
    axe: true,
  },
  {
    // what a user does in the Workbench: pick a starter prompt, branch a draft of v1 that asks for more, save it
    // as v2 (both versions are then ticked), fill the code, run both against the fake model (run.sh), and wait
    // for both outputs with their metrics and the word diff between them
    name: 'workbench',
    command: 'codetune.openWorkbench',
    waitFor: { webview: 'vscode-single-select#prompt' },
    steps: [
      { select: 'vscode-single-select#prompt', option: 'summarize' },
      { click: 'vscode-checkbox[data-field="Draft"]' },
      { append: 'vscode-textarea[data-field="Draft user prompt template"] textarea', text: '\nList the public functions first.' },
      { fill: 'vscode-textfield[data-field="Change notes"] input', text: 'public API first' },
      { click: 'vscode-button#save-draft' },
      { waitFor: 'vscode-checkbox[data-field="v2"]' },
      { fill: 'vscode-textarea[data-field="code *"] textarea', text: 'export function applyDiscount(total: number, percent: number): number {\n  return Math.round(total * (100 - percent)) / 100;\n}' },
      { fill: 'vscode-textfield[data-field="language"] input', text: 'typescript' },
      { fill: 'vscode-textfield[data-field="file_path"] input', text: 'src/orders.ts' },
      { click: 'vscode-button#run' },
      { waitFor: '#outputs .card p.muted', count: 2 },
      { waitFor: 'pre.diff' },
      { scrollTo: '#outputs' },
    ],
    axe: true,
    timeoutMs: 45_000,
  },
  {
    // "CodeTune: Explain Code" with the cursor inside applyDiscount (Go to Line 16): the command takes the
    // function around the cursor, and the answer streams from the fake model into the Results panel
    name: 'results',
    open: 'src/orders.ts',
    before: [{ clickWorkbench: '.part.editor .monaco-editor .view-lines' }, { press: 'Control+G' }, { type: '16' }, { press: 'Enter' }],
    command: 'codetune.explain',
    waitFor: { webview: 'article.run[data-status="done"]' },
    axe: true,
    timeoutMs: 45_000,
  },
];
