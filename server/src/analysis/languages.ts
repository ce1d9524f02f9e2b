// The languages the analysis understands: how a file or LSP languageId maps to an ast-grep language, and the
// few syntax facts (node kinds) the taint tracker, metrics and code lenses need. Everything a rule says
// about sources, sinks and sanitizers is data (server/rules/); only the grammar's vocabulary lives here.
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { Lang, registerDynamicLanguage } from '@ast-grep/napi';

export const LANGUAGES = ['javascript', 'typescript', 'tsx', 'python', 'java', 'go', 'csharp', 'php', 'ruby', 'c', 'cpp'] as const;
export type LanguageId = (typeof LANGUAGES)[number];

const DYNAMIC = ['python', 'java', 'go', 'csharp', 'php', 'ruby', 'c', 'cpp'] as const;

let registered = false;
/** Registers the prebuilt parsers of @ast-grep/lang-* once per thread (the napi call must happen once). */
export function ensureLanguages(): void {
  if (registered) return;
  registered = true;
  const require = createRequire(import.meta.url);
  const regs: Record<string, { libraryPath: string; extensions: string[]; languageSymbol?: string; expandoChar?: string }> = {};
  for (const l of DYNAMIC) {
    const m = require(`@ast-grep/lang-${l}`) as { libraryPath: string; extensions: string[]; languageSymbol?: string; expandoChar?: string };
    regs[l] = { libraryPath: m.libraryPath, extensions: m.extensions, languageSymbol: m.languageSymbol, expandoChar: m.expandoChar };
  }
  registerDynamicLanguage(regs);
}

/** The name ast-grep knows the language by. */
export function astGrepLang(id: LanguageId): string {
  switch (id) {
    case 'javascript':
      return Lang.JavaScript;
    case 'typescript':
      return Lang.TypeScript;
    case 'tsx':
      return Lang.Tsx;
    default:
      return id;
  }
}

const BY_EXT: Record<string, LanguageId> = {
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript',
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'tsx',
  '.py': 'python', '.pyw': 'python', '.java': 'java', '.go': 'go', '.cs': 'csharp',
  '.php': 'php', '.rb': 'ruby', '.rake': 'ruby', '.c': 'c', '.h': 'c',
  '.cc': 'cpp', '.cpp': 'cpp', '.cxx': 'cpp', '.hpp': 'cpp', '.hh': 'cpp', '.hxx': 'cpp',
};

const BY_LSP_ID: Record<string, LanguageId> = {
  javascript: 'javascript', javascriptreact: 'javascript', typescript: 'typescript', typescriptreact: 'tsx',
  python: 'python', java: 'java', go: 'go', csharp: 'csharp', php: 'php', ruby: 'ruby', c: 'c', cpp: 'cpp',
};

/** Resolves an LSP languageId, one of our ids, or a file path (by extension). Undefined: not analysed. */
export function resolveLanguage(idOrPath: string): LanguageId | undefined {
  if (idOrPath in BY_LSP_ID) return BY_LSP_ID[idOrPath];
  if ((LANGUAGES as readonly string[]).includes(idOrPath)) return idOrPath as LanguageId;
  return BY_EXT[extname(idOrPath).toLowerCase()];
}

/** Grammar vocabulary of one language. */
export interface Syntax {
  functions: string[];
  classes: string[];
  /** nodes that define a variable: first named child is the target, last one the value */
  definitions: string[];
  calls: string[];
  identifiers: string[];
  ifs: string[];
  /** kinds whose `field` child is a name, not a value (method names, attribute names) */
  nameFields: Record<string, string>;
  strings: string[];
  /** decision points for cyclomatic complexity (besides ifs and && / ||) */
  branches: string[];
  comment: '//' | '#' | 'both';
}

const C_LIKE_BRANCHES = ['for_statement', 'while_statement', 'do_statement', 'case_statement', 'conditional_expression'];

