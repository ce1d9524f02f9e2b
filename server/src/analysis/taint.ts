// Intraprocedural taint tracking, demand-driven: starting from a sink's argument, walk backwards through the
// definitions of the variables it uses (last definition before the use, inside the enclosing function and
// then the functions around it) until a source is found, a sanitizer or safe value ends the chain, or
// nothing is left. Only the slice that matters is visited, because every step across the native boundary
// of ast-grep costs about a microsecond: a full tree walk per keystroke would not fit the latency budget.
import type { SgNode } from '@ast-grep/napi';
import type { TaintStep } from '../../../shared/src/protocol/analysis.js';
import type { LanguageId, Syntax } from './languages.js';
import type { TaintSpec } from './rules/types.js';
import { fieldOf, kindOf, nodeRange, shorten } from './ranges.js';

export interface TaintHit {
  steps: TaintStep[];
}

interface Def {
  name: string;
  node: SgNode;
  start: number;
  end: number;
  values: SgNode[];
  /** the previous value flows on (`x += y`, `list.append(y)`) */
  aug: boolean;
  /** the definition itself is a source (`fgets(buf, …)`) */
  source?: string;
}

interface Guard {
  name: string;
  start: number;
  end: number;
  kind: 'inside' | 'after';
  checkedAt: number;
}

interface Scope {
  node: SgNode;
  start: number;
  end: number;
  parent: Scope | null;
  defs?: Map<string, Def[]>;
  guards?: Guard[];
  paramSources?: Map<string, SgNode>;
}

const MAX_DEPTH = 48;
const MAX_TEXT = 400;
const DEAD_CONDITION = /^\(*\s*(false|False|FALSE|0|nil|None|null)\s*\)*$/;
const EXITS = /\b(return|throw|raise|abort|exit|die|panic|redirect_to|render|continue|break)\b/;

const CAST_TO_NUMBER = /^\(\s*(int|long|short|float|double|bool|boolean|Integer|Long|decimal|uint|size_t)\s*\)/;

/** The callee part of a call's text (`a.b(x).c` for `a.b(x).c(y)`, `x.to_i` for Ruby calls without arguments). */
export function calleeText(call: SgNode, text = call.text()): string {
  const args = fieldOf(call, 'arguments');
  const cut = args ? args.range().start.index - call.range().start.index : text.indexOf('(');
  return (cut >= 0 ? text.slice(0, cut) : text).replace(/^new\s+/, '').trim();
}

/** The parameter list of a function (C keeps it inside the declarator). */
function paramsOf(fn: SgNode): SgNode | null {
  const direct = fieldOf(fn, 'parameters') ?? fieldOf(fn, 'parameter');
  if (direct) return direct;
  const decl = fieldOf(fn, 'declarator');
  return decl ? fieldOf(decl, 'parameters') : null;
}

const start = (n: SgNode) => n.range().start.index;
const end = (n: SgNode) => n.range().end.index;

export class TaintTracker {
  private readonly scopes = new Map<number, Scope>();
  private readonly memo = new Map<string, TaintHit | null>();
  private readonly dead = new Map<number, boolean>();

  constructor(
    private readonly root: SgNode,
    private readonly lang: LanguageId,
    private readonly syntax: Syntax,
    private readonly spec: TaintSpec,
  ) {}

  /** The innermost function (or the file) holding the node. */
  scopeOf(node: SgNode): Scope {
    const chain = node.ancestors().filter((a) => this.syntax.functions.includes(kindOf(a)));
    let parent: Scope | null = this.scopeFor(this.root, null);
    for (const fn of chain.reverse()) parent = this.scopeFor(fn, parent);
    return parent!;
  }

  private scopeFor(node: SgNode, parent: Scope | null): Scope {
    let s = this.scopes.get(node.id());
    if (!s) {
      s = { node, start: start(node), end: end(node), parent };
      this.scopes.set(node.id(), s);
    }
    return s;
  }

  /**
   * True when the node sits in the body of an `if` whose condition is a constant false (`if (false)`,
   * `if 0:`); found from the node's own ancestors, so only the ifs around it are looked at.
   */
  isDead(node: SgNode): boolean {
    const id = node.id();
    const cached = this.dead.get(id);
    if (cached !== undefined) return cached;
    let dead = false;
    const at = start(node);
    for (const a of node.ancestors()) {
      const k = kindOf(a);
      if (!this.syntax.ifs.includes(k) || k.startsWith('unless')) continue;
      const cond = fieldOf(a, 'condition') ?? a.namedChildren()[0];
      if (!cond || !DEAD_CONDITION.test(cond.text())) continue;
      const body = fieldOf(a, 'consequence') ?? fieldOf(a, 'body') ?? a.namedChildren()[1];
      if (body && start(body) <= at && at < end(body)) {
        dead = true;
        break;
      }
    }
    this.dead.set(id, dead);
    return dead;
  }

  /** A tainted path into `arg` of a sink for `cwe`, or null. The scope is only looked up when needed. */
  check(arg: SgNode, at: SgNode, cwe: string): TaintHit | null {
    return this.expr(arg, () => this.scopeOf(at), start(at), cwe, 0);
  }

