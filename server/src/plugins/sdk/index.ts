// The CodeTune plugin SDK: everything a plugin author needs, types first. See examples/ for a complete
// plugin (an analyzer and an llm task) with its tests, and the README there for the rules of the road.
export * from './manifest.js';
export * from './kinds.js';
