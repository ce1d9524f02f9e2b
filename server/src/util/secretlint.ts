// secretlint with its recommended preset (AWS, GCP, GitHub, Slack, npm, private keys, basic auth in URLs…),
// shared by the static analysis (CWE-798 findings) and the history redaction. Loaded on first use: the
// preset is one of the largest modules of the daemon and the LSP handshake does not need it.
import type { SecretLintCoreResult } from '@secretlint/types';

type Lint = (text: string, filePath: string, maskSecrets: boolean) => Promise<SecretLintCoreResult>;
let loading: Promise<Lint> | undefined;

function load(): Promise<Lint> {
  loading ??= (async () => {
    const [{ lintSource }, { creator }] = await Promise.all([import('@secretlint/core'), import('@secretlint/secretlint-rule-preset-recommend')]);
    const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
    return (text, filePath, maskSecrets) => {
      const ext = /\.[^./\\]+$/.exec(filePath)?.[0] ?? '';
      return lintSource({ source: { content: text, filePath, ext, contentType: 'text' }, options: { config, noPhysicFilePath: true, maskSecrets } });
    };
  })();
  return loading;
}

export async function lintSecrets(text: string, filePath: string, maskSecrets = true): Promise<SecretLintCoreResult> {
  return (await load())(text, filePath, maskSecrets);
}
