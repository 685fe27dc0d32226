/**
 * Parses a schema file and, depth-first, the files it includes, following
 * QEMU's QAPISchemaParser: expressions, doc comments, `include` and `pragma`
 * directives, in QEMU's order of checks. The first error stops parsing (it is
 * thrown as a CompileError and turned into a diagnostic by `parseSchema`).
 */
import { resolve } from 'node:path';
import { type IToken, tokenize } from '../scanner/lexer.js';
import { decodeSource, type FileReader, defaultFileReader, type SourceText, strerrorOf } from '../source/source-file.js';
import { LineInfos, locationOf, type SourceInfo } from '../source/source-info.js';
import { pyDirname, pyPathJoin } from '../source/python-text.js';
import { CompileError, compileError } from '../diagnostics/compile-error.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Messages } from '../diagnostics/messages.js';
import { TokenCursor } from './token-cursor.js';
import { DocParser } from './doc-parser.js';
import { LegacyDocParser, needsLegacyReading } from './legacy-doc.js';
import { setLegacyPragma } from './legacy-syntax.js';
import { type Leniency, STRICT } from '../diagnostics/leniency.js';
import type { DocSection, QapiDoc } from './doc-comment.js';
import {
  elementOffsets, emptyPragmas, isObject, type ParsedExpression, type ParsedSchema, type Pragmas, SyntaxObject, type SyntaxValue,
} from './syntax.js';

/** Deeper nesting than this is refused rather than risking the call stack. */
export const MAX_NESTING = 1000;
/** Files larger than this are refused: real schemas are well under 1 MiB. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * For `--watch`: what parsing a file yielded, kept between runs and replayed
 * while its bytes, the include chain that brought it in and the mode are
 * the same. The checker annotates what the parser builds (definition
 * contexts on source lines, stub sections on doc comments, rewritten
 * expressions for older dialects), so a replay hands out fresh copies of
 * expressions and doc comments and clears the source lines' annotations.
 * Includes and pragmas are replayed by doing them again, as they depend on
 * what other files did.
 */
export class ParseCache {
  private readonly files = new Map<string, CachedFile>();
  private run = 0;

  /** Starts a parse: entries the previous one did not use are dropped. */
  begin(): void {
    for (const [k, e] of this.files) if (e.run !== this.run) this.files.delete(k);
    this.run++;
  }

  /** The file's text if `data` are the bytes it was made from. */
  source(path: string, data: Uint8Array | string): SourceText | undefined {
    const e = this.files.get(path);
    if (!e || !sameData(e.data, data)) return undefined;
    e.run = this.run;
    return e.source;
  }

  /** Remembers the text made from `data`. */
  keep(path: string, data: Uint8Array | string, source: SourceText): void {
    this.files.set(path, { data, source, run: this.run });
  }

  tokens(source: SourceText): readonly IToken[] {
    const e = this.files.get(source.path);
    if (!e || e.source !== source) return tokenize(source.text);
    return (e.tokens ??= tokenize(source.text));
  }

  /** The recorded parse of `source`, if made in the same mode under the same include chain. */
  parsed(source: SourceText, strict: boolean, chain: string): ParsedFile | undefined {
    const e = this.files.get(source.path);
    const p = e?.source === source ? e.parsed : undefined;
    return p && p.strict === strict && p.chain === chain ? p : undefined;
  }

  record(source: SourceText, parsed: ParsedFile): void {
    const e = this.files.get(source.path);
    if (e?.source === source) e.parsed = parsed;
  }
}

interface CachedFile {
  readonly data: Uint8Array | string;
  readonly source: SourceText;
  tokens?: readonly IToken[];
  parsed?: ParsedFile;
  run: number;
}

/** A file's parse as the effects it had, in order. */
interface ParsedFile {
  readonly strict: boolean;
  /** The include chain (files and lines) its source lines point to. */
  readonly chain: string;
  readonly lines: LineInfos;
  readonly events: readonly FileEvent[];
}

type FileEvent =
  | { readonly k: 'doc'; readonly doc: QapiDoc }
  | { readonly k: 'expr'; readonly pe: ParsedExpression }
  | { readonly k: 'warnings'; readonly list: readonly Diagnostic[] }
  | { readonly k: 'pragma'; readonly name: string; readonly value: SyntaxValue; readonly info: SourceInfo }
  | { readonly k: 'include'; readonly include: string; readonly info: SourceInfo; readonly inclPath: string }
  | { readonly k: 'error'; readonly error: CompileError };

