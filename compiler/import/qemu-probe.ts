/**
 * Asking a QEMU binary for its schema: start it with
 * `-machine none -nodefaults -display none -qmp stdio`, wait for the QMP
 * greeting, negotiate (`qmp_capabilities`), run `query-qmp-schema`, then
 * `quit` and wait for the process to end (killing it if it does not). Every
 * step has a deadline; failures are messages, never hangs or orphans.
 *
 * The exchange is one self-contained function. `probeQemu` runs it in this
 * process; `probeQemuSync` (what the synchronous CLI uses) runs the same
 * function's source in a child Node.js process and waits for it, so the
 * exchange stays a real conversation (QEMU drops queued commands when its
 * input closes early, so writing them all up front is not reliable).
 */
import { spawn, spawnSync } from 'node:child_process';

export const QEMU_PROBE_ARGS: readonly string[] = ['-machine', 'none', '-nodefaults', '-display', 'none', '-qmp', 'stdio'];

export interface ProbeOptions {
  /** Milliseconds for the whole exchange (default 30 s). */
  readonly timeoutMs?: number;
  /** Arguments instead of QEMU_PROBE_ARGS. */
  readonly args?: readonly string[];
}

export type ProbeOutcome =
  | {
    readonly ok: true;
    /** The greeting line, e.g. `{"QMP": {"version": ...}}`. */
    readonly greeting: string;
    /** The response line to query-qmp-schema, exactly as QEMU sent it (without the line end). */
    readonly reply: string;
  }
  | { readonly ok: false; readonly error: string };

/** The successful result: the reply's text and its `return` value. */
export interface ProbeResult {
  readonly greeting: string;
  readonly reply: string;
  /** QEMU's version from the greeting, `major.minor.micro`, when present. */
  readonly version?: string;
}

export class QemuProbeError extends Error {
  constructor(readonly binary: string, detail: string) {
    super(`${binary}: ${detail}`);
    this.name = 'QemuProbeError';
  }
}

/**
 * The whole exchange. Self-contained on purpose (it is also run from its
 * source text in a child process): it may use only its parameters.
 */
