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

export interface UiScenario {
  /** unique; screenshots are <name>-light.png / <name>-dark.png, axe reports axe-<name>-<theme>.json */
  name: string;
  /** id of a command this extension contributes; its palette title is read from package.json */
  command?: string;
  /** palette text for commands other extensions contribute (built-ins); used when `command` is absent */
  title?: string;
  /** workspace-relative file opened before the command runs (commands on the active editor) */
  open?: string;
  waitFor: WaitTarget;
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
    name: 'workbench',
    command: 'codetune.openWorkbench',
    waitFor: { webview: 'vscode-single-select#prompt' },
    axe: true,
  },
  {
    name: 'results',
    command: 'codetune.openResults',
    waitFor: { webview: 'article.run, .state-empty' },
    axe: true,
  },
];