/** Records a file's effects while it is parsed. */
class FileLog {
  readonly events: FileEvent[] = [];
  /** Whether the error that stopped the file came out of an include or pragma (which replay redoes). */
  effectFailed = false;
  private mark: number;

  constructor(private readonly leniency: Leniency) {
    this.mark = leniency.warnings.length;
  }

  /** Notes the warnings the file's own parsing added since the last note. */
  flush(): void {
    const w = this.leniency.warnings;
    if (w.length > this.mark) this.events.push({ k: 'warnings', list: w.slice(this.mark) });
    this.mark = w.length;
  }

  add(e: FileEvent): void {
    this.flush();
    this.events.push(e);
  }

  /** Docs and expressions are kept as copies: later phases change the ones handed out. */
  private readonly docCopies = new Map<QapiDoc, QapiDoc>();

  doc(doc: QapiDoc): void {
    const copy = cloneDoc(doc);
    this.docCopies.set(doc, copy);
    this.add({ k: 'doc', doc: copy });
  }

  expr(pe: ParsedExpression): void {
    this.add({ k: 'expr', pe: { ...pe, expr: cloneObject(pe.expr), doc: pe.doc && this.docCopies.get(pe.doc) } });
  }

  /** An effect that replay does again: what it warns about is not the file's own. */
  effect(e: FileEvent, run: () => void): void {
    this.add(e);
    try {
      run();
    } catch (err) {
      this.effectFailed = true;
      throw err;
    } finally {
      this.mark = this.leniency.warnings.length;
    }
  }
}

/** The include chain of a file's lines, as a key. */
function chainKey(parent: SourceInfo | null): string {
  let key = '';
  for (let p = parent; p; p = p.parent) key += `${p.line}:${p.file}\n`;
  return key;
}

/** A copy of a syntax value that later phases may change without touching the original. */
function cloneSyntax(v: SyntaxValue): SyntaxValue {
  if (typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const a = v.map(cloneSyntax);
    const offsets = elementOffsets.get(v);
    if (offsets) elementOffsets.set(a, [...offsets]);
    return a;
  }
  return cloneObject(v);
}

function cloneObject(v: SyntaxObject): SyntaxObject {
  const o = new SyntaxObject(v.offset);
  for (const [k, x] of v) o.set(k, cloneSyntax(x));
  o.keyOffsets.push(...v.keyOffsets);
  o.valueOffsets.push(...v.valueOffsets);
  return o;
}

/** A copy of a doc comment and its sections (the checker adds stubs and marks sections connected). */
function cloneDoc(doc: QapiDoc): QapiDoc {
  const copies = new Map<DocSection, DocSection>();
  const copy = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || !('text' in v) || !('kind' in v)) return v;
    const s = v as DocSection;
    let c = copies.get(s);
    if (!c) copies.set(s, (c = { ...s }));
    return c;
  };
  const src = doc as unknown as Record<string, unknown>;
  const out = Object.create(Object.getPrototypeOf(doc) as object) as Record<string, unknown>;
  for (const k of Object.keys(src)) {
    const v = src[k];
    if (v instanceof Map) {
      const m = new Map<unknown, unknown>();
      for (const [n, s] of v) m.set(n, copy(s));
      out[k] = m;
    } else if (Array.isArray(v)) {
      const a = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) a[i] = copy(v[i]);
      out[k] = a;
    } else {
      out[k] = copy(v);
    }
  }
  return out as unknown as QapiDoc;
}

function sameData(a: Uint8Array | string, b: Uint8Array | string): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

interface ParseContext {
  readonly reader: FileReader;
  readonly cache: ParseCache | undefined;
  /** Errors so far: each stops its own file, but the including file goes on. */
  readonly diagnostics: Diagnostic[];
  readonly included: Set<string>;
  readonly pragmas: Pragmas;
  readonly exprs: ParsedExpression[];
  readonly docs: QapiDoc[];
  readonly files: SourceText[];
  /** Files that could not be read. */
  readonly unreadable: string[];
  readonly leniency: Leniency;
}

type ReadResult = { ok: true; source: SourceText } | { ok: false; strerror: string } | { ok: false; diagnostic: Diagnostic };

