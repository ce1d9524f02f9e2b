// Playwright helpers for a code-server workbench (real VS Code 1.139 web UI) in headless Debian Chromium.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';

const t0 = Date.now();
export const log = (...a: unknown[]): void => console.log(`[driver ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

/** The gallery is pointed at a dead loopback port on purpose (nothing leaves 127.0.0.1); drop that noise. */
export const isGalleryNoise = (t: string): boolean => /127\.0\.0\.1:9\b|GalleryExtensions|\/vsda\//.test(t);

export interface WorkbenchTarget {
  /** http://127.0.0.1:PORT */
  url: string;
  /** absolute workspace folder on the server */
  folder: string;
  /** absolute extension folder loaded as extensionDevelopmentPath */
  dev?: string;
  /** absolute path of the extensionTestsPath entry (test mode) */
  tests?: string;
  /** environment variables of the extension host */
  env?: Record<string, string>;
}

/** Workbench URL with the smoke-test payload (honoured only with --vscode-option enable-smoke-test-driver). */
export function workbenchUrl(t: WorkbenchTarget): string {
  const u = new URL(t.url);
  u.searchParams.set('folder', t.folder);
  const authority = u.host; // code-server's remote authority is the page's host
  const payload: [string, string][] = [];
  if (t.dev) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${t.dev}`]);
  if (t.tests) payload.push(['extensionTestsPath', `vscode-remote://${authority}${t.tests}`]);
  if (t.env && Object.keys(t.env).length) payload.push(['extensionEnvironment', JSON.stringify(t.env)]);
  if (payload.length) u.searchParams.set('payload', JSON.stringify(payload));
  return u.toString();
}

/** Fresh Chromium profile under `outDir`; every non-loopback request is aborted and reported. */
export async function launch(outDir: string): Promise<BrowserContext> {
  const profile = path.join(outDir, 'chrome-profile');
  fs.rmSync(profile, { recursive: true, force: true });
  const home = `${profile}-home`;
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // keep chromium's crashpad/dconf/nss files out of the real $HOME
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: `${home}/.config`, XDG_CACHE_HOME: `${home}/.cache` },
    headless: true,
    viewport: { width: 1400, height: 900 },
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  await ctx.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
      log('BLOCKED non-local request', route.request().url());
      return route.abort();
    }
    return route.continue();
  });
  return ctx;
}

export async function waitForWorkbench(page: Page, timeout: number): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout });
  // the explorer lists the folder once the remote connection and the file service are up
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout });
  log('workbench up');
}

const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Clicks the quick-input row whose label is exactly `label` (not the first fuzzy match). */
async function pickRow(page: Page, label: string, timeout: number, what: string): Promise<void> {
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }) })
    .first();
  await row.waitFor({ timeout }).catch(() => {
    throw new Error(`"${label}" is not offered by ${what}`);
  });
  await row.click();
}

/** Runs a command through the palette by its exact palette text ("CodeTune: Restart Daemon"). */
export async function runPaletteCommand(page: Page, title: string, timeout: number): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const deadline = Date.now() + timeout;
  // The palette lists the commands known when it opens and does not refresh: right after the window
  // starts, the development extension's contributions may not be registered yet. Reopen it until they are.
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill('>' + title);
    const left = deadline - Date.now();
    try {
      await pickRow(page, title, Math.min(3000, Math.max(left, 1)), 'the command palette (is the command contributed and its extension active?)');
      break;
    } catch (e) {
      if (Date.now() + 3000 > deadline) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout }).catch(() => {});
}

/** Opens a workspace file with Quick Open and waits for its tab. */
export async function openFile(page: Page, relPath: string, timeout: number): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(relPath);
  const base = path.basename(relPath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: base }).waitFor({ timeout });
}

/**
 * Waits for a notification containing `text`. With the smoke-test driver flag (needed for the dev and test
 * payloads) the workbench shows no toasts, so this looks in the notification center too.
 */
export async function waitForNotification(page: Page, text: string, timeout: number): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text });
  const centerItem = page.locator('.notifications-center .notification-list-item', { hasText: text });
  const started = Date.now();
  let openedCenter = false;
  while (Date.now() - started < timeout) {
    if (await toast.count()) return (await toast.first().innerText()).split('\n')[0] ?? '';
    if (await centerItem.count()) return (await centerItem.first().innerText()).split('\n')[0] ?? '';
    if (!openedCenter && Date.now() - started > 1500) {
      openedCenter = true;
      await runPaletteCommand(page, 'Notifications: Show Notifications', timeout);
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no notification containing "${text}" within ${timeout} ms`);
}

/** The frame (webviews are nested iframes) in which `selector` matches, searched across all frames. */
export async function findFrame(page: Page, selector: string, timeout: number): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      try {
        if (await f.locator(selector).count()) return f;
      } catch {
        // detached while we looked
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview frame contains "${selector}" within ${timeout} ms`);
}

export type ThemeKind = 'light' | 'dark';
// VS Code 1.139 names the "Default Light Modern" / "Default Dark Modern" themes of earlier versions like this
export const THEMES: Record<ThemeKind, { name: string; workbenchClass: string; webviewClass: string }> = {
  light: { name: 'Light Modern', workbenchClass: 'vs', webviewClass: 'vscode-light' },
  dark: { name: 'Dark Modern', workbenchClass: 'vs-dark', webviewClass: 'vscode-dark' },
};

/**
 * Switches the colour theme through "Preferences: Color Theme" (what a user does; it also writes the user
 * settings), then waits until the workbench — and the webview frame, if given — shows the new theme.
 */
export async function setTheme(page: Page, kind: ThemeKind, timeout: number, frame?: Frame): Promise<void> {
  const theme = THEMES[kind];
  const isOn = () => page.evaluate((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls) ?? false, theme.workbenchClass);
  if (!(await isOn())) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill('>Preferences: Color Theme');
    await pickRow(page, 'Preferences: Color Theme', timeout, 'the command palette');
    // the theme picker reuses the quick input; filter it to our theme and pick that row
    await input.fill(theme.name);
    await pickRow(page, theme.name, timeout, 'the colour theme picker');
    await page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls) ?? false, theme.workbenchClass, { timeout });
  }
  if (frame) await frame.waitForFunction((cls) => document.body.classList.contains(cls), theme.webviewClass, { timeout });
}

/** Title the palette shows for a command this extension contributes ("Category: Title"). */
export function paletteTitle(packageJsonFile: string, commandId: string): string {
  const pkg = JSON.parse(fs.readFileSync(packageJsonFile, 'utf8')) as { contributes?: { commands?: { command: string; title: string; category?: string }[] } };
  const c = pkg.contributes?.commands?.find((x) => x.command === commandId);
  if (!c) throw new Error(`${commandId} is not in contributes.commands of ${packageJsonFile}`);
  return c.category ? `${c.category}: ${c.title}` : c.title;
}
