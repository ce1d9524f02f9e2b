// Local, protocol-faithful model servers for tests (see README.md in this folder).
//   const fake = await start({ protocol: 'openai', faults: [{ kind: 'status', status: 429, retryAfter: 1 }] });
//   … point a client at fake.url … ; fake.generationCalls(); fake.calls[0].aborted; await fake.stop();
import type { FakeOptions, FakeServer } from './base.js';
import { startAnthropicFake } from './anthropic.js';
import { startOpenAiFake } from './openai.js';
import { startTgiFake } from './tgi.js';

export type { Fault, FakeOptions, FakeServer, CallRecord } from './base.js';
export { startAnthropicFake, startOpenAiFake, startTgiFake };

export type Protocol = 'openai' | 'anthropic' | 'tgi';

export function start(opts: FakeOptions & { protocol: Protocol }): Promise<FakeServer> {
  switch (opts.protocol) {
    case 'openai':
      return startOpenAiFake(opts);
    case 'anthropic':
      return startAnthropicFake(opts);
    case 'tgi':
      return startTgiFake(opts);
  }
}
