/**
 * Context-free checks of each top-level expression, QEMU's expr.py in its
 * order: meta key, name, doc comment, keys, the kind's own shape, then `if`,
 * `features` and flags. Produces normalised definitions. An error stops the
 * expression it is in; the other expressions are still checked, so linting
 * reports independent errors together (the first one is QEMU's).
 */
import type { SourceInfo } from '../source/source-info.js';
import { locationOf } from '../source/source-info.js';
import { CompileError, compileError } from '../diagnostics/compile-error.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Messages, type MessageDef } from '../diagnostics/messages.js';
import { type Leniency, STRICT } from '../diagnostics/leniency.js';
import { elementOffsets, isObject, type ParsedExpression, type Pragmas, SyntaxObject, type SyntaxValue } from '../parser/syntax.js';
import { cName, isCamelStem, nameStem } from './names.js';
import type {
  BranchExpr, CheckedExpr, CondExpr, DefinitionExpr, DefinitionMeta, EnumValueExpr, FeatureExpr, MemberExpr, TypeRefExpr,
} from './definitions.js';

type WithoutCommon<T> = T extends unknown ? Omit<T, 'features' | 'if'> : never;

const METAS: readonly DefinitionMeta[] = ['enum', 'struct', 'union', 'alternate', 'command', 'event'];

function fail<A extends unknown[]>(info: SourceInfo, def: MessageDef<A>, ...args: A): never {
  throw compileError(def, locationOf(info), ...args);
}

function checkNameIsStr(name: SyntaxValue | undefined, info: SourceInfo, source: string): asserts name is string {
  if (typeof name !== 'string') fail(info, Messages.requiresStringName, source);
}

/** QEMU 2.x's rule for names: letters, digits, '_', '.', '-' (later releases dropped '.'). */
const OLD_VALID_NAME = /^[a-zA-Z_][a-zA-Z0-9_.-]*$/;

function checkNameStr(ctx: Ctx, name: string, info: SourceInfo, source: string): string {
  const stem = nameStem(name);
  if (stem !== undefined) return stem;
  if (!OLD_VALID_NAME.test(name) || cName(name).startsWith('q_')) fail(info, Messages.invalidName, source);
  relax(ctx, info, Messages.invalidName, source);
  return name.replace(/^(__[a-z0-9.-]+_)?(x-)?/i, '');
}

interface Ctx {
  readonly pragmas: Pragmas;
  /**
   * Rules older releases did not have (naming conventions, QEMU 6.0; doc
   * placement; reserved member names) are warnings in a lenient run.
   */
  readonly leniency: Leniency;
}

function relax<A extends unknown[]>(ctx: Ctx, info: SourceInfo, def: MessageDef<A>, ...args: A): void {
  ctx.leniency.relax(def, locationOf(info), ...args);
}

function checkNameUpper(ctx: Ctx, name: string, info: SourceInfo, source: string): void {
  const stem = checkNameStr(ctx, name, info, source);
  if (/[a-z-]/.test(stem)) relax(ctx, info, Messages.nameNoLowercase, source);
}

function checkNameLower(
  ctx: Ctx, name: string, info: SourceInfo, source: string, permitUpper = false, permitUnderscore = false,
): void {
  const stem = checkNameStr(ctx, name, info, source);
  if ((!permitUpper && /[A-Z]/.test(stem)) || (!permitUnderscore && stem.includes('_'))) {
    relax(ctx, info, Messages.nameNoUppercase, source);
  }
}

function checkNameCamel(ctx: Ctx, name: string, info: SourceInfo, source: string): void {
  const stem = checkNameStr(ctx, name, info, source);
  if (!isCamelStem(stem)) relax(ctx, info, Messages.nameCamelCase, source);
}

function checkKeys(value: SyntaxObject, info: SourceInfo, source: string, required: string[], optional: string[]): void {
  for (const k of required) {
    if (!value.has(k)) fail(info, Messages.missingKeys, source, required.filter((r) => !value.has(r)));
  }
  for (const k of value.keys()) {
    if (!required.includes(k) && !optional.includes(k)) {
      const allowed = [...required, ...optional];
      fail(info, Messages.unknownKeys, source, [...value.keys()].filter((u) => !allowed.includes(u)), allowed);
    }
  }
}

