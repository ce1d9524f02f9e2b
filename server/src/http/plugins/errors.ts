// One error shape for every failure: { error: { code, message, hint? } }. UserErrors and validation errors
// keep their message; anything else is a 5xx whose details stay in the log (by request id), never in the
// response.
import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { isUserError } from '../../util/errors.js';

export const errorsPlugin = fp(async (app) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isUserError(err)) {
      if (err.status >= 500) req.log.warn({ err: err.message, code: err.code }, 'request failed');
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) } });
    }
    if (err.validation) {
      const where = err.validationContext ?? 'request';
      return reply.status(400).send({ error: { code: 'validation_failed', message: `Invalid ${where}: ${err.message}` } });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status < 500) {
      return reply.status(status).send({ error: { code: err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large' : 'bad_request', message: err.message } });
    }
    req.log.error({ err }, 'internal error');
    return reply.status(500).send({ error: { code: 'internal', message: `Internal error (request ${req.id}); the daemon log has the details.` } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.`, hint: 'GET /docs lists the API.' } }),
  );
});
