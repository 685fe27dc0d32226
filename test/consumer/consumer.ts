// A consumer of the published package: the programmatic API and code
// generated from a schema, which imports only `qapi-ts/runtime`.
import { compile, generate, formatQemuError, type IrSchema } from 'qapi-ts';
import { readJson, writeJson, tryDecode } from 'qapi-ts/runtime';
import { decodeStatusInfo, encodeStatusInfo, type StatusInfo } from './gen/schema.js';

const result = compile({ entry: 'schema.json' });
if (!result.ir) {
  for (const d of result.diagnostics) process.stderr.write(formatQemuError(d));
  process.exit(1);
}
const ir: IrSchema = result.ir;
const files = generate(ir, { targets: ['types'] });

const status: StatusInfo = decodeStatusInfo(readJson('{"running": true, "status": "running"}'));
const bad = tryDecode(decodeStatusInfo, readJson('{"running": true, "status": "flying"}'), {}, 'return');
console.log(JSON.stringify({
  files: files.map((f) => f.path),
  status: writeJson(encodeStatusInfo(status)),
  error: bad.ok ? null : { path: bad.error.path, message: bad.error.message },
}));
