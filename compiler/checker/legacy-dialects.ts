/**
 * Definitions in the dialects of older QEMU releases, rewritten into QEMU
 * 10.2's forms before the expression checks (lenient runs only; strict runs
 * never call this). Each rewrite is reported as a warning naming the modern
 * form. The rewrites:
 *
 * - `{ 'type': 'Foo', ... }` (QEMU before 2.4) is `{ 'struct': 'Foo', ... }`.
 * - Simple unions (a union without 'discriminator', QEMU before 7.0) become
 *   what QEMU made of them: an implicit enum `<Union>Kind` of the branch
 *   names, a `q_obj_<Type>-wrapper` struct with the single member 'data' per
 *   branch type, and a flat union on 'type' over those wrappers, so the wire
 *   form stays `{"type": "branch", "data": ...}`. A simple union with 'base'
 *   (QEMU 1.x/2.0) keeps the base's members beside 'type'.
 * - A union with `'discriminator': {}` (QEMU 1.7 to 2.2) is an alternate.
 * - A flat union whose discriminator is a 'str' member of its base (QEMU
 *   1.7/2.0) gets an implicit `<Union>Kind` enum of its branch names as the
 *   tag's type, in an implicit copy of the base (`q_obj_<Union>-legacy-base`).
 * - `'gen': 'no'` and `'success-response': 'no'` (QEMU 1.x) are `false`;
 *   `true`/`'yes'` is the default and is dropped.
 * - The types `'**'` (QEMU 2.x, 'gen': false commands) and `'visitor'`
 *   (QEMU 1.x) are `'any'`.
 * - A member whose type is an anonymous struct (`'qemu': {'major': 'int'}`,
 *   QEMU 1.x) gets an implicit struct `q_obj_<Owner>-<member>-nested`; an
 *   anonymous struct as 'returns' one named `q_obj_<command>-ret`.
 * - A struct without 'data' (QEMU 1.x did not require it) has no members.
 * - 'if' conditions in C preprocessor form (QEMU 3.0 to 6.0:
 *   `'defined(CONFIG_FOO) && !defined(BAR)'`, lists meaning "all of") are
 *   rewritten to `'CONFIG_FOO'`, `{ 'all': [...] }`, `{ 'not': ... }`.
 */
import type { DiagnosticLocation } from '../diagnostics/diagnostic.js';
import type { Leniency } from '../diagnostics/leniency.js';
import { Messages } from '../diagnostics/messages.js';
import { isObject, type ParsedExpression, SyntaxObject, type SyntaxValue } from '../parser/syntax.js';
import { lineOf } from '../source/source-file.js';
import { includeChain, locationOf } from '../source/source-info.js';

const METAS = ['enum', 'struct', 'union', 'alternate', 'command', 'event'] as const;
const MEMBER_KEYS = new Set(['type', 'if', 'features']);

/** Builds a SyntaxObject from entries; offsets -1 mark synthesised keys. */
function makeObject(offset: number, entries: readonly (readonly [string, SyntaxValue, number?, number?])[]): SyntaxObject {
  const obj = new SyntaxObject(offset);
  for (const [k, v, ko, vo] of entries) {
    obj.set(k, v);
    obj.keyOffsets.push(ko ?? -1);
    obj.valueOffsets.push(vo ?? -1);
  }
  return obj;
}

/** The entries of an object with their offsets, for rebuilding it. */
function entriesOf(obj: SyntaxObject): [string, SyntaxValue, number, number][] {
  let i = 0;
  return [...obj].map(([k, v]) => {
    const e: [string, SyntaxValue, number, number] = [k, v, obj.keyOffsets[i] ?? -1, obj.valueOffsets[i] ?? -1];
    i++;
    return e;
  });
}

function replaceValue(obj: SyntaxObject, key: string, value: SyntaxValue): void {
  obj.set(key, value);
}

/** Python's repr() of a condition as QEMU's messages quote it. */
function reprCond(v: SyntaxValue): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return `[${v.map(reprCond).join(', ')}]`;
  return `{${[...v].map(([k, x]) => `'${k}': ${reprCond(x)}`).join(', ')}}`;
}

type Cond = string | { all: Cond[] } | { any: Cond[] } | { not: Cond };

