/**
 * Parses a schema file and, depth-first, the files it includes, following
 * QEMU's QAPISchemaParser: expressions, doc comments, `include` and `pragma`
 * directives, in QEMU's order of checks. The first error stops parsing (it is
 * thrown as a CompileError and turned into a diagnostic by `parseSchema`).
 */
import { resolve } from 'node:path';
import { tokenize } from '../scanner/lexer.js';
import { type FileReader, defaultFileReader, readSource, type SourceText } from '../source/source-file.js';
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
import type { QapiDoc } from './doc-comment.js';
import {
  elementOffsets, emptyPragmas, isObject, type ParsedExpression, type ParsedSchema, type Pragmas, SyntaxObject, type SyntaxValue,
} from './syntax.js';

/** Deeper nesting than this is refused rather than risking the call stack. */
export const MAX_NESTING = 1000;
/** Files larger than this are refused: real schemas are well under 1 MiB. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

interface ParseContext {
  readonly reader: FileReader;
  /** Errors so far: each stops its own file, but the including file goes on. */
  readonly diagnostics: Diagnostic[];
  readonly included: Set<string>;
  readonly pragmas: Pragmas;
  readonly exprs: ParsedExpression[];
  readonly docs: QapiDoc[];
  readonly files: SourceText[];
  readonly leniency: Leniency;
}

type ReadResult = { ok: true; source: SourceText } | { ok: false; strerror: string } | { ok: false; diagnostic: Diagnostic };

function readSchemaFile(path: string, ctx: ParseContext, parent: SourceInfo | null): ReadResult {
  const sized: FileReader = (p) => {
    const data = ctx.reader(p);
    if (data.length > MAX_FILE_BYTES) {
      throw Object.assign(new Error(`File too large (more than ${MAX_FILE_BYTES} bytes)`), { code: 'EFBIG' });
    }
    return data;
  };
  const r = readSource(path, sized);
  if ('text' in r) return { ok: true, source: r };
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
  ) {
    this.c = new TokenCursor(source, tokenize(source.text), lines);
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
        if (curDoc) ctx.docs.push(curDoc);
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
        ctx.exprs.push({ expr, info, source: this.source, doc: undefined, offset: exprOffset, includePath: inclPath });
        this.include(include, info, inclPath);
      } else if (expr.has('pragma')) {
        rejectExprDoc(curDoc, ctx.leniency);
        if (expr.size !== 1) throw compileError(Messages.invalidPragma, locationOf(info));
        const pragma = expr.get('pragma');
        if (!isObject(pragma)) throw compileError(Messages.pragmaNotObject, locationOf(info));
        for (const [name, value] of pragma) setPragma(ctx.pragmas, name, value, info, ctx.leniency);
      } else {
        if (curDoc && !curDoc.symbol) {
          ctx.leniency.relax(Messages.docDefinitionRequired, locationOf(curDoc.info));
          curDoc = undefined;
        }
        ctx.exprs.push({ expr, info, source: this.source, doc: curDoc, offset: exprOffset });
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

  private include(include: string, info: SourceInfo, inclPath: string): void {
    const abs = resolve(inclPath);
    for (let inf: SourceInfo | null = info; inf; inf = inf.parent) {
      if (abs === resolve(inf.file)) throw compileError(Messages.inclusionLoop, locationOf(info), include);
    }
    if (this.ctx.included.has(abs)) return;
    // An error stops the included file only (as it would stop QEMU), so that
    // one run reports independent errors of several files; the first one
    // recorded is still the one QEMU reports.
    try {
      parseFile(inclPath, this.ctx, info);
    } catch (err) {
      if (!(err instanceof CompileError)) throw err;
      this.ctx.diagnostics.push(err.diagnostic);
    }
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
    if (parent) throw compileError(Messages.cannotReadInclude, locationOf(parent), path, read.strerror);
    throw compileError(Messages.cannotReadSchema, undefined, path, read.strerror);
  }
  ctx.files.push(read.source);
  new FileParser(read.source, ctx, new LineInfos(path, parent)).parse();
}

export interface ParseResult {
  readonly schema: ParsedSchema;
  /** In QEMU's order: the first is the one QEMU reports; later ones come from other files. */
  readonly diagnostics: readonly Diagnostic[];
}

export function parseSchema(
  mainFile: string, reader: FileReader = defaultFileReader, leniency: Leniency = STRICT,
): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const ctx: ParseContext = {
    reader, diagnostics, included: new Set(), pragmas: emptyPragmas(), exprs: [], docs: [], files: [], leniency,
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
  };
}
