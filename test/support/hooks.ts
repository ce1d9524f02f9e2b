// Mocha root hooks: stop the shared PostgreSQL after the run.
import { stopPgServer } from './pg.js';

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(30000);
    await stopPgServer();
  },
};