  private expr(node: SgNode, scopeRef: Scope | (() => Scope), pos: number, cwe: string, depth: number): TaintHit | null {
    if (depth > MAX_DEPTH) return null;
    const kind = kindOf(node);
    const text = node.text();
    const short = text.length <= MAX_TEXT;
    if (short && kind.includes('cast') && CAST_TO_NUMBER.test(text)) return null;
    if (this.syntax.calls.includes(kind) && short) {
      const callee = calleeText(node, text);
      for (const s of this.spec.sanitizers) {
        if (!s.callee.test(callee)) continue;
        if (s.cwes.length === 0 || s.cwes.includes(cwe)) return null;
      }
    }
    if (short && this.spec.sources.some((re) => re.test(text))) {
      return { steps: [{ range: nodeRange(node), label: `source: ${shorten(text)}` }] };
    }
    if (this.syntax.identifiers.includes(kind)) return this.lookup(text, node, typeof scopeRef === 'function' ? scopeRef() : scopeRef, pos, cwe, depth + 1);
    if (this.syntax.functions.includes(kind)) return null;
    const skip = this.syntax.nameFields[kind];
    const skipId = skip ? fieldOf(node, skip)?.id() : undefined;
    for (const child of node.namedChildren()) {
      if (skipId !== undefined && child.id() === skipId) continue;
      const hit = this.expr(child, scopeRef, pos, cwe, depth + 1);
      if (hit) return hit;
    }
    return null;
  }

  private lookup(name: string, use: SgNode, scope: Scope, pos: number, cwe: string, depth: number): TaintHit | null {
    for (let s: Scope | null = scope; s; pos = s.start, s = s.parent) {
      const defs = (this.defsOf(s).get(name) ?? []).filter((d) => d.end <= pos && !this.isDead(d.node));
      // latest definition first; one made in a branch that does not hold the use may not have run, so the
      // one before it is also a possible value (may-taint), until a definition that always runs
      for (let i = defs.length - 1; i >= 0; i--) {
        const def = defs[i]!;
        if (this.guarded(s, name, def.end, pos)) return null;
        const hit = this.fromDef(def, s, cwe, depth);
        if (hit) return hit;
        if (!this.conditional(def, s, pos)) return null;
      }
      const param = this.paramSourcesOf(s).get(name);
      if (param) {
        if (this.guarded(s, name, start(param), pos)) return null;
        return { steps: [{ range: nodeRange(param), label: `source: parameter ${shorten(param.text())}` }] };
      }
      if (this.declaresParam(s, name, use)) return null;
    }
    return null;
  }

  /** True when the definition sits in a branch or loop body that does not also contain `pos`. */
  private conditional(def: Def, scope: Scope, pos: number): boolean {
    const scopeId = scope.node.id();
    for (const a of def.node.ancestors()) {
      if (a.id() === scopeId) return false;
      const k = kindOf(a);
      if ((this.syntax.ifs.includes(k) || this.syntax.branches.includes(k) || /else|elif/.test(k)) && !(start(a) <= pos && pos < end(a))) return true;
    }
    return false;
  }

  private fromDef(def: Def, scope: Scope, cwe: string, depth: number): TaintHit | null {
    const key = `${def.node.id()}:${def.name}:${cwe}`;
    if (this.memo.has(key)) return this.memo.get(key)!;
    this.memo.set(key, null); // cycles (x = x + y in loops) end here
    let hit: TaintHit | null = null;
    if (def.source) hit = { steps: [{ range: nodeRange(def.node), label: `source: ${def.source}` }] };
    for (const v of def.values) {
      if (hit) break;
      hit = this.expr(v, scope, def.start, cwe, depth + 1);
    }
    if (!hit && def.aug) hit = this.lookup(def.name, def.node, scope, def.start, cwe, depth + 1);
    if (hit) hit = { steps: [...hit.steps, { range: nodeRange(def.node), label: `flows into \`${def.name}\`` }] };
    this.memo.set(key, hit);
    return hit;
  }

  private guarded(scope: Scope, name: string, defEnd: number, pos: number): boolean {
    this.analyseIfs(scope);
    return scope.guards!.some((g) => g.name === name && g.checkedAt >= defEnd && g.start <= pos && pos < g.end);
  }

  /** Parameters that are not sources hide outer variables of the same name. */
  private declaresParam(scope: Scope, name: string, _use: SgNode): boolean {
    if (scope.node === this.root) return false;
    const params = paramsOf(scope.node);
    if (!params) return false;
    return new RegExp(`(^|[^\\w$])${name.replace(/[$]/g, '\\$')}([^\\w]|$)`).test(params.text());
  }

  private paramSourcesOf(scope: Scope): Map<string, SgNode> {
    if (scope.paramSources) return scope.paramSources;
    scope.paramSources = new Map();
    if (scope.node === this.root || this.spec.paramSources.length === 0) return scope.paramSources;
    const params = paramsOf(scope.node);
    for (const p of params?.namedChildren() ?? []) {
      const text = p.text();
      if (!this.spec.paramSources.some((re) => re.test(text))) continue;
      const ids = p.findAll({ rule: { any: this.syntax.identifiers.map((k) => ({ kind: k })) } });
      const last = ids[ids.length - 1];
      if (last) scope.paramSources.set(last.text(), p);
    }
    return scope.paramSources;
  }