function checkIf(value: SyntaxObject, info: SourceInfo, source: string): CondExpr | undefined {
  const check = (cond: SyntaxValue): CondExpr => {
    if (typeof cond === 'string') {
      if (!/^[A-Z][A-Z0-9_]*$/.test(cond)) fail(info, Messages.ifNotIdentifier, cond, source);
      return cond;
    }
    if (!isObject(cond)) fail(info, Messages.ifNotStringOrObject, source);
    checkKeys(cond, info, `'if' condition of ${source}`, [], ['all', 'any', 'not']);
    if (cond.size !== 1) fail(info, Messages.ifConflictingKeys, source);
    if (cond.has('not')) return { not: check(cond.get('not')!) };
    const op = cond.has('all') ? 'all' : 'any';
    const operands = cond.get(op)!;
    if (!Array.isArray(operands)) fail(info, Messages.ifOperandsNotArray, op, source);
    if (!operands.length) fail(info, Messages.ifUseless, source);
    const checked = operands.map(check);
    return op === 'all' ? { all: checked } : { any: checked };
  };
  const cond = value.get('if');
  return cond === undefined ? undefined : check(cond);
}

function checkFeatures(ctx: Ctx, features: SyntaxValue | undefined, info: SourceInfo): FeatureExpr[] {
  if (features === undefined) return [];
  if (!Array.isArray(features)) fail(info, Messages.featuresNotArray);
  const result: FeatureExpr[] = [];
  for (const f of features) {
    const feat = isObject(f) ? f : singleKey('name', f);
    let source = "'features' member";
    checkKeys(feat, info, source, ['name'], ['if']);
    const name = feat.get('name');
    checkNameIsStr(name, info, source);
    source = `${source} '${name}'`;
    checkNameLower(ctx, name, info, source);
    const cond = checkIf(feat, info, source);
    result.push({ name, if: cond });
  }
  return result;
}

/** Shorthand `v` becomes `{key: v}`, as QEMU normalises. */
function singleKey(key: string, value: SyntaxValue): SyntaxObject {
  const obj = new SyntaxObject(-1);
  obj.set(key, value);
  return obj;
}

function normalizeMember(value: SyntaxValue): SyntaxObject {
  return isObject(value) ? value : singleKey('type', value);
}

function checkTypeName(value: SyntaxValue | undefined, info: SourceInfo, source: string): void {
  if (value === undefined || typeof value === 'string') return;
  fail(info, Messages.shouldBeTypeName, source);
}

function checkTypeNameOrArray(value: SyntaxValue | undefined, info: SourceInfo, source: string): void {
  if (value === undefined || typeof value === 'string') return;
  if (Array.isArray(value)) {
    if (value.length !== 1 || typeof value[0] !== 'string') fail(info, Messages.arraySingleTypeName, source);
    return;
  }
  fail(info, Messages.shouldBeTypeNameOrArray, source);
}

function typeRef(value: SyntaxValue): TypeRefExpr {
  return typeof value === 'string' ? value : [(value as string[])[0]];
}

function checkTypeImplicit(
  value: SyntaxValue | undefined, info: SourceInfo, source: string, parentName: string | null, ctx: Ctx,
): MemberExpr[] | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) fail(info, Messages.shouldBeObjectOrTypeName, source);
  const permissive = parentName !== null && ctx.pragmas.memberNameExceptions.includes(parentName);
  const members: MemberExpr[] = [];
  let index = 0;
  for (const [rawKey, rawArg] of value) {
    const keyOffset = value.keyOffsets[index++] ?? -1;
    const keySource = `${source} member '${rawKey}'`;
    const optional = rawKey.startsWith('*');
    const key = optional ? rawKey.slice(1) : rawKey;
    checkNameLower(ctx, key, info, keySource, permissive, permissive);
    const c = cName(key);
    if (c === 'u' || c.startsWith('has_')) relax(ctx, info, Messages.reservedName, keySource);
    const arg = normalizeMember(rawArg);
    checkKeys(arg, info, keySource, ['type'], ['if', 'features']);
    const cond = checkIf(arg, info, keySource);
    const features = checkFeatures(ctx, arg.get('features'), info);
    checkTypeNameOrArray(arg.get('type'), info, keySource);
    members.push({ name: key, optional, type: typeRef(arg.get('type')!), features, if: cond, offset: keyOffset });
  }
  return members;
}

function checkTypeNameOrImplicit(
  value: SyntaxValue | undefined, info: SourceInfo, source: string, parentName: string | null, ctx: Ctx,
): string | MemberExpr[] | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return checkTypeImplicit(value, info, source, parentName, ctx);
}

