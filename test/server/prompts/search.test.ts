// Full-text search and filters: the same expected answers on SQLite (FTS5) and PostgreSQL (tsvector).
import assert from 'node:assert/strict';
import { forEachDialect } from '../../support/db.js';
import { promptBody, services } from './support.js';

forEachDialect('prompt search', (repos) => {
  async function seed() {
    const { prompts } = services(repos());
    const rows = [
      { name: 'security-audit', category: 'security', tags: ['owasp', 'json'], description: 'Finds vulnerabilities such as SQL injection', system_prompt: 'You are an application-security reviewer.' },
      { name: 'sql-explain', category: 'explanation', tags: ['sql'], description: 'Explains a SQL query step by step', system_prompt: 'You explain queries.' },
      { name: 'docstring', category: 'documentation', tags: ['docs'], description: 'Writes a docstring for a function', system_prompt: 'Follow the file_path conventions; café naïve 日本語.' },
      { name: 'unit-tests', category: 'testing', tags: ['tests', 'json'], description: 'Generates unit tests', system_prompt: 'Write tests; see https://example.com/guide and v1.2.3.', model_type: 'completion' },
      { name: 'old-prompt', category: 'security', tags: ['owasp'], description: 'Deprecated injection checker', system_prompt: '', is_active: false },
    ];
    for (const r of rows) {
      await prompts.create(promptBody({ ...r, use_case: r.category === 'security' ? 'audit' : 'dev' }));
    }
    return prompts;
  }
  const names = (page: { items: { name: string }[] }) => page.items.map((p) => p.name).sort();

  it('matches words as prefixes over name, description and templates, all words required', async () => {
    const prompts = await seed();
    assert.deepEqual(names(await prompts.list({ q: 'injection' })), ['old-prompt', 'security-audit']);
    assert.deepEqual(names(await prompts.list({ q: 'SQL' })), ['security-audit', 'sql-explain']);
    assert.deepEqual(names(await prompts.list({ q: 'sql inject' })), ['security-audit']);
    assert.deepEqual(names(await prompts.list({ q: 'vulnerab' })), ['security-audit']);
    assert.deepEqual(names(await prompts.list({ q: 'nothing-like-this' })), []);
  });

  it('splits punctuation the same way on both dialects (urls, versions, snake_case, hyphens, unicode)', async () => {
    const prompts = await seed();
    assert.deepEqual(names(await prompts.list({ q: 'example' })), ['unit-tests']);
    assert.deepEqual(names(await prompts.list({ q: 'guide' })), ['unit-tests']);
    assert.deepEqual(names(await prompts.list({ q: '2' })), ['unit-tests']);
    assert.deepEqual(names(await prompts.list({ q: 'path' })), ['docstring']);
    assert.deepEqual(names(await prompts.list({ q: 'audit' })), ['security-audit']);
    assert.deepEqual(names(await prompts.list({ q: 'application security' })), ['security-audit']);
    assert.deepEqual(names(await prompts.list({ q: 'café' })), ['docstring']);
    assert.deepEqual(names(await prompts.list({ q: '日本語' })), ['docstring']);
    // query syntax of either engine is plain text here
    assert.deepEqual(names(await prompts.list({ q: '"); drop table --' })), []);
    assert.deepEqual(names(await prompts.list({ q: 'sql"* OR NEAR(' })), []);
    assert.deepEqual(names(await prompts.list({ q: 'sql"* & !' })), ['security-audit', 'sql-explain']);
  });

  it('filters by category, use_case, tags (all of them), model_type and active', async () => {
    const prompts = await seed();
    assert.deepEqual(names(await prompts.list({ category: 'security' })), ['old-prompt', 'security-audit']);
    assert.deepEqual(names(await prompts.list({ category: 'security', active: true })), ['security-audit']);
    assert.deepEqual(names(await prompts.list({ use_case: 'audit' })), ['old-prompt', 'security-audit']);
    assert.deepEqual(names(await prompts.list({ tag: ['json'] })), ['security-audit', 'unit-tests']);
    assert.deepEqual(names(await prompts.list({ tag: ['json', 'owasp'] })), ['security-audit']);
    assert.deepEqual(names(await prompts.list({ model_type: 'completion' })), ['unit-tests']);
    assert.deepEqual(names(await prompts.list({ q: 'injection', active: true })), ['security-audit']);
  });

  it('pages with a total and sorts by recency, name or relevance', async () => {
    const prompts = await seed();
    await prompts.update('docstring', { description: 'Writes a docstring (edited last)' });
    const recent = await prompts.list({ sort: 'recent', limit: 2 });
    assert.equal(recent.total, 5);
    assert.equal(recent.items.length, 2);
    assert.equal(recent.items[0]?.name, 'docstring');
    const byName = await prompts.list({ sort: 'name', limit: 2, offset: 2 });
    assert.deepEqual(byName.items.map((p) => p.name), ['security-audit', 'sql-explain']);
    assert.equal(byName.total, 5);
    const past = await prompts.list({ sort: 'name', offset: 10 });
    assert.deepEqual([past.items.length, past.total], [0, 5]);
    // a match in the name outranks one in the description only
    const rel = await prompts.list({ q: 'sql', sort: 'relevance' });
    assert.equal(rel.items[0]?.name, 'sql-explain');
  });

  it('follows content edits and deletions', async () => {
    const prompts = await seed();
    await prompts.createVersion('docstring', { system_prompt: 'Mention the zeppelin.' });
    assert.deepEqual(names(await prompts.list({ q: 'zeppelin' })), ['docstring']);
    assert.deepEqual(names(await prompts.list({ q: 'café' })), []);
    await prompts.update('docstring', { name: 'doc-writer' });
    assert.deepEqual(names(await prompts.list({ q: 'writer' })), ['doc-writer']);
    await prompts.remove('doc-writer', true);
    assert.deepEqual(names(await prompts.list({ q: 'zeppelin' })), []);
  });
});
