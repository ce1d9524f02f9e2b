// Every custom LSP message of CodeTune, declared once and used by the daemon, the extension and the tests.
// Names follow codetune/<area>/<verb>; notifications codetune/<area>/didChange. Always pass `.type`.
export * from './errors.js';
export * from './daemon.js';
export * from './plugins.js';
export * from './analysis.js';
export * from './models.js';
export * from './history.js';
export * from './prompts.js';
