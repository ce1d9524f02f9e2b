// The HTTP app through app.inject(): open health, bearer token on everything else, one error shape,
// masked 5xx, and the OpenAPI document.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp, type App } from '../../../server/src/http/app.js';
import { UserError } from '../../../server/src/util/errors.js';
import { forEachDialect } from '../../support/db.js';
import { testContext } from '../../support/daemon.js';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';

async function extraRoutes(app: FastifyInstance) {
  app.get('/api/test/boom', async () => {
    throw new Error('secret internals: password=hunter2');
  });
  app.get('/api/test/user-error', async () => {
    throw new UserError('conflict', 'A prompt named "x" exists.', { hint: 'Pick another name.' });
  });
}

forEachDialect('HTTP app', (repos, dialect) => {
  let app: App;
  beforeEach(async () => {
    app = await buildApp({ ctx: testContext(repos(), { models: [{ id: 'local', provider: 'openai-compatible', model: 'm', baseUrl: 'http://127.0.0.1:9' }] }), token: TOKEN, routes: [extraRoutes] });
  });
  afterEach(async () => app.close());

  it('GET /api/health answers without a token with status, version, dialect, uptime and providers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.dialect, dialect);
    assert.match(body.version, /^\d+\.\d+\.\d+/);
    assert.equal(typeof body.uptime_s, 'number');
    assert.equal(body.database.ok, true);
    assert.deepEqual(body.providers, [{ id: 'local', provider: 'openai-compatible', reachable: null }]);
  });

  it('refuses routes without the bearer token, or with a wrong one', async () => {
    const none = await app.inject({ method: 'GET', url: '/api/test/user-error' });
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().error.code, 'unauthorized');
    const wrong = await app.inject({ method: 'GET', url: '/api/test/user-error', headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.json().error.message, /wrong/);
  });

  it('maps UserErrors to their status with code, message and hint', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/user-error', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.statusCode, 409);
    assert.deepEqual(res.json(), { error: { code: 'conflict', message: 'A prompt named "x" exists.', hint: 'Pick another name.' } });
  });

  it('masks internal errors: 500 with a request id, nothing of the exception', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/boom', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().error.code, 'internal');
    assert.doesNotMatch(res.body, /hunter2|secret internals|at /);
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  it('serves the OpenAPI document at /docs without a token', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/health'].get);
  });
});
