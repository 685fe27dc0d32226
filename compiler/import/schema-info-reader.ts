/**
 * Reading a `query-qmp-schema` reply: the JSON text (a bare SchemaInfo list,
 * a QMP response `{"return": [...]}`, or a saved QMP transcript with such a
 * response on one line) into checked SchemaInfo values. Every problem names
 * its JSON path (`$[12].members[3].type`); shape errors stop the import,
 * keys this version does not know are warnings (a newer QEMU may add some).
 *
 * The shape is QEMU's qapi/introspect.json (SchemaInfo and its branches).
 */
import type {
  SchemaInfo, SchemaInfoAlternateMember, SchemaInfoEnumMember, SchemaInfoObjectMember, SchemaInfoObjectVariant,
} from '../emitters/introspect.js';

/** A reply that is not a well-formed SchemaInfo list. */
export class QmpSchemaError extends Error {
  constructor(readonly source: string, readonly path: string, readonly detail: string) {
    super(`${source}: ${path ? `${path}: ` : ''}${detail}`);
    this.name = 'QmpSchemaError';
  }
}

export interface ReadSchemaInfoResult {
  readonly entries: SchemaInfo[];
  /** Things ignored (unknown keys), each naming its path. */
  readonly warnings: string[];
}

/** QEMU's built-in type names (introspection lists only str, number, int, bool, null and any). */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'str', 'number', 'int', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'size',
  'bool', 'null', 'any',
]);

const JSON_TYPES = new Set(['string', 'number', 'int', 'boolean', 'null', 'value']);

const KEYS: Record<SchemaInfo['meta-type'], readonly string[]> = {
  builtin: ['json-type'],
  enum: ['members', 'values'],
  array: ['element-type'],
  object: ['members', 'tag', 'variants'],
  alternate: ['members'],
  command: ['arg-type', 'ret-type', 'allow-oob'],
  event: ['arg-type'],
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Parses reply text. Accepts the SchemaInfo list itself, `{"return": list}`,
 * or a transcript (one JSON value per line) holding such a response.
 */
export function parseQmpSchemaText(text: string, source: string): ReadSchemaInfoResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const fromTranscript = transcriptReply(text);
    if (fromTranscript !== undefined) return readSchemaInfo(fromTranscript, source, '$.return');
    throw new QmpSchemaError(source, '', `not valid JSON (${jsonErrorWhere(text, err as Error)})`);
  }
  if (isObject(value) && 'return' in value) {
    if ('error' in value) throw new QmpSchemaError(source, '$.error', 'the reply is an error response');
    return readSchemaInfo(value.return, source, '$.return');
  }
  if (isObject(value) && 'error' in value) {
    const e = value.error as { desc?: unknown };
    throw new QmpSchemaError(source, '$.error', `QEMU answered with an error: ${typeof e?.desc === 'string' ? e.desc : JSON.stringify(value.error)}`);
  }
  return readSchemaInfo(value, source, '$');
}

/** The `return` value of the first line that is a response carrying a SchemaInfo list. */
function transcriptReply(text: string): unknown {
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{') || !t.includes('"return"')) continue;
    try {
      const v = JSON.parse(t) as unknown;
      if (isObject(v) && Array.isArray(v.return) && v.return.length && isObject(v.return[0]) && 'meta-type' in v.return[0]) {
        return v.return;
      }
    } catch {
      // not this line
    }
  }
  return undefined;
}