function checkEnum(expr: SyntaxObject, name: string, info: SourceInfo, ctx: Ctx): { values: EnumValueExpr[]; prefix?: string } {
  const members = expr.get('data');
  const prefix = expr.get('prefix');
  if (!Array.isArray(members)) fail(info, Messages.enumDataNotArray);
  if (prefix !== undefined && typeof prefix !== 'string') fail(info, Messages.prefixNotString);
  const permissive = ctx.pragmas.memberNameExceptions.includes(name);
  const values: EnumValueExpr[] = [];
  const offsets = elementOffsets.get(members);
  for (const [index, m] of members.entries()) {
    const member = isObject(m) ? m : singleKey('name', m);
    let source = "'data' member";
    checkKeys(member, info, source, ['name'], ['if', 'features']);
    let memberName = member.get('name');
    checkNameIsStr(memberName, info, source);
    const realName = memberName;
    source = `${source} '${memberName}'`;
    // Enum values may start with a digit; QEMU checks them as 'd' + name.
    // (An empty name crashes QEMU; here it is simply an invalid name.)
    if (/^[0-9]/.test(memberName)) memberName = `d${memberName}`;
    checkNameLower(ctx, memberName, info, source, permissive, permissive);
    const cond = checkIf(member, info, source);
    const features = checkFeatures(ctx, member.get('features'), info);
    values.push({ name: realName, features, if: cond, offset: offsets?.[index] ?? -1 });
  }
  return { values, ...(prefix !== undefined ? { prefix } : {}) };
}

function checkBranches(
  ctx: Ctx, members: SyntaxObject, info: SourceInfo, nameCheck: boolean, allowArray: boolean,
): BranchExpr[] {
  const branches: BranchExpr[] = [];
  let index = 0;
  for (const [key, raw] of members) {
    const keyOffset = members.keyOffsets[index++] ?? -1;
    const source = `'data' member '${key}'`;
    if (nameCheck) checkNameLower(ctx, key, info, source);
    const value = normalizeMember(raw);
    checkKeys(value, info, source, ['type'], ['if']);
    const cond = checkIf(value, info, source);
    if (allowArray) checkTypeNameOrArray(value.get('type'), info, source);
    else checkTypeName(value.get('type'), info, source);
    branches.push({ name: key, type: typeRef(value.get('type')!), if: cond, offset: keyOffset });
  }
  return branches;
}

function checkFlags(expr: SyntaxObject, info: SourceInfo): void {
  for (const key of ['gen', 'success-response']) {
    if (expr.has(key) && expr.get(key) !== false) fail(info, Messages.flagOnlyFalse, key);
  }
  for (const key of ['boxed', 'allow-oob', 'allow-preconfig', 'coroutine']) {
    if (expr.has(key) && expr.get(key) !== true) fail(info, Messages.flagOnlyTrue, key);
  }
  if (expr.has('allow-oob') && expr.has('coroutine')) fail(info, Messages.flagsOobCoroutine);
}