const JS: Syntax = {
  functions: ['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration'],
  classes: ['class_declaration', 'class'],
  definitions: ['variable_declarator', 'assignment_expression', 'augmented_assignment_expression'],
  calls: ['call_expression', 'new_expression'],
  identifiers: ['identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern'],
  ifs: ['if_statement'],
  nameFields: {},
  strings: ['string', 'template_string'],
  branches: ['for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'switch_case', 'catch_clause', 'ternary_expression'],
  comment: '//',
};

export const SYNTAX: Record<LanguageId, Syntax> = {
  javascript: JS,
  typescript: JS,
  tsx: JS,
  python: {
    functions: ['function_definition', 'lambda'],
    classes: ['class_definition'],
    definitions: ['assignment', 'augmented_assignment', 'named_expression'],
    calls: ['call'],
    identifiers: ['identifier'],
    ifs: ['if_statement'],
    nameFields: { attribute: 'attribute', keyword_argument: 'name' },
    strings: ['string'],
    branches: ['for_statement', 'while_statement', 'except_clause', 'conditional_expression', 'elif_clause', 'list_comprehension', 'case_clause'],
    comment: '#',
  },
  java: {
    functions: ['method_declaration', 'constructor_declaration', 'lambda_expression'],
    classes: ['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration'],
    definitions: ['variable_declarator', 'assignment_expression'],
    calls: ['method_invocation', 'object_creation_expression'],
    identifiers: ['identifier'],
    ifs: ['if_statement'],
    nameFields: { method_invocation: 'name', field_access: 'field' },
    strings: ['string_literal'],
    branches: ['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement', 'switch_label', 'catch_clause', 'ternary_expression'],
    comment: '//',
  },
  go: {
    functions: ['function_declaration', 'method_declaration', 'func_literal'],
    classes: ['type_declaration'],
    definitions: ['short_var_declaration', 'var_spec', 'assignment_statement', 'const_spec'],
    calls: ['call_expression'],
    identifiers: ['identifier'],
    ifs: ['if_statement'],
    nameFields: {},
    strings: ['interpreted_string_literal', 'raw_string_literal'],
    branches: ['for_statement', 'expression_case', 'type_case', 'communication_case'],
    comment: '//',
  },
  csharp: {
    functions: ['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression'],
    classes: ['class_declaration', 'interface_declaration', 'struct_declaration', 'record_declaration'],
    definitions: ['variable_declarator', 'assignment_expression'],
    calls: ['invocation_expression', 'object_creation_expression'],
    identifiers: ['identifier'],
    ifs: ['if_statement'],
    nameFields: { member_access_expression: 'name' },
    strings: ['string_literal', 'verbatim_string_literal', 'interpolated_string_expression'],
    branches: ['for_statement', 'foreach_statement', 'while_statement', 'do_statement', 'switch_section', 'catch_clause', 'conditional_expression'],
    comment: '//',
  },
  php: {
    functions: ['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'],
    classes: ['class_declaration', 'interface_declaration', 'trait_declaration'],
    definitions: ['assignment_expression', 'augmented_assignment_expression'],
    calls: ['function_call_expression', 'member_call_expression', 'scoped_call_expression', 'object_creation_expression'],
    identifiers: ['variable_name'],
    ifs: ['if_statement'],
    nameFields: { member_call_expression: 'name', member_access_expression: 'name' },
    strings: ['string', 'encapsed_string'],
    branches: ['for_statement', 'foreach_statement', 'while_statement', 'do_statement', 'case_statement', 'catch_clause', 'conditional_expression', 'else_if_clause'],
    comment: 'both',
  },
  ruby: {
    functions: ['method', 'singleton_method', 'lambda'],
    classes: ['class', 'module'],
    definitions: ['assignment', 'operator_assignment'],
    calls: ['call'],
    identifiers: ['identifier', 'instance_variable'],
    ifs: ['if', 'unless', 'if_modifier', 'unless_modifier'],
    nameFields: { call: 'method' },
    strings: ['string'],
    branches: ['for', 'while', 'until', 'when', 'rescue', 'conditional', 'elsif'],
    comment: '#',
  },
  c: {
    functions: ['function_definition'],
    classes: ['struct_specifier'],
    definitions: ['init_declarator', 'assignment_expression'],
    calls: ['call_expression'],
    identifiers: ['identifier'],
    ifs: ['if_statement'],
    nameFields: { field_expression: 'field' },
    strings: ['string_literal'],
    branches: C_LIKE_BRANCHES,
    comment: '//',
  },
  cpp: {
    functions: ['function_definition', 'lambda_expression'],
    classes: ['class_specifier', 'struct_specifier'],
    definitions: ['init_declarator', 'assignment_expression'],
    calls: ['call_expression', 'new_expression'],
    identifiers: ['identifier'],
    ifs: ['if_statement'],
    nameFields: { field_expression: 'field' },
    strings: ['string_literal', 'raw_string_literal'],
    branches: [...C_LIKE_BRANCHES, 'for_range_loop', 'catch_clause'],
    comment: '//',
  },
};
