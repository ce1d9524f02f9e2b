// Worker thread of `codetune scan`: loads the rules once, then scans the files the main thread sends,
// one message per file, answering with its findings and notices.
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from '../engine.js';
import { loadRules } from '../rules/load.js';
import type { ScanTarget } from './files.js';
import { scanFile, type ScanOptions } from './scanfile.js';

const opts = workerData as ScanOptions;
const analyzer = new Analyzer(loadRules(opts.rulePaths));

parentPort!.on('message', (msg: { id: number; target: ScanTarget }) => {
  void scanFile(analyzer, msg.target, opts).then((result) => parentPort!.postMessage({ id: msg.id, result }));
});
parentPort!.postMessage({ ready: true });