function qmpSchemaExchange(
  spawnFn: typeof spawn, binary: string, args: readonly string[], timeoutMs: number,
): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let stage = 'start';
    let stdout = '';
    let stderr = '';
    let greeting = '';
    let reply = '';
    let exited = false;
    const tail = () => {
      const t = stderr.trim().split('\n').slice(-5).join('\n').trim();
      return t ? `; it said:\n${t}` : '';
    };
    const stages: Record<string, string> = {
      start: 'before its QMP greeting',
      caps: 'before answering qmp_capabilities',
      schema: 'before answering query-qmp-schema',
    };
    let child: ReturnType<typeof spawn>;
    const stop = () => {
      if (!exited) {
        try {
          child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    const finish = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const fail = (error: string) => {
      stop();
      finish({ ok: false, error });
    };
    const timer = setTimeout(() => {
      stop();
      finish(stage === 'quit'
        ? { ok: true, greeting, reply }
        : { ok: false, error: `no answer within ${timeoutMs / 1000} s ${stages[stage] ?? ''}; stopped it${tail()}` });
    }, timeoutMs);
    try {
      child = spawnFn(binary, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (err) {
      fail(`cannot start it: ${(err as Error).message}`);
      return;
    }
    const send = (command: string, id: string) => {
      try {
        child.stdin!.write(`${JSON.stringify({ execute: command, id })}\n`);
      } catch (err) {
        fail(`cannot write to it: ${(err as Error).message}`);
      }
    };
    const onLine = (line: string) => {
      if (!line.trim()) return;
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line) as Record<string, unknown>;
      } catch {
        fail(`does not speak QMP on stdio: got ${JSON.stringify(line.slice(0, 80))}`);
        return;
      }
      if ('event' in msg) return;
      const error = msg.error as { desc?: string } | undefined;
      if (stage === 'start') {
        if (!('QMP' in msg)) {
          fail(`does not speak QMP on stdio: expected a greeting, got ${JSON.stringify(line.slice(0, 80))}`);
          return;
        }
        greeting = line;
        stage = 'caps';
        send('qmp_capabilities', 'caps');
      } else if (stage === 'caps' && msg.id === 'caps') {
        if (error) {
          fail(`qmp_capabilities failed: ${error.desc ?? JSON.stringify(error)}`);
          return;
        }
        stage = 'schema';
        send('query-qmp-schema', 'schema');
      } else if (stage === 'schema' && msg.id === 'schema') {
        if (error) {
          fail(`query-qmp-schema failed: ${error.desc ?? JSON.stringify(error)}`);
          return;
        }
        reply = line;
        stage = 'quit';
        send('quit', 'quit');
      }
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      exited = true;
      const why = err.code === 'ENOENT' ? 'no such file (is QEMU installed?)'
        : err.code === 'EACCES' ? 'permission denied (not executable?)' : err.message;
      fail(`cannot start it: ${why}`);
    });
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      let from = stdout.length;
      stdout += chunk;
      for (;;) {
        const nl = stdout.indexOf('\n', from);
        if (nl < 0) break;
        const line = stdout.slice(0, nl).replace(/\r$/, '');
        stdout = stdout.slice(nl + 1);
        from = 0;
        onLine(line);
        if (settled) return;
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      if (stderr.length < 65536) stderr += chunk;
    });
    child.stdin!.on('error', () => {
      // EPIPE when QEMU dies first; the exit handler reports it.
    });
    child.on('exit', () => {
      exited = true;
    });
    // After 'close', everything it wrote has been read.
    child.on('close', (code, signal) => {
      exited = true;
      if (stage === 'quit') {
        finish({ ok: true, greeting, reply });
        return;
      }
      const how = signal ? `was killed by ${signal}` : `exited with status ${code}`;
      fail(`${how} ${stages[stage] ?? ''}${tail()}`);
    });
  });
}

function result(binary: string, outcome: ProbeOutcome): ProbeResult {
  if (!outcome.ok) throw new QemuProbeError(binary, outcome.error);
  let version: string | undefined;
  try {
    const v = (JSON.parse(outcome.greeting) as { QMP?: { version?: { qemu?: { major: number; minor: number; micro: number } } } })
      .QMP?.version?.qemu;
    if (v) version = `${v.major}.${v.minor}.${v.micro}`;
  } catch {
    // the greeting was checked to be JSON already
  }
  return { greeting: outcome.greeting, reply: outcome.reply, ...(version ? { version } : {}) };
}

/** Asks `binary` for its schema. Rejects with QemuProbeError. */
export async function probeQemu(binary: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const outcome = await qmpSchemaExchange(spawn, binary, options.args ?? QEMU_PROBE_ARGS, options.timeoutMs ?? 30_000);
  return result(binary, outcome);
}

/** probeQemu, blocking: runs the exchange in a child Node.js process. Throws QemuProbeError. */
export function probeQemuSync(binary: string, options: ProbeOptions = {}): ProbeResult {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const script = `(${qmpSchemaExchange.toString()})(require('node:child_process').spawn, ${JSON.stringify(binary)}, `
    + `${JSON.stringify(options.args ?? QEMU_PROBE_ARGS)}, ${timeoutMs})`
    + '.then((r) => process.stdout.write(JSON.stringify(r)), (e) => process.stdout.write(JSON.stringify({ ok: false, error: String(e) })));';
  const r = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    timeout: timeoutMs + 10_000,
    maxBuffer: 1 << 30,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (r.error) throw new QemuProbeError(binary, `cannot run the probe: ${r.error.message}`);
  let outcome: ProbeOutcome;
  try {
    outcome = JSON.parse(r.stdout) as ProbeOutcome;
  } catch {
    throw new QemuProbeError(binary, `the probe failed${r.stderr ? `: ${r.stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`);
  }
  return result(binary, outcome);
}
