// The template engine's public API (used by the prompt service and by model dispatch). Keep it stable.
export type { FewShotExample, JsonValue, VariableSpec } from '../../../../shared/src/model/index.js';
export { renderPrompt, checkTemplates, completionText, transcript } from './render.js';
export type { ChatMessage, RenderInput, Rendered, CheckedTemplates } from './render.js';
export { parseTemplate, lineColumn, isValidVariableName, MAX_TEMPLATE_CHARS } from './parse.js';
export type { ParsedTemplate, Segment } from './parse.js';
export { BUILTIN_VARIABLES, isBuiltinVariable, specIssues, typeProblem, resolveValues } from './variables.js';
export type { VariableIssue } from './variables.js';
