// Security analysis figures:
//   1. diagnostics latency for a 2,000-line file: didChange → publishDiagnostics over a real LSP connection
//      with the debounce set to 0, p50/p95 (goal p95 ≤ 15 ms), plus the analysis alone;
//   2. scan throughput in lines/s over ≥ 200,000 generated lines in eight languages, side by side with the
//      raw @ast-grep/napi parse cost of the same files (goal ≥ 200,000 lines/s).
//   node --import tsx bench/analysis.ts [--rounds N]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from '@ast-grep/napi';
import { ConfigurationRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, PublishDiagnosticsNotification } from 'vscode-languageserver-protocol';
import { Analyzer } from '../server/src/analysis/engine.js';
import { astGrepLang, ensureLanguages, resolveLanguage } from '../server/src/analysis/languages.js';
import { analysisFeature } from '../server/src/analysis/lsp/feature.js';
import { loadRules } from '../server/src/analysis/rules/load.js';
import { runScan } from '../server/src/analysis/scan/run.js';
import { parseDatabaseTarget } from '../server/src/config/load.js';
import { openRepositories } from '../server/src/db/open.js';
import { testContext } from '../test/support/daemon.js';
import { lspPair } from '../test/support/lsp.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 100;

/** One function of realistic density per language; `i` varies names so nothing is identical. */
const TEMPLATES: Record<string, (i: number) => string> = {
  js: (i) => `
app.get('/items/${i}', async (req, res) => {
  const page = parseInt(req.query.page ?? '1', 10);
  const filter = req.query.filter${i % 3 === 0 ? '' : ' || "all"'};
  const rows = await db.query('SELECT * FROM items WHERE page = ? AND f = ?', [page, filter]);
  if (!rows.length) {
    return res.status(404).json({ error: 'not found', id: ${i} });
  }
  const total = rows.reduce((sum, r) => sum + r.price * r.qty, 0);
  ${i % 10 === 0 ? "db.query('SELECT * FROM audit WHERE f = ' + filter);" : "logger.info({ total, page }, 'listed');"}
  res.json({ items: rows.map((r) => ({ id: r.id, name: r.name })), total });
});
`,
  py: (i) => `
@app.route("/items/${i}")
def list_items_${i}():
    page = int(request.args.get("page", 1))
    name = request.args.get("name", "")
    rows = db.execute("SELECT * FROM items WHERE page = ? AND name = ?", (page, name)).fetchall()
    if not rows:
        abort(404)
    total = sum(r["price"] * r["qty"] for r in rows)
    ${i % 10 === 0 ? 'os.system("echo " + name)' : 'log.info("listed %s", total)'}
    return jsonify(items=[dict(r) for r in rows], total=total)
`,
  java: (i) => `
    public List<Item> list${i}(HttpServletRequest request) throws SQLException {
        int page = Integer.parseInt(request.getParameter("page"));
        String name = request.getParameter("name");
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM items WHERE page = ? AND name = ?");
        ps.setInt(1, page);
        ps.setString(2, name);
        List<Item> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new Item(rs.getLong("id"), rs.getString("name")));
        }
        ${i % 10 === 0 ? 'stmt.executeQuery("SELECT * FROM audit WHERE n = \'" + name + "\'");' : 'log.info("listed {}", out.size());'}
        return out;
    }
`,
  go: (i) => `
func ListItems${i}(w http.ResponseWriter, r *http.Request) {
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil {
		http.Error(w, "bad page", http.StatusBadRequest)
		return
	}
	name := r.FormValue("name")
	rows, err := db.Query("SELECT id, name FROM items WHERE page = ? AND name = ?", page, name)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	defer rows.Close()
	${i % 10 === 0 ? 'db.Query("SELECT * FROM audit WHERE n = \'" + name + "\'")' : 'log.Printf("listed %d", page)'}
}
`,
  c: (i) => `
int handle_${i}(int argc, char **argv) {
    char buf[256];
    int n = argc > 1 ? atoi(argv[1]) : 0;
    if (n < 0 || n > 100) {
        return -1;
    }
    snprintf(buf, sizeof buf, "item-%d", n);
    for (int k = 0; k < n; k++) {
        total += k * ${i};
    }
    ${i % 10 === 0 ? 'system(argv[2]);' : 'printf("%s %d\\n", buf, total);'}
    return 0;
}
`,
  php: (i) => `
function list_items_${i}($pdo) {
    $page = intval($_GET['page'] ?? 1);
    $name = $_GET['name'] ?? '';
    $stmt = $pdo->prepare("SELECT * FROM items WHERE page = ? AND name = ?");
    $stmt->execute([$page, $name]);
    $rows = $stmt->fetchAll();
    if (!$rows) {
        http_response_code(404);
        return;
    }
    ${i % 10 === 0 ? 'echo "<p>" . $name . "</p>";' : 'error_log("listed " . count($rows));'}
    return $rows;
}
`,
  rb: (i) => `
  def list_items_${i}
    page = params[:page].to_i
    name = params[:name]
    items = Item.where(page: page, name: name).order(:id).limit(50)
    if items.empty?
      head :not_found
      return
    end
    total = items.sum { |it| it.price * it.qty }
    ${i % 10 === 0 ? 'Item.where("name = \'#{name}\'")' : 'logger.info("listed #{total}")'}
    render json: { items: items, total: total }
  end
`,
  cs: (i) => `
    public IActionResult List${i}(int page, string name)
    {
        var n = int.Parse(Request.Query["n"]);
        var items = db.Items.Where(x => x.Page == page && x.Name == name).Take(50).ToList();
        if (items.Count == 0)
        {
            return NotFound();
        }
        var total = items.Sum(x => x.Price * x.Qty);
        ${i % 10 === 0 ? 'var cmd = new SqlCommand("SELECT * FROM Audit WHERE N = \'" + Request.Query["q"] + "\'", conn);' : '_log.LogInformation("listed {Total}", total);'}
        return Ok(new { items, total });
    }
`,
};