  private defsOf(scope: Scope): Map<string, Def[]> {
    if (scope.defs) return scope.defs;
    const defs = new Map<string, Def[]>();
    const add = (d: Def) => {
      const list = defs.get(d.name) ?? [];
      list.push(d);
      defs.set(d.name, list);
    };
    const kinds = [...this.syntax.definitions, ...this.syntax.calls].map((k) => ({ kind: k }));
    for (const n of scope.node.findAll({ rule: { any: kinds } })) {
      const kind = kindOf(n);
      if (this.syntax.calls.includes(kind)) this.callDefs(n, add);
      else this.assignDefs(n, add);
    }
    for (const list of defs.values()) list.sort((a, b) => a.end - b.end);
    scope.defs = defs;
    return defs;
  }

  private assignDefs(n: SgNode, add: (d: Def) => void): void {
    const kids = n.namedChildren();
    const target = kids[0];
    if (!target || kids.length < 2) return;
    const value = kids[kids.length - 1]!;
    const aug = /augmented|operator_assignment/.test(kindOf(n)) || n.children().some((c) => !c.isNamed() && /^[^=!<>]{1,3}=$/.test(c.text()));
    for (const name of this.namesIn(target)) add({ name, node: n, start: start(n), end: end(n), values: [value], aug });
  }

  private callDefs(n: SgNode, add: (d: Def) => void): void {
    const text = n.text();
    if (text.length > MAX_TEXT * 4) return;
    for (const re of this.spec.mutators) {
      const m = re.exec(text);
      const v = m?.groups?.v;
      if (v) add({ name: v, node: n, start: start(n), end: end(n), values: [this.argsNode(n) ?? n], aug: true });
    }
    if (this.spec.outParams.length === 0) return;
    const callee = calleeText(n, text);
    for (const o of this.spec.outParams) {
      if (!o.callee.test(callee)) continue;
      const args = (this.argsNode(n)?.namedChildren() ?? []).filter((a) => kindOf(a) !== 'comment');
      const target = args[o.target];
      if (!target) continue;
      const values = args.filter((_, i) => i !== o.target);
      for (const name of this.namesIn(target).slice(0, 1))
        add({ name, node: n, start: start(n), end: end(n), values: o.source ? [] : values, aug: !o.source, source: o.source ? shorten(callee) + '(…)' : undefined });
    }
  }

  private argsNode(call: SgNode): SgNode | null {
    return fieldOf(call, 'arguments') ?? call.namedChildren().find((c) => /argument/.test(kindOf(c))) ?? null;
  }

  /** Variable names a definition's target binds (destructuring included; `obj.field = x` taints `obj`). */
  private namesIn(target: SgNode): string[] {
    if (this.syntax.identifiers.includes(kindOf(target))) return [target.text()];
    const ids = target.findAll({ rule: { any: this.syntax.identifiers.map((k) => ({ kind: k })) } });
    const names: string[] = [];
    for (const id of ids) {
      const parent = id.parent();
      const f = parent ? this.syntax.nameFields[kindOf(parent)] : undefined;
      if (f && fieldOf(parent!, f)?.id() === id.id()) continue;
      names.push(id.text());
    }
    return this.lang === 'c' || this.lang === 'cpp' ? names.slice(0, 1) : names;
  }

  private analyseIfs(scope: Scope): void {
    if (scope.guards) return;
    scope.guards = [];
    for (const n of scope.node.findAll({ rule: { any: this.syntax.ifs.map((k) => ({ kind: k })) } })) {
      const cond = fieldOf(n, 'condition') ?? n.namedChildren()[0];
      const body = fieldOf(n, 'consequence') ?? fieldOf(n, 'body') ?? n.namedChildren()[1];
      if (!cond || !body) continue;
      const condText = cond.text();
      const inverted = kindOf(n).startsWith('unless');
      for (const { name, negated } of this.guardNames(condText)) {
        const bodyIsUnsafe = negated !== inverted;
        if (!bodyIsUnsafe) scope.guards.push({ name, start: start(body), end: end(body), kind: 'inside', checkedAt: start(n) });
        else if (EXITS.test(body.text())) scope.guards.push({ name, start: end(n), end: scope.end, kind: 'after', checkedAt: start(n) });
      }
    }
  }

  /** Variables a condition checks against an allow-list; negated: the condition holds when it is NOT allowed. */
  private guardNames(cond: string): { name: string; negated: boolean }[] {
    const out: { name: string; negated: boolean }[] = [];
    const trimmed = cond.replace(/^\(\s*/, '').trim();
    const not = /^(!|not\s)/.test(trimmed);
    for (const re of this.spec.guards) {
      const v = re.exec(cond)?.groups?.v;
      if (v) out.push({ name: v, negated: not });
    }
    for (const re of this.spec.negativeGuards) {
      const v = re.exec(cond)?.groups?.v;
      if (v) out.push({ name: v, negated: !not });
    }
    return out;
  }
}