function readSchemaFile(path: string, ctx: ParseContext, parent: SourceInfo | null): ReadResult {
  let data: Uint8Array | string;
  try {
    data = ctx.reader(path);
    if (data.length > MAX_FILE_BYTES) {
      throw Object.assign(new Error(`File too large (more than ${MAX_FILE_BYTES} bytes)`), { code: 'EFBIG' });
    }
  } catch (err) {
    return { ok: false, strerror: strerrorOf(err) };
  }
  const known = ctx.cache?.source(path, data);
  if (known) return { ok: true, source: known };
  const r = decodeSource(path, data);
  if ('text' in r) {
    ctx.cache?.keep(path, data, r);
    return { ok: true, source: r };
  }
  if (r.kind === 'io') return { ok: false, strerror: r.strerror };
  const info: SourceInfo = { file: path, line: r.line, parent, defn: undefined };
  return { ok: false, diagnostic: { ...compileError(Messages.invalidUtf8, locationOf(info, r.column), r.byte).diagnostic } };
}

class FileParser {
  private readonly c: TokenCursor;
  private readonly docParser: DocParser;
  private legacyDocParser: LegacyDocParser | undefined;
  private depth = 0;

  constructor(
    private readonly source: SourceText,
    private readonly ctx: ParseContext,
    private readonly lines: LineInfos,
    private readonly log?: FileLog,
  ) {
    this.c = new TokenCursor(source, ctx.cache ? ctx.cache.tokens(source) : tokenize(source.text), lines);
    this.docParser = new DocParser(this.c);
  }

  parse(): void {
    const c = this.c;
    const { ctx } = this;
    let curDoc: QapiDoc | undefined;
    c.accept();
    while (c.tok !== null) {
      const info = c.info;
      if (c.tok === '#') {
        rejectExprDoc(curDoc, ctx.leniency);
        curDoc = ctx.leniency.strict ? this.docParser.parse() : this.parseDocLeniently();
        if (curDoc) {
          ctx.docs.push(curDoc);
          this.log?.doc(curDoc);
        }
        continue;
      }
      const exprOffset = c.pos;
      const expr = this.getExpr();
      if (!isObject(expr)) throw compileError(Messages.topLevelNotObject, locationOf(info));
      if (expr.has('include')) {
        rejectExprDoc(curDoc, ctx.leniency);
        if (expr.size !== 1) throw compileError(Messages.invalidInclude, locationOf(info));
        const include = expr.get('include');
        if (typeof include !== 'string') throw compileError(Messages.includeNotString, locationOf(info));
        const inclPath = pyPathJoin(pyDirname(this.source.path), include);
        const pe: ParsedExpression = { expr, info, source: this.source, doc: undefined, offset: exprOffset, includePath: inclPath };
        ctx.exprs.push(pe);
        this.log?.expr(pe);
        if (this.log) this.log.effect({ k: 'include', include, info, inclPath }, () => doInclude(ctx, include, info, inclPath));
        else doInclude(ctx, include, info, inclPath);
      } else if (expr.has('pragma')) {
        rejectExprDoc(curDoc, ctx.leniency);
        if (expr.size !== 1) throw compileError(Messages.invalidPragma, locationOf(info));
        const pragma = expr.get('pragma');
        if (!isObject(pragma)) throw compileError(Messages.pragmaNotObject, locationOf(info));
        for (const [name, value] of pragma) {
          if (this.log) this.log.effect({ k: 'pragma', name, value, info }, () => setPragma(ctx.pragmas, name, cloneSyntax(value), info, ctx.leniency));
          else setPragma(ctx.pragmas, name, value, info, ctx.leniency);
        }
      } else {
        if (curDoc && !curDoc.symbol) {
          ctx.leniency.relax(Messages.docDefinitionRequired, locationOf(curDoc.info));
          curDoc = undefined;
        }
        const pe: ParsedExpression = { expr, info, source: this.source, doc: curDoc, offset: exprOffset };
        ctx.exprs.push(pe);
        this.log?.expr(pe);
      }
      curDoc = undefined;
    }
    rejectExprDoc(curDoc, ctx.leniency);
  }

  /**
   * A lenient run reads a doc block by QEMU 10.2's rules first; only a block
   * those reject is read again by the older releases' rules.
   */
  private parseDocLeniently(): QapiDoc | undefined {
    const c = this.c;
    const mark = c.mark();
    try {
      const doc = this.docParser.parse();
      if (!needsLegacyReading(doc, this.docParser.unindentedContinuation, c)) return doc;
    } catch (err) {
      if (!(err instanceof CompileError) || !err.diagnostic.code.startsWith('QAPI3')) throw err;
    }
    c.reset(mark);
    this.legacyDocParser ??= new LegacyDocParser(c, this.ctx.leniency);
    return this.legacyDocParser.parse();
  }

