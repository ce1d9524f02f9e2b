// The ui mode of driver.ts: runs test/e2e/scenarios.ts against a live workbench and records one result
// per scenario (screenshots, axe violations, error) into ui-result.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { UiScenario, UiStep } from '../scenarios.js';
import { findFrame, log, openFile, paletteTitle, runPaletteCommand, setTheme, waitForNotification, type ThemeKind } from './workbench.js';

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  /** axe's "Fix any of the following" text per node (first few), e.g. the measured contrast ratio */
  details: string[];
}

export interface ScenarioResult {
  name: string;
  state: 'passed' | 'failed';
  durationMs: number;
  screenshots: string[];
  /** theme → violations found by axe (only for scenarios with axe) */
  axe: Partial<Record<ThemeKind, AxeViolation[]>>;
  error?: string;
}

export interface UiResult {
  passed: number;
  failed: number;
  skipped: number;
  scenarios: ScenarioResult[];
}

export interface UiOptions {
  page: Page;
  outDir: string;
  /** the extension's package.json (command titles) */
  packageJson: string;
  /** node_modules/axe-core/axe.min.js */
  axeScript: string;
}

async function runAxe(frame: Frame, axeScript: string, disableRules: string[]): Promise<AxeViolation[]> {
  // evaluate() goes through DevTools, which the webview's CSP (script-src 'nonce-…') does not block,
  // unlike a <script> tag would be
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(fs.readFileSync(axeScript, 'utf8'));
  const rules = Object.fromEntries(disableRules.map((r) => [r, { enabled: false }]));
  return frame.evaluate(async (rules) => {
    // A webview's document is transparent: what the user sees behind it is the editor background, painted
    // by the host frame. axe would assume white (light text on "white" fails every dark theme), so paint
    // that same colour on the root while axe looks, unless the webview sets a background itself.
    const root = document.documentElement;
    // (no named helper functions in here: tsx would wrap them in a __name() the page does not have)
    const clear = ['rgba(0, 0, 0, 0)', 'transparent'];
    const previous = root.style.backgroundColor;
    const editorBg = getComputedStyle(root).getPropertyValue('--vscode-editor-background').trim();
    if (editorBg && clear.includes(getComputedStyle(root).backgroundColor) && clear.includes(getComputedStyle(document.body).backgroundColor)) {
      root.style.backgroundColor = editorBg;
    }
    interface AxeLike { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> }
    const axe = (window as unknown as { axe: AxeLike }).axe;
    const r = await axe.run(document, { rules, resultTypes: ['violations'] }).finally(() => (root.style.backgroundColor = previous));
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      details: v.nodes.slice(0, 5).map((n) => (n.failureSummary ?? '').replace(/\s+/g, ' ').trim()),
    }));
  }, rules);
}

