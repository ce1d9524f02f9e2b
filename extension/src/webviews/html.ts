// The HTML shell of every panel: a strict CSP with a fresh nonce per render, the panel's bundled script
// (dist/webview/<panel>.js, an ES module) and nothing else. The page builds itself from the script.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export type PanelName = 'library' | 'history' | 'workbench' | 'results';

/** A fresh nonce for each render: a page never reuses one, so an injected script cannot guess it. */
export function nonce(): string {
  return randomBytes(18).toString('base64url');
}

/** Only the bundled webview code and the media folder can be loaded by a panel. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri), enableFindWidget: true };
}

/** Content-Security-Policy of a panel: no network, no eval, scripts and styles only with the nonce. */
export function csp(webview: Pick<vscode.Webview, 'cspSource'>, n: string): string {
  return [
    `default-src 'none'`,
    `script-src 'nonce-${n}'`,
    // the components (lit) attach constructable stylesheets, which CSP does not govern; our own CSS is inlined with the nonce
    `style-src ${webview.cspSource} 'nonce-${n}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
}

export function renderHtml(webview: vscode.Webview, extensionUri: vscode.Uri, panel: PanelName, title: string): string {
  const n = nonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${panel}.js`));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp(webview, n)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
</head>
<body data-panel="${panel}" data-nonce="${n}">
<main id="app" aria-busy="true"><p>Loading ${escapeHtml(title)}…</p></main>
<script type="module" nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
