// Drives a running code-server (VS Code 1.139 workbench) from headless Chromium. Run by run.sh as
//   node --import tsx test/e2e/driver.ts <test|ui> --url http://127.0.0.1:PORT --folder /abs/ws --dev /abs/repo
//     test:  --tests /abs/dist/test/extension/index.cjs  runs the mocha suite inside the extension host; exits
//            with its exit code (124 on timeout), which comes back through window.codeAutomationExit
//     ui:    runs test/e2e/scenarios.ts, writes --result ui-result.json,
//            exits 1 if a scenario failed
//   common:  --out /abs/dir (screenshots)  --env '{"K":"V"}' (extension host env)  --timeout ms
//            --only name1,name2 (ui: only these scenarios)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { scenarios } from './scenarios.js';
import { runScenarios } from './lib/ui.js';
import { isGalleryNoise, launch, log, waitForWorkbench, workbenchUrl, type WorkbenchTarget } from './lib/workbench.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
}
function required(name: string): string {
  const v = arg(name);
  if (!v) throw new Error(`--${name} is required (see the header of test/e2e/driver.ts)`);
  return v;
}

const mode = process.argv[2];
const outDir = path.resolve(arg('out', path.join(ROOT, 'test/e2e/state/out'))!);
const timeout = Number(arg('timeout', '300000'));
fs.mkdirSync(outDir, { recursive: true });

function target(): WorkbenchTarget {
  const env = arg('env');
  return {
    url: required('url'),
    folder: required('folder'),
    dev: arg('dev', ROOT),
    ...(arg('tests') ? { tests: arg('tests') } : {}),
    ...(env ? { env: JSON.parse(env) as Record<string, string> } : {}),
  };
}

let ctx: BrowserContext | undefined;
let page: Page | undefined;

async function openPage(): Promise<Page> {
  ctx = await launch(outDir);
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('pageerror', (e) => log('pageerror:', e.message.slice(0, 300)));
  return page;
}

/** Extension tests in the extension host; resolves with their exit code. */
async function testMode(): Promise<number> {
  const t = target();
  if (!t.tests) throw new Error('test mode needs --tests /abs/path/to/index.cjs');
  const p = await openPage();
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((r) => (resolveExit = r));
  // the hooks the workbench calls in smoke-test mode (the ones @vscode/test-web uses)
  await p.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
    const parts = Array.isArray(args) ? args : [args];
    const line = format(...parts); // console.* arguments: a format string first
    if (!isGalleryNoise(line)) console.log(line);
  });
  await p.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
  const url = workbenchUrl(t);
  log('test mode:', url);
  await p.goto(url);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((r) => (timer = setTimeout(() => r(124), timeout)));
  const code = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (code === 124) {
    log(`TIMEOUT: the extension tests did not finish within ${timeout} ms`);
    await p.screenshot({ path: path.join(outDir, 'test-timeout.png') }).catch(() => {});
  }
  log('extension tests finished, exit code', code);
  return code;
}

/** UI scenarios; resolves with 0 when all passed. */
async function uiMode(): Promise<number> {
  const t = target();
  const resultFile = path.resolve(arg('result', path.join(outDir, 'ui-result.json'))!);
  const only = arg('only')?.split(',').filter(Boolean);
  const list = only ? scenarios.filter((s) => only.includes(s.name)) : scenarios;
  if (only && list.length !== only.length) throw new Error(`--only names unknown scenarios; known: ${scenarios.map((s) => s.name).join(', ')}`);
  const p = await openPage();
  p.on('console', (m) => {
    if (m.type() === 'error' && !isGalleryNoise(`${m.text()} ${m.location().url ?? ''}`)) log('console.error:', m.text().slice(0, 300));
  });
  const url = workbenchUrl(t);
  log('ui mode:', url);
  await p.goto(url);
  await waitForWorkbench(p, 120_000);
  const result = await runScenarios(list, {
    page: p,
    outDir,
    packageJson: path.join(t.dev ?? ROOT, 'package.json'),
    axeScript: path.join(ROOT, 'node_modules/axe-core/axe.min.js'),
  });
  fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
  console.log(`UI: ${result.passed} passed, ${result.failed} failed`);
  return result.failed ? 1 : 0;
}

let code = 1;
try {
  if (mode === 'test') code = await testMode();
  else if (mode === 'ui') code = await uiMode();
  else throw new Error(`unknown mode "${mode ?? ''}": use test or ui`);
} catch (e) {
  console.error('DRIVER FAILED:', (e as Error).stack ?? e);
  if (page) await page.screenshot({ path: path.join(outDir, `failure-${mode}.png`) }).catch(() => {});
  code = code === 0 ? 1 : code;
}
await ctx?.close().catch(() => {}); // never leave chromium behind
process.exit(code);