function condToSyntax(c: Cond): SyntaxValue {
  if (typeof c === 'string') return c;
  if ('not' in c) return makeObject(-1, [['not', condToSyntax(c.not)]]);
  if ('all' in c) return makeObject(-1, [['all', c.all.map(condToSyntax)]]);
  return makeObject(-1, [['any', c.any.map(condToSyntax)]]);
}

/** Parses a C preprocessor condition (`defined(X)`, `!`, `&&`, `||`, parentheses); undefined if it is not one. */
export function parseCppCondition(text: string): Cond | undefined {
  const tokens = text.match(/defined|[A-Za-z_][A-Za-z0-9_]*|&&|\|\||!|\(|\)|\S/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const or = (): Cond | undefined => {
    const parts: Cond[] = [];
    for (;;) {
      const a = and();
      if (a === undefined) return undefined;
      if (typeof a === 'object' && 'any' in a) parts.push(...a.any);
      else parts.push(a);
      if (peek() !== '||') break;
      i++;
    }
    return parts.length === 1 ? parts[0] : { any: parts };
  };
  const and = (): Cond | undefined => {
    const parts: Cond[] = [];
    for (;;) {
      const u = unary();
      if (u === undefined) return undefined;
      if (typeof u === 'object' && 'all' in u) parts.push(...u.all);
      else parts.push(u);
      if (peek() !== '&&') break;
      i++;
    }
    return parts.length === 1 ? parts[0] : { all: parts };
  };
  const unary = (): Cond | undefined => {
    const t = tokens[i++];
    if (t === '!') {
      const u = unary();
      return u === undefined ? undefined : { not: u };
    }
    if (t === '(') {
      const e = or();
      if (tokens[i++] !== ')') return undefined;
      return e;
    }
    if (t === 'defined') {
      const paren = peek() === '(';
      if (paren) i++;
      const name = tokens[i++];
      if (!name || !/^[A-Z][A-Z0-9_]*$/.test(name)) return undefined;
      if (paren && tokens[i++] !== ')') return undefined;
      return name;
    }
    if (t && /^[A-Z][A-Z0-9_]*$/.test(t)) return t;
    return undefined;
  };
  const result = or();
  return result !== undefined && i === tokens.length ? result : undefined;
}

/** QEMU 6.1's form of a QEMU 3.0 to 6.0 condition; undefined when `cond` is not in the old form. */
function modernCondition(cond: SyntaxValue): SyntaxValue | undefined {
  let modern: Cond | undefined;
  if (typeof cond === 'string') {
    if (/^[A-Z][A-Z0-9_]*$/.test(cond) || !/defined|[!&|]/.test(cond)) return undefined;
    modern = parseCppCondition(cond);
  } else if (Array.isArray(cond) && cond.every((c) => typeof c === 'string')) {
    const parts = (cond as string[]).map((c) => parseCppCondition(c));
    if (parts.every((p) => p !== undefined)) {
      modern = parts.length === 1 ? parts[0] : { all: parts as Cond[] };
    }
  }
  return modern === undefined ? undefined : condToSyntax(modern);
}

class LegacyRewriter {
  private readonly out: ParsedExpression[] = [];
  /** Every named definition's 'if' (as written), for the wrapper types' conditions. */
  private readonly conditions = new Map<string, SyntaxValue | undefined>();
  /** Every struct's definition, for unions with a 'str' discriminator. */
  private readonly structs = new Map<string, SyntaxObject>();
  private readonly implicitDefined = new Set<string>();
  private pe!: ParsedExpression;

  constructor(private readonly leniency: Leniency) {}

  run(parsed: readonly ParsedExpression[]): ParsedExpression[] {
    for (const pe of parsed) {
      if (pe.includePath !== undefined) continue;
      const meta = METAS.find((m) => pe.expr.has(m)) ?? (pe.expr.has('type') ? 'type' : undefined);
      const name = meta && pe.expr.get(meta);
      if (typeof name === 'string') {
        this.conditions.set(name, pe.expr.get('if'));
        if (meta === 'struct' || meta === 'type') this.structs.set(name, pe.expr);
      }
    }
    for (const pe of parsed) {
      if (pe.includePath !== undefined) this.out.push(pe);
      else this.definition(pe);
    }
    return this.out;
  }

  private loc(offset?: number): DiagnosticLocation {
    const { info, source } = this.pe;
    if (offset === undefined || offset < 0) return locationOf(info);
    const line = lineOf(source, offset);
    return { file: info.file, line, column: offset - source.lineStarts[line - 1] + 1, includedFrom: includeChain(info) };
  }

  private definition(pe: ParsedExpression): void {
    this.pe = pe;
    let expr = pe.expr;
    if (expr.has('type') && !METAS.some((m) => expr.has(m))) {
      const name = expr.get('type');
      this.leniency.warn(Messages.legacyTypeKeyword, this.loc(), typeof name === 'string' ? name : '...');
      expr = makeObject(expr.offset, entriesOf(expr).map(([k, v, ko, vo]) => [k === 'type' ? 'struct' : k, v, ko, vo] as const));
    }
    const metas = METAS.filter((m) => expr.has(m));
    const meta = metas.length === 1 ? metas[0] : undefined;
    const name = meta ? expr.get(meta) : undefined;
    if (!meta || typeof name !== 'string') {
      this.out.push(expr === pe.expr ? pe : { ...pe, expr });
      return;
    }
    this.conditionOf(expr);
    this.flags(expr);
    this.features(expr.get('features'));
    switch (meta) {
      case 'enum': {
        const data = expr.get('data');
        if (Array.isArray(data)) {
          for (const v of data) {
            if (isObject(v)) {
              this.conditionOf(v);
              this.features(v.get('features'));
            }
          }
        }
        break;
      }
      case 'struct':
        if (!expr.has('data')) {
          this.leniency.warn(Messages.legacyStructWithoutData, this.loc());
          expr = makeObject(expr.offset, [...entriesOf(expr), ['data', makeObject(-1, [])]]);
        }
        this.members(expr.get('data'), name);
        break;
      case 'command': {
        this.members(expr.get('data'), name);
        const rets = expr.get('returns');
        if (isObject(rets)) {
          this.leniency.warn(Messages.legacyAnonymousReturns, this.loc(expr.valueOffsets[[...expr.keys()].indexOf('returns')]));
          const retName = `q_obj_${name}-ret`;
          this.members(rets, retName);
          this.implicit(makeObject(rets.offset, [['struct', retName], ['data', rets]]));
          replaceValue(expr, 'returns', retName);
        }
        this.typeRef(expr, 'returns');
        if (typeof expr.get('data') === 'string') this.typeRef(expr, 'data');
        break;
      }
      case 'event':
        this.members(expr.get('data'), name);
        break;
      case 'alternate':
        this.branches(expr.get('data'));
        break;
      case 'union': {
        const disc = expr.get('discriminator');
        if (isObject(disc) && disc.size === 0) {
          this.leniency.warn(Messages.legacyAnonymousUnion, this.loc(), name);
          expr = makeObject(expr.offset, entriesOf(expr)
            .filter(([k]) => k !== 'discriminator')
            .map(([k, v, ko, vo]) => [k === 'union' ? 'alternate' : k, v, ko, vo] as const));
          this.branches(expr.get('data'));
          break;
        }
        if (isObject(expr.get('base'))) this.members(expr.get('base'), name);
        this.branches(expr.get('data'));
        if (disc === undefined && isObject(expr.get('data'))) {
          this.simpleUnion(pe, expr, name);
          return;
        }
        if (typeof disc === 'string' && typeof expr.get('base') === 'string') expr = this.stringDiscriminator(expr, name, disc);
        break;
      }
    }
    this.out.push(expr === pe.expr ? pe : { ...pe, expr });
  }

  /** Rewrites an old-style 'if' in place. */
  private conditionOf(obj: SyntaxObject): void {
    const cond = obj.get('if');
    if (cond === undefined) return;
    const modern = modernCondition(cond);
    if (modern === undefined) return;
    const index = [...obj.keys()].indexOf('if');
    this.leniency.warn(Messages.legacyIfCondition, this.loc(obj.valueOffsets[index]), reprCond(cond), reprCond(modern));
    replaceValue(obj, 'if', modern);
  }

  private features(features: SyntaxValue | undefined): void {
    if (!Array.isArray(features)) return;
    for (const f of features) if (isObject(f)) this.conditionOf(f);
  }

  private flags(expr: SyntaxObject): void {
    for (const flag of ['gen', 'success-response']) {
      if (!expr.has(flag)) continue;
      const v = expr.get(flag)!;
      const offset = expr.valueOffsets[[...expr.keys()].indexOf(flag)];
      if (v === 'no') {
        this.leniency.warn(Messages.legacyFlagValue, this.loc(offset), flag, `'no'`);
        replaceValue(expr, flag, false);
      } else if (v === true || v === 'yes') {
        this.leniency.warn(Messages.legacyFlagDefault, this.loc(offset), flag, v === true ? 'true' : `'yes'`);
        const kept = entriesOf(expr).filter(([k]) => k !== flag);
        expr.clear();
        expr.keyOffsets.length = 0;
        expr.valueOffsets.length = 0;
        for (const [k, val, ko, vo] of kept) {
          expr.set(k, val);
          expr.keyOffsets.push(ko);
          expr.valueOffsets.push(vo);
        }
      }
    }
  }

  /** `'**'` and `'visitor'` are `'any'`; in place, for a string or `[string]` value under `key`. */
  private typeRef(obj: SyntaxObject, key: string): void {
    const v = obj.get(key);
    if (typeof v === 'string' ? v !== '**' && v !== 'visitor' : !Array.isArray(v)) return;
    const offset = obj.valueOffsets[[...obj.keys()].indexOf(key)];
    if (v === '**' || v === 'visitor') {
      this.leniency.warn(Messages.legacyAnyType, this.loc(offset), v);
      replaceValue(obj, key, 'any');
    } else if (Array.isArray(v) && v.length === 1 && (v[0] === '**' || v[0] === 'visitor')) {
      this.leniency.warn(Messages.legacyAnyType, this.loc(offset), v[0] as string);
      replaceValue(obj, key, ['any']);
    }
  }

  /** Members of a struct, of a command's or event's arguments, of an inline base. */
  private members(data: SyntaxValue | undefined, owner: string): void {
    if (!isObject(data)) return;
    let index = 0;
    for (const [key, value] of data) {
      const offset = data.keyOffsets[index++];
      if (isObject(value) && (!value.has('type') || [...value.keys()].some((k) => !MEMBER_KEYS.has(k)))) {
        // An anonymous nested struct (QEMU 1.x).
        const member = key.startsWith('*') ? key.slice(1) : key;
        this.leniency.warn(Messages.legacyNestedStruct, this.loc(offset), member);
        const nestedName = `q_obj_${owner}-${member}-nested`;
        this.members(value, nestedName);
        this.implicit(makeObject(value.offset, [['struct', nestedName], ['data', value]]));
        replaceValue(data, key, nestedName);
        continue;
      }
      if (isObject(value)) {
        this.conditionOf(value);
        this.features(value.get('features'));
        this.typeRef(value, 'type');
      } else {
        this.typeRef(data, key);
      }
    }
  }

  /** Branches of unions and alternates. */
  private branches(data: SyntaxValue | undefined): void {
    if (!isObject(data)) return;
    for (const [key, value] of data) {
      if (isObject(value)) {
        this.conditionOf(value);
        this.typeRef(value, 'type');
      } else {
        this.typeRef(data, key);
      }
    }
  }

  /** Adds an implicit definition just before the definition being rewritten. */
  private implicit(expr: SyntaxObject): void {
    this.out.push({ ...this.pe, expr, doc: undefined, implicit: true });
  }

  /** A flat union on a 'str' member of a named base (QEMU 1.7/2.0); returns the union to use. */
  private stringDiscriminator(expr: SyntaxObject, name: string, disc: string): SyntaxObject {
    const baseName = expr.get('base') as string;
    const base = this.structs.get(baseName);
    const baseData = base?.get('data');
    const data = expr.get('data');
    if (!isObject(baseData) || !isObject(data)) return expr;
    const tag = baseData.get(disc);
    const tagType = isObject(tag) ? tag.get('type') : tag;
    if (tagType !== 'str') return expr;
    this.leniency.warn(Messages.legacyStringDiscriminator, this.loc(), disc);
    const kind = `${name}Kind`;
    const unionIf = expr.get('if');
    const values: SyntaxValue[] = [];
    for (const [key, value] of data) {
      const cond = isObject(value) ? value.get('if') : undefined;
      values.push(cond !== undefined ? makeObject(-1, [['name', key], ['if', cond]]) : key);
    }
    this.implicit(makeObject(expr.offset, [
      ['enum', kind], ['data', values], ...(unionIf !== undefined ? [['if', unionIf] as const] : []),
    ]));
    const copy = makeObject(baseData.offset, entriesOf(baseData).map(([k, v, ko, vo]) =>
      [k, k === disc ? (isObject(v) ? makeObject(v.offset, [...entriesOf(v).filter(([x]) => x !== 'type'), ['type', kind]]) : kind) : v, ko, vo] as const));
    const legacyBase = `q_obj_${name}-legacy-base`;
    const baseOfBase = base!.get('base');
    this.implicit(makeObject(expr.offset, [
      ['struct', legacyBase], ...(baseOfBase !== undefined ? [['base', baseOfBase] as const] : []), ['data', copy],
      ...(unionIf !== undefined ? [['if', unionIf] as const] : []),
    ]));
    return makeObject(expr.offset, entriesOf(expr).map(([k, v, ko, vo]) => [k, k === 'base' ? legacyBase : v, ko, vo] as const));
  }

  private simpleUnion(pe: ParsedExpression, expr: SyntaxObject, name: string): void {
    const data = expr.get('data') as SyntaxObject;
    const base = expr.get('base');
    if (base !== undefined) this.leniency.warn(Messages.legacyUnionBaseNoDiscriminator, this.loc(), name);
    else this.leniency.warn(Messages.legacySimpleUnion, this.loc(), name);
    const kindValues: SyntaxValue[] = [];
    const branches: [string, SyntaxValue, number, number][] = [];
    let index = 0;
    for (const [key, raw] of data) {
      const keyOffset = data.keyOffsets[index];
      const valueOffset = data.valueOffsets[index++];
      const value = isObject(raw) ? raw : makeObject(-1, [['type', raw]]);
      const type = value.get('type');
      const cond = value.get('if');
      const typeName = typeof type === 'string' ? type : Array.isArray(type) && typeof type[0] === 'string' ? `${type[0]}List` : undefined;
      if (typeName === undefined || type === undefined) {
        // Malformed: leave it to the expression checks to report.
        branches.push([key, raw, keyOffset, valueOffset]);
        kindValues.push(key);
        continue;
      }
      const wrapper = `q_obj_${typeName}-wrapper`;
      if (!this.implicitDefined.has(wrapper)) {
        this.implicitDefined.add(wrapper);
        // QEMU gives a wrapper its wrapped type's condition (shared by all its users).
        const element = typeof type === 'string' ? type : (type as string[])[0];
        const written = this.conditions.get(element);
        const wrappedIf = written === undefined ? undefined : (modernCondition(written) ?? written);
        this.implicit(makeObject(expr.offset, [
          ['struct', wrapper], ['data', makeObject(-1, [['data', type]])],
          ...(wrappedIf !== undefined ? [['if', wrappedIf] as const] : []),
        ]));
      }
      branches.push([key, cond !== undefined ? makeObject(-1, [['type', wrapper], ['if', cond]]) : wrapper, keyOffset, valueOffset]);
      kindValues.push(cond !== undefined ? makeObject(-1, [['name', key], ['if', cond]]) : key);
    }
    const kind = `${name}Kind`;
    const unionIf = expr.get('if');
    this.implicit(makeObject(expr.offset, [
      ['enum', kind], ['data', kindValues], ...(unionIf !== undefined ? [['if', unionIf] as const] : []),
    ]));
    let newBase: SyntaxValue = makeObject(-1, [['type', kind]]);
    if (base !== undefined) {
      const baseName = `q_obj_${name}-legacy-base`;
      this.implicit(makeObject(expr.offset, [
        ['struct', baseName], ['base', base], ['data', newBase],
        ...(unionIf !== undefined ? [['if', unionIf] as const] : []),
      ]));
      newBase = baseName;
    }
    const rewritten = makeObject(expr.offset, [
      ...entriesOf(expr).filter(([k]) => k === 'union'),
      ['base', newBase], ['discriminator', 'type'],
      ...entriesOf(expr).filter(([k]) => k !== 'union' && k !== 'base' && k !== 'data'),
      ['data', makeObject(data.offset, branches)],
    ]);
    this.out.push({ ...pe, expr: rewritten, simpleUnion: true });
  }
}

/** Rewrites older releases' constructs into QEMU 10.2's forms, with a warning for each. */
export function normalizeLegacyDialects(parsed: readonly ParsedExpression[], leniency: Leniency): readonly ParsedExpression[] {
  return new LegacyRewriter(leniency).run(parsed);
}