function jsonErrorWhere(text: string, err: Error): string {
  const m = /position (\d+)/.exec(err.message);
  if (!m) return err.message;
  const offset = Number(m[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${err.message.replace(/ in JSON at position \d+.*$/, '')}`;
}

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks `value` (the reply's `return`) and returns it as SchemaInfo list. */
export function readSchemaInfo(value: unknown, source: string, root = '$'): ReadSchemaInfoResult {
  const warnings: string[] = [];
  const fail = (path: string, detail: string): never => {
    throw new QmpSchemaError(source, path, detail);
  };
  if (!Array.isArray(value)) fail(root, 'expected the SchemaInfo list (an array), the value of query-qmp-schema');
  const list = value as unknown[];
  const entries: SchemaInfo[] = [];

  const str = (obj: Record<string, Json>, key: string, path: string): string => {
    const v = obj[key];
    if (v === undefined) fail(path, `missing '${key}'`);
    if (typeof v !== 'string') fail(`${path}.${key}`, `expected a string, got ${describe(v)}`);
    return v as string;
  };
  const arr = (obj: Record<string, Json>, key: string, path: string): Json[] => {
    const v = obj[key];
    if (v === undefined) fail(path, `missing '${key}'`);
    if (!Array.isArray(v)) fail(`${path}.${key}`, `expected an array, got ${describe(v)}`);
    return v as Json[];
  };
  const obj = (v: unknown, path: string): Record<string, Json> => {
    if (!isObject(v)) fail(path, `expected an object, got ${describe(v as Json)}`);
    return v as Record<string, Json>;
  };
  const unknownKeys = (o: Record<string, Json>, known: readonly string[], path: string) => {
    for (const k of Object.keys(o)) if (!known.includes(k)) warnings.push(`${source}: ${path}: unknown key '${k}' ignored`);
  };
  const features = (o: Record<string, Json>, path: string): { features?: string[] } => {
    if (o.features === undefined) return {};
    const list = arr(o, 'features', path);
    return { features: list.map((f, i) => {
      if (typeof f !== 'string') fail(`${path}.features[${i}]`, `expected a feature name (string), got ${describe(f)}`);
      return f as string;
    }) };
  };

  const seen = new Map<string, string>();
  list.forEach((raw, i) => {
    const path = `${root}[${i}]`;
    const e = obj(raw, path);
    const name = str(e, 'name', path);
    const meta = str(e, 'meta-type', path);
    if (!(meta in KEYS)) {
      fail(`${path}.meta-type`, `unknown meta-type '${meta}' (expected ${Object.keys(KEYS).join(', ')})`);
    }
    const metaType = meta as SchemaInfo['meta-type'];
    const prev = seen.get(name);
    if (prev !== undefined) fail(`${path}.name`, `'${name}' is listed twice (first at ${prev})`);
    seen.set(name, path);
    unknownKeys(e, ['name', 'meta-type', 'features', ...KEYS[metaType]], path);
    const feats = features(e, path);
    switch (metaType) {
      case 'builtin': {
        const jsonType = str(e, 'json-type', path);
        if (!JSON_TYPES.has(jsonType)) fail(`${path}.json-type`, `unknown json-type '${jsonType}'`);
        if (!BUILTIN_NAMES.has(name)) fail(`${path}.name`, `unknown built-in type '${name}'`);
        entries.push({ 'json-type': jsonType, name, 'meta-type': 'builtin' });
        break;
      }
      case 'enum': {
        const values = arr(e, 'values', path).map((v, j) => {
          if (typeof v !== 'string') fail(`${path}.values[${j}]`, `expected a string, got ${describe(v)}`);
          return v as string;
        });
        let members: SchemaInfoEnumMember[];
        if (e.members === undefined) {
          // QEMU before 6.2 lists only `values`.
          members = values.map((v) => ({ name: v }));
        } else {
          members = arr(e, 'members', path).map((m, j) => {
            const mp = `${path}.members[${j}]`;
            const mo = obj(m, mp);
            unknownKeys(mo, ['name', 'features'], mp);
            return { name: str(mo, 'name', mp), ...features(mo, mp) };
          });
          if (members.length !== values.length || members.some((m, j) => m.name !== values[j])) {
            fail(`${path}.values`, "'values' does not list the names of 'members' in order");
          }
        }
        entries.push({ members, values, name, 'meta-type': 'enum', ...feats });
        break;
      }
      case 'array':
        entries.push({ 'element-type': str(e, 'element-type', path), name, 'meta-type': 'array' });
        break;
      case 'object': {
        const members = arr(e, 'members', path).map((m, j): SchemaInfoObjectMember => {
          const mp = `${path}.members[${j}]`;
          const mo = obj(m, mp);
          unknownKeys(mo, ['name', 'type', 'default', 'features'], mp);
          if ('default' in mo && mo.default !== null) {
            warnings.push(`${source}: ${mp}.default: ${describe(mo.default)} read as null (QEMU always sends null)`);
          }
          return {
            name: str(mo, 'name', mp),
            type: str(mo, 'type', mp),
            ...('default' in mo ? { default: null } : {}),
            ...features(mo, mp),
          };
        });
        const names = new Set<string>();
        members.forEach((m, j) => {
          if (names.has(m.name)) fail(`${path}.members[${j}].name`, `member '${m.name}' is listed twice`);
          names.add(m.name);
        });
        if ((e.tag === undefined) !== (e.variants === undefined)) {
          fail(path, `'tag' and 'variants' go together; only '${e.tag === undefined ? 'variants' : 'tag'}' is present`);
        }
        let union: { tag?: string; variants?: SchemaInfoObjectVariant[] } = {};
        if (e.tag !== undefined) {
          const tag = str(e, 'tag', path);
          if (!names.has(tag)) fail(`${path}.tag`, `tag '${tag}' is not a member`);
          const cases = new Set<string>();
          const variants = arr(e, 'variants', path).map((v, j): SchemaInfoObjectVariant => {
            const vp = `${path}.variants[${j}]`;
            const vo = obj(v, vp);
            unknownKeys(vo, ['case', 'type'], vp);
            const c = str(vo, 'case', vp);
            if (cases.has(c)) fail(`${vp}.case`, `case '${c}' is listed twice`);
            cases.add(c);
            return { case: c, type: str(vo, 'type', vp) };
          });
          union = { tag, variants };
        }
        entries.push({ members, ...union, name, 'meta-type': 'object', ...feats });
        break;
      }
      case 'alternate': {
        const members = arr(e, 'members', path).map((m, j): SchemaInfoAlternateMember => {
          const mp = `${path}.members[${j}]`;
          const mo = obj(m, mp);
          unknownKeys(mo, ['type'], mp);
          return { type: str(mo, 'type', mp) };
        });
        entries.push({ members, name, 'meta-type': 'alternate', ...feats });
        break;
      }
      case 'command': {
        const oob = e['allow-oob'];
        if (oob !== undefined && typeof oob !== 'boolean') fail(`${path}.allow-oob`, `expected a boolean, got ${describe(oob)}`);
        entries.push({
          'arg-type': str(e, 'arg-type', path),
          'ret-type': str(e, 'ret-type', path),
          ...(oob === true ? { 'allow-oob': true } as const : {}),
          name,
          'meta-type': 'command',
          ...feats,
        });
        break;
      }
      case 'event':
        entries.push({ 'arg-type': str(e, 'arg-type', path), name, 'meta-type': 'event', ...feats });
        break;
    }
  });

  // Every type reference must name a listed type; arrays are listed as `[ELEMENT]`.
  const metaOf = new Map(entries.map((e) => [e.name, e['meta-type']]));
  const checkRef = (ref: string, path: string, what = 'type') => {
    const m = metaOf.get(ref);
    if (m === undefined) fail(path, `${what} '${ref}' is not listed in the reply`);
    if (m === 'command' || m === 'event') fail(path, `'${ref}' is a ${m}, not a type`);
    const el = /^\[(.*)\]$/.exec(ref);
    if (el && m !== 'array') fail(path, `'${ref}' is named like an array but is a ${m}`);
    return m!;
  };
  entries.forEach((e, i) => {
    const path = `${root}[${i}]`;
    switch (e['meta-type']) {
      case 'command':
        checkRef(e['arg-type'], `${path}.arg-type`);
        checkRef(e['ret-type'], `${path}.ret-type`);
        break;
      case 'event':
        checkRef(e['arg-type'], `${path}.arg-type`);
        break;
      case 'array': {
        if (e.name !== `[${e['element-type']}]`) fail(`${path}.name`, `an array of '${e['element-type']}' must be named '[${e['element-type']}]'`);
        const m = checkRef(e['element-type'], `${path}.element-type`);
        if (m === 'array') fail(`${path}.element-type`, 'arrays of arrays do not exist in QAPI');
        break;
      }
      case 'object':
        e.members.forEach((m, j) => checkRef(m.type, `${path}.members[${j}].type`));
        e.variants?.forEach((v, j) => {
          const m = checkRef(v.type, `${path}.variants[${j}].type`);
          if (m !== 'object') fail(`${path}.variants[${j}].type`, `a variant must be an object type, '${v.type}' is a ${m}`);
        });
        break;
      case 'alternate':
        e.members.forEach((m, j) => checkRef(m.type, `${path}.members[${j}].type`));
        break;
      default:
        break;
    }
    if (e['meta-type'] !== 'array' && /^\[.*\]$/.test(e.name)) {
      fail(`${path}.name`, `'${e.name}' is named like an array but is a ${e['meta-type']}`);
    }
  });
  return { entries, warnings };
}

function describe(v: Json | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}