function checkExpr(pe: ParsedExpression, ctx: Ctx): CheckedExpr {
  const { expr, info } = pe;
  let { doc } = pe;
  if (pe.includePath !== undefined) return { meta: 'include', path: pe.includePath, info };
  const metas = METAS.filter((m) => expr.has(m));
  if (metas.length !== 1) fail(info, Messages.exprMetaCount);
  const meta = metas[0];
  const name = expr.get(meta);
  checkNameIsStr(name, info, `'${meta}'`);
  info.defn = { meta, name };
  if (pe.implicit) {
    // An older dialect's implicit type (see legacy-dialects.ts): named by the compiler, undocumented.
  } else if (meta === 'event') checkNameUpper(ctx, name, info, meta);
  else if (meta === 'command') {
    checkNameLower(ctx, name, info, meta, false, ctx.pragmas.commandNameExceptions.includes(name));
  } else {
    checkNameCamel(ctx, name, info, meta);
    if (name.endsWith('List')) relax(ctx, info, Messages.nameEndsInList, meta);
  }

  if (doc) {
    if (doc.symbol !== name) {
      relax(ctx, info, Messages.docIsFor, doc.symbol ?? '');
      doc = undefined;
    } else if (meta === 'command') {
      if (doc.returns && !expr.has('returns')) relax(ctx, doc.returns.info, Messages.docReturnsWithoutReturn);
    } else {
      if (doc.returns) relax(ctx, doc.returns.info, Messages.docReturnsOnlyForCommands);
      if (doc.errors) relax(ctx, doc.errors.info, Messages.docErrorsOnlyForCommands);
    }
  } else if (ctx.pragmas.docRequired && !pe.implicit) {
    relax(ctx, info, Messages.docRequired);
  }

  const base = {
    name, info, source: pe.source, offset: pe.offset, doc,
    ...(pe.implicit ? { implicit: true } : {}), ...(pe.simpleUnion ? { simpleUnion: true } : {}),
  };
  let def: WithoutCommon<DefinitionExpr>;
  switch (meta) {
    case 'enum': {
      checkKeys(expr, info, meta, ['enum', 'data'], ['if', 'features', 'prefix']);
      def = { meta, ...base, ...checkEnum(expr, name, info, ctx) };
      break;
    }
    case 'union': {
      checkKeys(expr, info, meta, ['union', 'base', 'discriminator', 'data'], ['if', 'features']);
      const unionBase = checkTypeNameOrImplicit(expr.get('base'), info, "'base'", name, ctx)!;
      const discriminator = expr.get('discriminator');
      checkNameIsStr(discriminator, info, "'discriminator'");
      const data = expr.get('data');
      if (!isObject(data)) fail(info, Messages.dataNotObject);
      def = { meta, ...base, base: unionBase, discriminator, branches: checkBranches(ctx, data, info, false, false) };
      break;
    }
    case 'alternate': {
      checkKeys(expr, info, meta, ['alternate', 'data'], ['if', 'features']);
      const data = expr.get('data');
      if (!data || (Array.isArray(data) && !data.length) || (isObject(data) && !data.size)) fail(info, Messages.dataEmpty);
      if (!isObject(data)) fail(info, Messages.dataNotObject);
      def = { meta, ...base, branches: checkBranches(ctx, data, info, true, true) };
      break;
    }
    case 'struct': {
      checkKeys(expr, info, meta, ['struct', 'data'], ['base', 'if', 'features']);
      const members = checkTypeImplicit(expr.get('data'), info, "'data'", name, ctx)!;
      const structBase = expr.get('base');
      checkTypeName(structBase, info, "'base'");
      def = { meta, ...base, members, ...(structBase !== undefined ? { base: structBase as string } : {}) };
      break;
    }
    case 'command': {
      checkKeys(expr, info, meta, ['command'], [
        'data', 'returns', 'boxed', 'if', 'features', 'gen', 'success-response', 'allow-oob', 'allow-preconfig', 'coroutine',
      ]);
      const rets = expr.get('returns');
      const data = checkArgsData(expr, info, ctx);
      checkTypeNameOrArray(rets, info, "'returns'");
      def = {
        meta, ...base, boxed: expr.get('boxed') === true,
        ...(data !== undefined ? { data } : {}),
        ...(rets !== undefined ? { returns: typeRef(rets) } : {}),
        gen: expr.get('gen') !== false,
        successResponse: expr.get('success-response') !== false,
        allowOob: expr.get('allow-oob') === true,
        allowPreconfig: expr.get('allow-preconfig') === true,
        coroutine: expr.get('coroutine') === true,
      };
      break;
    }
    case 'event': {
      checkKeys(expr, info, meta, ['event'], ['data', 'boxed', 'if', 'features']);
      const data = checkArgsData(expr, info, ctx);
      def = { meta, ...base, boxed: expr.get('boxed') === true, ...(data !== undefined ? { data } : {}) };
      break;
    }
  }
  const cond = checkIf(expr, info, meta);
  const features = checkFeatures(ctx, expr.get('features'), info);
  checkFlags(expr, info);
  return { ...def, features, ...(cond !== undefined ? { if: cond } : {}) } as unknown as DefinitionExpr;
}

/** A command's or event's 'data': a type name when boxed, else a type name or inline members. */
function checkArgsData(expr: SyntaxObject, info: SourceInfo, ctx: Ctx): string | MemberExpr[] | undefined {
  const args = expr.get('data');
  if (!isTruthy(expr.get('boxed'))) return checkTypeNameOrImplicit(args, info, "'data'", null, ctx);
  if (args === undefined) fail(info, Messages.boxedRequiresData);
  checkTypeName(args, info, "'data'");
  return args as string;
}

/** Python truthiness of a parsed value (QEMU tests `if boxed:`). */
function isTruthy(v: SyntaxValue | undefined): boolean {
  if (v === undefined || v === false || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return v.size > 0;
  return true;
}

export interface ExprCheckResult {
  readonly exprs: readonly CheckedExpr[];
  readonly diagnostics: readonly Diagnostic[];
}

export function checkExprs(parsed: readonly ParsedExpression[], pragmas: Pragmas, leniency: Leniency = STRICT): ExprCheckResult {
  const ctx: Ctx = { pragmas, leniency };
  const exprs: CheckedExpr[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const pe of parsed) {
    try {
      exprs.push(checkExpr(pe, ctx));
    } catch (err) {
      if (!(err instanceof CompileError)) throw err;
      diagnostics.push(err.diagnostic);
    }
  }
  return { exprs, diagnostics };
}
