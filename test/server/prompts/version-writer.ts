// Child process of multiprocess.test.ts: opens the shared SQLite file as a daemon would and creates
// versions of one prompt and executions of its version 1, as fast as it can.
//   node --import tsx test/server/prompts/version-writer.ts FILE PROMPT_ID COUNT
import { dirname } from 'node:path';
import { parseDatabaseTarget } from '../../../server/src/config/load.js';
import { openRepositories } from '../../../server/src/db/open.js';

const [file, promptId, count] = process.argv.slice(2) as [string, string, string];
const repos = await openRepositories(parseDatabaseTarget(file, dirname(file)));
const v1 = await repos.prompts.getVersionByNumber(Number(promptId), 1);
const numbers: number[] = [];
for (let i = 0; i < Number(count); i++) {
  const v = await repos.prompts.createVersion(Number(promptId), {
    content: { systemPrompt: `pid ${process.pid} #${i}`, userPromptTemplate: '{{code}}', fewShotExamples: [], variables: [], modelType: 'chat', temperature: 0.2, maxTokens: 100 },
    createdBy: String(process.pid),
    changeNotes: '',
    deploy: false,
  });
  numbers.push(v!.versionNumber);
  await repos.prompts.recordExecution({ promptId: Number(promptId), versionId: v1!.id, modelUsed: 'm', success: i % 2 === 0, executionTimeMs: 10 });
}
await repos.close();
process.stdout.write(`${JSON.stringify({ numbers })}\n`);