  private getMembers(offset: number): SyntaxObject {
    const c = this.c;
    const expr = new SyntaxObject(offset);
    if (c.is('}')) {
      c.accept();
      return expr;
    }
    if (!c.is("'")) throw c.error(Messages.expectedStringOrRBrace);
    for (;;) {
      const key = c.val as string;
      const keyOffset = c.pos;
      c.accept();
      if (!c.is(':')) throw c.error(Messages.expectedColon);
      c.accept();
      if (expr.has(key)) throw c.error(Messages.duplicateKey, key);
      expr.keyOffsets.push(keyOffset);
      expr.valueOffsets.push(c.pos);
      expr.set(key, this.getExpr());
      if (c.is('}')) {
        c.accept();
        return expr;
      }
      if (!c.is(',')) {
        if (!c.is("'") || this.ctx.leniency.strict) throw c.error(Messages.expectedCommaOrRBrace);
        this.missingComma();
        continue;
      }
      c.accept();
      if (!c.is("'")) {
        if (c.is('}') && !this.ctx.leniency.strict) return this.trailingComma(expr);
        throw c.error(Messages.expectedString);
      }
    }
  }

  private getValues(): SyntaxValue[] {
    const c = this.c;
    const expr: SyntaxValue[] = [];
    if (c.is(']')) {
      c.accept();
      return expr;
    }
    if (c.tok === null || !"{['tf".includes(c.tok)) throw c.error(Messages.expectedValueOrRBracket);
    const offsets: number[] = [];
    elementOffsets.set(expr, offsets);
    for (;;) {
      offsets.push(c.pos);
      expr.push(this.getExpr());
      if (c.is(']')) {
        c.accept();
        return expr;
      }
      if (!c.is(',')) {
        if (c.tok === null || !"{['".includes(c.tok) || this.ctx.leniency.strict) throw c.error(Messages.expectedCommaOrRBracket);
        this.missingComma();
        continue;
      }
      c.accept();
      if (c.is(']') && !this.ctx.leniency.strict) return this.trailingComma(expr);
    }
  }

  /** QEMU 1.x's parser did not need the ',' between members or elements. */
  private missingComma(): void {
    const c = this.c;
    this.ctx.leniency.warn(Messages.legacyMissingComma, locationOf(c.info, c.column()));
  }

  /** QEMU 1.x's parser skipped a ',' before a closing bracket. */
  private trailingComma<T extends SyntaxObject | SyntaxValue[]>(value: T): T {
    const c = this.c;
    this.ctx.leniency.warn(Messages.legacyTrailingComma, locationOf(c.info, c.column()), c.tok as string);
    c.accept();
    return value;
  }

  private getExpr(): SyntaxValue {
    const c = this.c;
    if (c.is('{') || c.is('[')) {
      if (++this.depth > MAX_NESTING) throw c.error(Messages.nestingTooDeep, MAX_NESTING);
      const offset = c.pos;
      const open = c.tok;
      c.accept();
      const value = open === '{' ? this.getMembers(offset) : this.getValues();
      this.depth--;
      return value;
    }
    if (c.is("'") || c.is('t') || c.is('f')) {
      const value = c.val as string | boolean;
      c.accept();
      return value;
    }
    throw c.error(Messages.expectedValue);
  }
}

function doInclude(ctx: ParseContext, include: string, info: SourceInfo, inclPath: string): void {
  const abs = resolve(inclPath);
  for (let inf: SourceInfo | null = info; inf; inf = inf.parent) {
    if (abs === resolve(inf.file)) throw compileError(Messages.inclusionLoop, locationOf(info), include);
  }
  if (ctx.included.has(abs)) return;
  // An error stops the included file only (as it would stop QEMU), so that
  // one run reports independent errors of several files; the first one
  // recorded is still the one QEMU reports.
  try {
    parseFile(inclPath, ctx, info);
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    ctx.diagnostics.push(err.diagnostic);
  }
}

function rejectExprDoc(doc: QapiDoc | undefined, leniency: Leniency): void {
  if (doc?.symbol) leniency.relax(Messages.docNotFollowedByDefinition, locationOf(doc.info), doc.symbol);
}