const WRAP: Record<string, [string, string]> = {
  js: ["'use strict';\nconst express = require('express');\nconst app = express();\n", ''],
  py: ['from flask import Flask, request, jsonify, abort\nimport os\napp = Flask(__name__)\n', ''],
  java: ['import java.sql.*;\nimport java.util.*;\n\npublic class Items {\n', '}\n'],
  go: ['package items\n\nimport (\n\t"log"\n\t"net/http"\n\t"strconv"\n)\n', ''],
  c: ['#include <stdio.h>\n#include <stdlib.h>\nstatic int total;\n', ''],
  php: ['<?php\n', ''],
  rb: ['class ItemsController < ApplicationController\n', 'end\n'],
  cs: ['using System.Linq;\n\npublic class ItemsController : Controller\n{\n', '}\n'],
};

function generate(ext: string, minLines: number, seed: number): string {
  const [head, tail] = WRAP[ext]!;
  let body = head;
  for (let i = seed; body.split('\n').length < minLines; i++) body += TEMPLATES[ext]!(i);
  return body + tail;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function latency(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'codetune-bench-'));
  const repos = await openRepositories(parseDatabaseTarget(join(dir, 'bench.db'), dir));
  const pair = lspPair(testContext(repos), [analysisFeature]);
  const waiting = new Map<number, () => void>();
  pair.client.onNotification(PublishDiagnosticsNotification.type, (p) => waiting.get(p.version ?? -1)?.());
  pair.client.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({ debounceMs: 0 })));
  await pair.initialize({ workspace: { configuration: true } });
  const text = generate('js', 2000, 0).split('\n').slice(0, 2000).join('\n');
  const uri = pathToFileURL(join(dir, 'big.js')).href;
  const published = (v: number) => new Promise<void>((r) => waiting.set(v, r));
  let p = published(1);
  await pair.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'javascript', version: 1, text } });
  await p;
  const times: number[] = [];
  for (let v = 2; v < rounds + 12; v++) {
    const edited = text.replace("'listed'", `'listed ${v}'`);
    p = published(v);
    const t0 = performance.now();
    await pair.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: edited }] });
    await p;
    if (v >= 12) times.push(performance.now() - t0); // first rounds warm the JIT and caches
  }
  await pair.close();
  const analyzer = new Analyzer(loadRules());
  const alone: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    analyzer.analyzeSync(text, 'javascript');
    alone.push(performance.now() - t0);
  }
  const withSecrets: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await analyzer.analyze(text, 'javascript');
    withSecrets.push(performance.now() - t0);
  }
  await repos.close();
  rmSync(dir, { recursive: true, force: true });
  const f = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`diagnostics latency, 2,000-line JavaScript file, change → publishDiagnostics (debounce 0), ${times.length} edits:`);
  console.log(`  p50 ${f(percentile(times, 50))}   p95 ${f(percentile(times, 95))}   max ${f(Math.max(...times))}   (goal p95 ≤ 15 ms)`);
  console.log(`  of which: rules + taint p50 ${f(percentile(alone, 50))}, with secretlint p50 ${f(percentile(withSecrets, 50))}`);
}

async function throughput(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'codetune-bench-scan-'));
  const exts = Object.keys(TEMPLATES);
  let lines = 0;
  let n = 0;
  while (lines < 200_000) {
    const ext = exts[n % exts.length]!;
    const sub = join(dir, ext);
    mkdirSync(sub, { recursive: true });
    const text = generate(ext, 600, n * 1000);
    writeFileSync(join(sub, `file${n}.${ext}`), text);
    lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    n++;
  }
  ensureLanguages();
  const files = exts.flatMap((ext) => Array.from({ length: n }, (_, i) => join(dir, ext, `file${i}.${ext}`))).filter((p) => {
    try {
      readFileSync(p);
      return true;
    } catch {
      return false;
    }
  });
  const t0 = performance.now();
  for (const p of files) parse(astGrepLang(resolveLanguage(p)!), readFileSync(p, 'utf8'));
  const parseMs = performance.now() - t0;
  const jobs = availableParallelism();
  const base = { paths: [dir], root: dir, exclude: [], rulePaths: [], minSeverity: 'info' as const, maxFileBytes: 10_000_000 };
  const one = await runScan({ ...base, jobs: 1 });
  const many = await runScan({ ...base, jobs });
  rmSync(dir, { recursive: true, force: true });
  const rate = (l: number, ms: number) => `${Math.round(l / (ms / 1000)).toLocaleString('en')} lines/s`;
  console.log(`scan throughput over ${lines.toLocaleString('en')} generated lines in ${files.length} files (${exts.join(', ')}):`);
  console.log(`  raw @ast-grep/napi parse, 1 thread:        ${rate(lines, parseMs)}  (${(parseMs / 1000).toFixed(2)} s)`);
  console.log(`  codetune scan, 1 thread (rules+taint+secrets): ${rate(one.lines, one.ms)}  (${(one.ms / 1000).toFixed(2)} s, ${one.findings.length} findings)`);
  console.log(`  codetune scan, ${jobs} worker threads:       ${rate(many.lines, many.ms)}  (${(many.ms / 1000).toFixed(2)} s, ${many.findings.length} findings)   (goal ≥ 200,000 lines/s)`);
}

await latency();
if (!process.argv.includes("--latency-only")) await throughput();