const exact = (t: string) => new RegExp(`^\\s*${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** One scenario step (see UiStep); webview steps need the frame `waitFor` found. */
async function runStep(page: Page, frame: Frame | undefined, step: UiStep, timeout: number): Promise<void> {
  if ('press' in step) {
    await page.keyboard.press(step.press);
    return;
  }
  if ('type' in step) {
    await page.keyboard.type(step.type);
    return;
  }
  if ('clickWorkbench' in step) {
    await page.locator(step.clickWorkbench).first().click({ timeout });
    return;
  }
  if (!frame) throw new Error(`step ${JSON.stringify(step)} acts inside a webview: the scenario needs waitFor: { webview: … }`);
  if ('waitFor' in step) {
    const n = step.count ?? 1;
    await frame.locator(step.waitFor).nth(n - 1).waitFor({ timeout }).catch(async () => {
      throw new Error(`${await frame.locator(step.waitFor).count()} of ${n} "${step.waitFor}" within ${timeout} ms`);
    });
  } else if ('scrollTo' in step) {
    await frame.locator(step.scrollTo).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  } else if ('click' in step) {
    await frame.locator(step.click).first().click({ timeout });
  } else if ('fill' in step) {
    await frame.locator(step.fill).first().fill(step.text, { timeout });
  } else if ('append' in step) {
    const field = frame.locator(step.append).first();
    await field.click({ timeout });
    await field.press('Control+End');
    await field.pressSequentially(step.text);
  } else {
    // the dropdown is the component's own list (shadow DOM), opened by a click like a user would
    await frame.locator(step.select).first().click({ timeout });
    const option = frame.locator(`${step.select} li[role="option"]`).filter({ hasText: exact(step.option) }).first();
    await option.waitFor({ timeout }).catch(() => {
      throw new Error(`"${step.option}" is not an option of ${step.select}`);
    });
    await option.click({ timeout });
  }
}

/** Back to a bare workbench between scenarios; only runs the commands whose target is showing. */
async function reset(page: Page, timeout: number): Promise<void> {
  await page.keyboard.press('Escape');
  const showing = async (selector: string) => (await page.locator(selector).count()) > 0 && (await page.locator(selector).first().isVisible());
  if (await showing('.part.editor .tabs-container .tab')) await runPaletteCommand(page, 'View: Close All Editors', timeout).catch(() => {});
  if (await showing('.notifications-center .notification-list-item')) {
    await runPaletteCommand(page, 'Notifications: Clear All Notifications', timeout).catch(() => {});
  }
  if (await showing('.notifications-center.visible')) await runPaletteCommand(page, 'Notifications: Hide Notifications', timeout).catch(() => {});
  if (await showing('.part.panel')) await runPaletteCommand(page, 'View: Hide Panel', timeout).catch(() => {});
}

async function runScenario(s: UiScenario, o: UiOptions): Promise<ScenarioResult> {
  const { page, outDir } = o;
  const timeout = s.timeoutMs ?? 30_000;
  const res: ScenarioResult = { name: s.name, state: 'passed', durationMs: 0, screenshots: [], axe: {} };
  const started = Date.now();
  const themes = s.themes ?? ['light', 'dark'];
  try {
    if (s.axe && !('webview' in s.waitFor)) throw new Error('axe runs inside webview frames only: use waitFor: { webview: … }');
    await setTheme(page, themes[0]!, timeout);
    if (s.open) await openFile(page, s.open, timeout);
    for (const step of s.before ?? []) await runStep(page, undefined, step, timeout);
    const title = s.command ? paletteTitle(o.packageJson, s.command) : s.title;
    if (title) await runPaletteCommand(page, title, timeout);
    let frame: Frame | undefined;
    const w = s.waitFor;
    if ('webview' in w) frame = await findFrame(page, w.webview, timeout);
    else if ('workbench' in w) await page.locator(w.workbench).first().waitFor({ timeout });
    else log(`${s.name}: notification "${await waitForNotification(page, w.notification, timeout)}"`);
    for (const [i, step] of (s.steps ?? []).entries()) {
      await runStep(page, frame, step, timeout).catch((e: Error) => {
        throw new Error(`step ${i + 1} ${JSON.stringify(step)}: ${e.message}`);
      });
    }
    for (const theme of themes) {
      await setTheme(page, theme, timeout, frame);
      if (frame && 'webview' in w) await frame.locator(w.webview).first().waitFor({ timeout });
      await page.waitForTimeout(300); // let theme transitions and fonts settle for the picture
      const shot = path.join(outDir, `${s.name}-${theme}.png`);
      await page.screenshot({ path: shot });
      res.screenshots.push(shot);
      if (frame && s.axe) {
        const violations = await runAxe(frame, o.axeScript, typeof s.axe === 'object' ? s.axe.disableRules : []);
        res.axe[theme] = violations;
        fs.writeFileSync(path.join(outDir, `axe-${s.name}-${theme}.json`), JSON.stringify(violations, null, 2));
      }
    }
    const found = Object.entries(res.axe).flatMap(([theme, vs]) => vs.map((v) => `${theme}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.slice(0, 3).join(', ')}${v.details[0] ? ` — ${v.details[0]}` : ''}`));
    if (found.length) throw new Error(`axe found ${found.length} accessibility violation(s):\n    ${found.join('\n    ')}`);
  } catch (e) {
    res.state = 'failed';
    res.error = (e as Error).message;
    await page.screenshot({ path: path.join(outDir, `failure-${s.name}.png`) }).catch(() => {});
  } finally {
    res.durationMs = Date.now() - started;
    await reset(page, 5_000);
  }
  return res;
}

export async function runScenarios(list: UiScenario[], o: UiOptions): Promise<UiResult> {
  const names = new Set<string>();
  for (const s of list) {
    if (names.has(s.name)) throw new Error(`two UI scenarios are named "${s.name}"; names must be unique (they name the screenshots)`);
    names.add(s.name);
  }
  const results: ScenarioResult[] = [];
  for (const s of list) {
    const r = await runScenario(s, o);
    results.push(r);
    console.log(`  ${r.state === 'passed' ? '✔' : '✘'} ui: ${s.name} (${r.durationMs} ms)${r.error ? `\n    ${r.error}` : ''}`);
  }
  const passed = results.filter((r) => r.state === 'passed').length;
  return { passed, failed: results.length - passed, skipped: 0, scenarios: results };
}
