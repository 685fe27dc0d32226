/**
 * The project configuration: `qapi.config.json`, or a `"qapi"` key in
 * `package.json`, found in the working directory. It names the schema and
 * each command's options so that a repository runs a bare `qapi-ts generate`;
 * command-line flags override it. Unknown keys and bad values are errors that
 * name the key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface GenerateConfig {
  readonly outDir?: string;
  readonly targets?: readonly string[];
  readonly defines?: readonly string[];
  readonly int64?: 'bigint' | 'number';
  readonly runtime?: string;
}

export interface DocsConfig {
  readonly outDir?: string;
  readonly title?: string;
}

export interface QapiConfig {
  /** Where the configuration came from, for messages. */
  readonly origin: string;
  /** Directory relative paths in the configuration are relative to. */
  readonly baseDir: string;
  readonly schema?: string;
  readonly generate?: GenerateConfig;
  readonly docs?: DocsConfig;
  readonly lint?: Readonly<Record<string, unknown>>;
}

export class ConfigError extends Error {}

type Check = (value: unknown, key: string) => void;

const isString: Check = (v, key) => {
  if (typeof v !== 'string' || !v) throw new ConfigError(`'${key}' must be a non-empty string`);
};
const isStringList: Check = (v, key) => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !x)) throw new ConfigError(`'${key}' must be a list of strings`);
};
const oneOf = (...values: string[]): Check => (v, key) => {
  if (typeof v !== 'string' || !values.includes(v)) {
    throw new ConfigError(`'${key}' must be one of ${values.map((x) => `'${x}'`).join(', ')}`);
  }
};
const object = (shape: Record<string, Check>): Check => (v, key) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError(`'${key}' must be an object`);
  for (const [k, val] of Object.entries(v)) {
    const path = key ? `${key}.${k}` : k;
    const check = shape[k];
    if (!check) {
      const known = Object.keys(shape);
      const near = known.find((n) => n.toLowerCase() === k.toLowerCase());
      throw new ConfigError(`unknown key '${path}'${near ? ` (did you mean '${key ? `${key}.` : ''}${near}'?)` : `; known keys: ${known.join(', ')}`}`);
    }
    check(val, path);
  }
};
const anything: Check = () => {};

const CONFIG_SHAPE = object({
  $schema: isString,
  schema: isString,
  generate: object({ outDir: isString, targets: isStringList, defines: isStringList, int64: oneOf('bigint', 'number'), runtime: isString }),
  docs: object({ outDir: isString, title: isString }),
  // Checked in depth, against the rule registry, by lint-settings.ts.
  lint: object({ level: anything, rules: anything, ignore: anything, ignoreOnly: anything }),
});

/** Loads the configuration for `cwd`, or undefined when there is none. Throws ConfigError. */
export function loadConfig(cwd: string, explicitPath?: string): QapiConfig | undefined {
  let path = explicitPath ? resolve(cwd, explicitPath) : join(cwd, 'qapi.config.json');
  let raw: unknown;
  if (existsSync(path)) {
    raw = parseJson(path);
  } else if (explicitPath) {
    throw new ConfigError(`${explicitPath}: no such configuration file`);
  } else {
    path = join(cwd, 'package.json');
    if (!existsSync(path)) return undefined;
    const pkg = parseJson(path) as Record<string, unknown>;
    if (!pkg || typeof pkg !== 'object' || !('qapi' in pkg)) return undefined;
    raw = pkg.qapi;
  }
  const origin = path.endsWith('package.json') ? `${path} ("qapi" key)` : path;
  try {
    CONFIG_SHAPE(raw, '');
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`${origin}: ${err.message}`);
    throw err;
  }
  return { origin, baseDir: dirname(path), ...(raw as object) };
}

function parseJson(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    if (m) {
      const offset = Number(m[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const col = offset - before.lastIndexOf('\n');
      throw new ConfigError(`${path}:${line}:${col}: invalid JSON: ${(err as Error).message}`);
    }
    throw new ConfigError(`${path}: invalid JSON: ${(err as Error).message}`);
  }
}

/** The schema path: the command-line argument, else the configuration's (relative to it). */
export function schemaPath(arg: string | undefined, config: QapiConfig | undefined, cwd: string): string | undefined {
  if (arg) return arg;
  if (config?.schema) return relative(cwd, join(config.baseDir, config.schema)) || config.schema;
  return undefined;
}

/** A configured output directory, relative to the working directory. */
export function configuredDir(dir: string | undefined, config: QapiConfig | undefined, cwd: string): string | undefined {
  if (!dir || !config) return undefined;
  return relative(cwd, join(config.baseDir, dir)) || '.';
}
