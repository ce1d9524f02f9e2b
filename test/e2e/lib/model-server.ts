// The model of the UI pass: the local OpenAI-compatible fake of test/fakes on 127.0.0.1, so the Workbench
// and Results scenarios can run real prompts (the extension tests start their own fake inside the extension
// host; the UI window has none). run.sh starts this in the background and points codetune.models at it:
//   node --import tsx test/e2e/lib/model-server.ts /abs/url-file
// It writes its base URL into url-file once listening and serves until SIGTERM/SIGINT.
import * as fs from 'node:fs';
import { start } from '../../fakes/index.js';

const urlFile = process.argv[2];
if (!urlFile) {
  console.error('usage: model-server.ts /abs/url-file (see the header of test/e2e/lib/model-server.ts)');
  process.exit(2);
}
// The default reply echoes the rendered prompt ("Echo: …"): what the screenshots show is the exact text the
// daemon sent, so two versions of a prompt give visibly different outputs. A short pause between words
// makes the answers stream like a real model's.
const fake = await start({ protocol: 'openai', chunkDelayMs: 15 });
fs.writeFileSync(urlFile, fake.url);
const stop = () => void fake.stop().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