function setPragma(pragmas: Pragmas, name: string, value: SyntaxValue, info: SourceInfo, leniency: Leniency): void {
  const listOfStrings = (): string[] => {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw compileError(Messages.pragmaNotListOfStrings, locationOf(info), name);
    }
    return value as string[];
  };
  switch (name) {
    case 'doc-required':
      if (typeof value !== 'boolean') throw compileError(Messages.pragmaDocRequiredNotBool, locationOf(info));
      pragmas.docRequired = value;
      break;
    case 'command-name-exceptions':
      pragmas.commandNameExceptions = listOfStrings();
      break;
    case 'command-returns-exceptions':
      pragmas.commandReturnsExceptions = listOfStrings();
      break;
    case 'documentation-exceptions':
      pragmas.documentationExceptions = listOfStrings();
      break;
    case 'member-name-exceptions':
      pragmas.memberNameExceptions = listOfStrings();
      break;
    default:
      if (leniency.strict) throw compileError(Messages.unknownPragma, locationOf(info), name);
      setLegacyPragma(pragmas, name, value, info, leniency);
  }
}

function parseFile(path: string, ctx: ParseContext, parent: SourceInfo | null): void {
  ctx.included.add(resolve(path));
  const read = readSchemaFile(path, ctx, parent);
  if (!read.ok) {
    if ('diagnostic' in read) throw new CompileError(read.diagnostic);
    ctx.unreadable.push(path);
    if (parent) throw compileError(Messages.cannotReadInclude, locationOf(parent), path, read.strerror);
    throw compileError(Messages.cannotReadSchema, undefined, path, read.strerror);
  }
  ctx.files.push(read.source);
  const { cache } = ctx;
  if (!cache) {
    new FileParser(read.source, ctx, new LineInfos(path, parent)).parse();
    return;
  }
  const chain = chainKey(parent);
  const known = cache.parsed(read.source, ctx.leniency.strict, chain);
  if (known) {
    replay(known, ctx);
    return;
  }
  const lines = new LineInfos(path, parent);
  const log = new FileLog(ctx.leniency);
  const record = () => cache.record(read.source, { strict: ctx.leniency.strict, chain, lines, events: log.events });
  try {
    new FileParser(read.source, ctx, lines, log).parse();
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    if (!log.effectFailed) log.add({ k: 'error', error: err });
    log.flush();
    record();
    throw err;
  }
  log.flush();
  record();
}

/** Does what parsing the file did, with fresh copies of what later phases annotate. */
function replay(file: ParsedFile, ctx: ParseContext): void {
  file.lines.clearDefinitions();
  const docs = new Map<QapiDoc, QapiDoc>();
  for (const e of file.events) {
    switch (e.k) {
      case 'doc': {
        const doc = cloneDoc(e.doc);
        docs.set(e.doc, doc);
        ctx.docs.push(doc);
        break;
      }
      case 'expr':
        ctx.exprs.push({ ...e.pe, expr: cloneObject(e.pe.expr), doc: e.pe.doc && docs.get(e.pe.doc) });
        break;
      case 'warnings':
        ctx.leniency.warnings.push(...e.list);
        break;
      case 'pragma':
        setPragma(ctx.pragmas, e.name, cloneSyntax(e.value), e.info, ctx.leniency);
        break;
      case 'include':
        doInclude(ctx, e.include, e.info, e.inclPath);
        break;
      case 'error':
        throw e.error;
    }
  }
}

export interface ParseResult {
  readonly schema: ParsedSchema;
  /** In QEMU's order: the first is the one QEMU reports; later ones come from other files. */
  readonly diagnostics: readonly Diagnostic[];
  /** Files that could not be read (a missing include, ...): watchers wait for them to appear. */
  readonly unreadable: readonly string[];
}

export function parseSchema(
  mainFile: string, reader: FileReader = defaultFileReader, leniency: Leniency = STRICT, cache?: ParseCache,
): ParseResult {
  const diagnostics: Diagnostic[] = [];
  cache?.begin();
  const ctx: ParseContext = {
    reader, cache, diagnostics, included: new Set(), pragmas: emptyPragmas(), exprs: [], docs: [], files: [], unreadable: [], leniency,
  };
  try {
    parseFile(mainFile, ctx, null);
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    diagnostics.push(err.diagnostic);
  }
  return {
    schema: { mainFile, exprs: ctx.exprs, docs: ctx.docs, pragmas: ctx.pragmas, files: ctx.files },
    diagnostics,
    unreadable: ctx.unreadable,
  };
}
