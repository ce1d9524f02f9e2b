#!/usr/bin/env node
// `codetune` launcher: checks the Node version, then loads the bundled daemon (dist/server.mjs).
'use strict';
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stderr.write(`codetune: Node.js ${process.versions.node} is too old; CodeTune needs Node.js 20 or newer.\n`);
  process.exit(1);
}
const path = require('node:path');
const { pathToFileURL } = require('node:url');
import(pathToFileURL(path.join(__dirname, '..', 'dist', 'server.mjs')).href).catch((e) => {
  process.stderr.write(`codetune: cannot load dist/server.mjs (${e && e.message}). Run "npm run build" (or "npm ci") first.\n`);
  process.exit(1);
});
