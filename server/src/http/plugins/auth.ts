// Bearer-token guard. The token is in <data-dir>/daemon.token (0600): only the user running the daemon can
// read it, so other local users and web pages cannot drive the API even though it listens on loopback.
import fp from 'fastify-plugin';
import { tokensMatch } from '../../util/token.js';

export const authPlugin = fp<{ token: string; open: string[] }>(async (app, opts) => {
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (opts.open.includes(path)) return;
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m || !tokensMatch(opts.token, m[1]!)) {
      return reply.status(401).send({
        error: {
          code: 'unauthorized',
          message: header ? 'The bearer token is wrong.' : 'This route needs Authorization: Bearer <token>.',
          hint: 'The token is in daemon.token inside the daemon\'s data directory.',
        },
      });
    }
  });
});
