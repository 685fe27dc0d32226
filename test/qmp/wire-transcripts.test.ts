/**
 * Raw wire transcripts: bytes in, QEMU's replies out, byte-level framing and
 * all of qmp-dispatch.c's checks, the connection usable after each bad
 * input. Every step states the reply it expects from our server (a mock VM
 * with codecs generated from schema/qapi-schema.json); when QEMU 7.2 is
 * installed, the same transcript is played against it and must get the same
 * replies (timestamps aside).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { exampleSchema, generateCodecs, haveQemu, mockVm, RawQmp, startQemu, tempDir, type MockVm, type RunningQemu } from './helpers.js';

interface Step {
  readonly title: string;
  readonly input: string;
  readonly expect: unknown[];
}

const err = (desc: string, id?: unknown, cls = 'GenericError') => (id === undefined ? { error: { class: cls, desc } } : { error: { class: cls, desc }, id });
const notFound = (desc: string, id?: unknown) => err(desc, id, 'CommandNotFound');
const TEN_MB = 10 * 1024 * 1024;
/** QEMU reads QMP input a byte per main-loop iteration (~4 µs a byte): it gets the big-message steps at 1 MB. */
const ONE_MB = 1024 * 1024;

const negotiation: Step[] = [
  { title: 'a command before qmp_capabilities', input: '{"execute":"query-status","id":1}', expect: [notFound("Expecting capabilities negotiation with 'qmp_capabilities'", 1)] },
  { title: 'an unknown command before qmp_capabilities', input: '{"execute":"no-such"}', expect: [notFound("Expecting capabilities negotiation with 'qmp_capabilities'")] },
  { title: 'exec-oob before negotiation', input: '{"exec-oob":"qmp_capabilities","id":"o"}', expect: [err("QMP input member 'exec-oob' is unexpected", 'o')] },
  { title: 'a bad capability', input: '{"execute":"qmp_capabilities","arguments":{"enable":["foo"]},"id":2}', expect: [err("Parameter 'null' does not accept value 'foo'", 2)] },
  { title: 'enable not a list', input: '{"execute":"qmp_capabilities","arguments":{"enable":"oob"}}', expect: [err("Invalid parameter type for 'enable', expected: array")] },
  { title: 'an unknown argument', input: '{"execute":"qmp_capabilities","arguments":{"oob":true}}', expect: [err("Parameter 'oob' is unexpected")] },
  { title: 'invalid JSON while negotiating', input: '{"execute": qmp_capabilities}', expect: [err("JSON parse error, stray '_'"), err('JSON parse error, expecting value')] },
  { title: 'qmp_capabilities', input: '{"execute":"qmp_capabilities","id":"neg"}', expect: [{ return: {}, id: 'neg' }] },
  { title: 'qmp_capabilities again', input: '{"execute":"qmp_capabilities"}', expect: [notFound('Capabilities negotiation is already complete, command ignored')] },
];

const commandMode = (bigSize: number): Step[] => [
  { title: 'invalid keyword', input: '{"execute": foo}', expect: [err("JSON parse error, invalid keyword 'foo'")] },
  { title: 'stray character, then the resync', input: '{"execute": @}', expect: [err("JSON parse error, stray '@'"), err('JSON parse error, expecting value')] },
  { title: 'garbage words', input: 'hello world', expect: [err("JSON parse error, invalid keyword 'hello'"), err("JSON parse error, invalid keyword 'world'")] },
  { title: 'missing colon', input: '{"execute" "stop"}', expect: [err('JSON parse error, missing : in object pair')] },
  { title: 'missing comma', input: '{"execute":"stop" "id":1}', expect: [err('JSON parse error, expected separator in dict')] },
  { title: 'bad list', input: '{"execute":"stop","id":[1 2]}', expect: [err('JSON parse error, expected separator in list')] },
  { title: 'non-string key', input: '{1:2}', expect: [err('JSON parse error, key is not a string in object')] },
  { title: 'a stray closing brace', input: '}', expect: [err('JSON parse error, expecting value')] },
  { title: 'leading zero', input: '{"execute":"stop","id":01}', expect: [err("JSON parse error, stray '01'"), err('JSON parse error, expecting value')] },
  { title: 'invalid escape', input: '{"execute":"\\q"}', expect: [err('JSON parse error, invalid escape sequence in string')] },
  { title: 'control character in a string', input: '{"execute":"a\x01b"}', expect: [err('JSON parse error, stray \'"a\x01\''), err('JSON parse error, expecting value')] },
  { title: 'resync with a control character', input: '{"execute":"query-status", \x1b', expect: [err("JSON parse error, stray '\x1b'")] },
  { title: 'resync with 0xFF', input: '{"execute":"query-status", \xff', expect: [err("JSON parse error, stray '\ufffd'")] },
  { title: 'an array', input: '[1, 2]', expect: [err('QMP input must be a JSON object')] },
  { title: 'a string', input: '"execute"', expect: [err('QMP input must be a JSON object')] },
  { title: 'a number', input: '42 ', expect: [err('QMP input must be a JSON object')] },
  { title: 'null', input: 'null ', expect: [err('QMP input must be a JSON object')] },
  { title: 'execute not a string', input: '{"execute":42,"id":"n"}', expect: [err("QMP input member 'execute' must be a string", 'n')] },
  { title: 'no execute', input: '{"arguments":{},"id":5}', expect: [err("QMP input lacks member 'execute'", 5)] },
  { title: 'an unknown key', input: '{"execute":"query-status","bogus":1,"id":{"a":[1,2.5,"x",null,true]}}', expect: [err("QMP input member 'bogus' is unexpected", { a: [1, 2.5, 'x', null, true] })] },
  { title: 'arguments not an object', input: '{"execute":"query-status","arguments":[]}', expect: [err("QMP input member 'arguments' must be an object")] },
  { title: 'exec-oob without OOB', input: '{"exec-oob":"query-status","id":7}', expect: [err("QMP input member 'exec-oob' is unexpected", 7)] },
  { title: 'an unknown command', input: '{"execute":"no-such-command","id":"u"}', expect: [notFound('The command no-such-command has not been found', 'u')] },
  { title: 'an unexpected argument', input: '{"execute":"query-status","arguments":{"x":1}}', expect: [err("Parameter 'x' is unexpected")] },
  { title: 'a wrong argument type', input: '{"execute":"block_resize","arguments":{"size":"big"},"id":8}', expect: [err("Invalid parameter type for 'size', expected: integer", 8)] },
  { title: 'a float for an integer', input: '{"execute":"block_resize","arguments":{"size":1.0}}', expect: [err("Invalid parameter type for 'size', expected: integer")] },
  { title: 'a missing argument', input: '{"execute":"block_resize","arguments":{}}', expect: [err("Parameter 'size' is missing")] },
  { title: 'a bad enum value', input: '{"execute":"ringbuf-write","arguments":{"device":"x","data":"y","format":"hex"}}', expect: [err("Parameter 'format' does not accept value 'hex'")] },
  { title: 'a bad string member', input: '{"execute":"ringbuf-write","arguments":{"device":1,"data":"y"}}', expect: [err("Invalid parameter type for 'device', expected: string")] },
  { title: 'two requests, no separator', input: '{"execute":"a1","id":1}{"execute":"a2","id":2}', expect: [notFound('The command a1 has not been found', 1), notFound('The command a2 has not been found', 2)] },
  { title: 'a request split over lines', input: '{\n "execute":\n "a3",\r\n "id" :\t3\n}', expect: [notFound('The command a3 has not been found', 3)] },
  { title: 'single-quoted strings', input: "{'execute':'a4','id':'sq\\''}", expect: [notFound('The command a4 has not been found', "sq'")] },
  { title: 'escapes in the name', input: '{"execute":"a\\u0035","id":"esc"}', expect: [notFound('The command a5 has not been found', 'esc')] },
  { title: 'a duplicate key', input: '{"execute":"a","execute":"b"}', expect: [err('JSON parse error, duplicate key')] },
  { title: 'a duplicate key, nested', input: '{"execute":"a","id":[{"k":1,"k":2}]}', expect: [err('JSON parse error, duplicate key')] },
  { title: 'a lone surrogate escape', input: '{"execute":"a","id":"\\uD800"}', expect: [err('JSON parse error, \\uD800 is not a valid Unicode character')] },
  { title: 'a bad \\u escape', input: '{"execute":"a","id":"\\uzzzz"}', expect: [err('JSON parse error, \\uzzzz is not a valid Unicode character')] },
  { title: 'invalid UTF-8 in a string', input: '{"execute":"a","id":"\xe9"}', expect: [err('JSON parse error, invalid UTF-8 sequence in string')] },
  { title: 'UTF-8 and escapes in an id', input: '{"execute":"a9","id":"\\ud83d\\ude00\\u00e9\\u0000\xc3\xa9\\\\uD800"}', expect: [notFound('The command a9 has not been found', '\ud83d\ude00\u00e9\u0000\u00e9\\uD800')] },
  { title: 'several unexpected members: QEMU\'s hash order', input: '{"zzz":1,"aaa":2,"execute":"x","mmm":3}', expect: [err("QMP input member 'mmm' is unexpected")] },
  { title: 'a uint64 id', input: '{"execute":"a6","id":18446744073709551615}', expect: [notFound('The command a6 has not been found', 18446744073709551615n)] },
  { title: 'stop emits STOP before its reply', input: '{"execute":"stop","id":"s"}', expect: [{ timestamp: 'T', event: 'STOP' }, { return: {}, id: 's' }] },
  { title: 'cont emits RESUME', input: '{"execute":"cont","id":"c"}', expect: [{ timestamp: 'T', event: 'RESUME' }, { return: {}, id: 'c' }] },
  { title: `a ${bigSize >> 20} MB id, echoed`, input: `{"execute":"big-one","id":"${'x'.repeat(bigSize)}"}`, expect: [notFound('The command big-one has not been found', 'x'.repeat(bigSize))] },
  { title: `a ${bigSize >> 20} MB argument`, input: `{"execute":"query-status","arguments":{"pad":"${'y'.repeat(bigSize)}"},"id":"b"}`, expect: [err("Parameter 'pad' is unexpected", 'b')] },
];

const oobMode: Step[] = [
  { title: 'qmp_capabilities with oob', input: '{"execute":"qmp_capabilities","arguments":{"enable":["oob"]}}', expect: [{ return: {} }] },
  { title: 'exec-oob of a command without allow-oob', input: '{"exec-oob":"query-status","id":"o1"}', expect: [err('The command query-status does not support OOB', 'o1')] },
  { title: 'exec-oob of an unknown command', input: '{"exec-oob":"no-such","id":"o2"}', expect: [notFound('The command no-such has not been found', 'o2')] },
  { title: 'exec-oob not a string', input: '{"exec-oob":1}', expect: [err("QMP input member 'exec-oob' must be a string")] },
  { title: 'execute and exec-oob', input: '{"execute":"a","exec-oob":"b"}', expect: [err("QMP input member 'execute' clashes with 'exec-oob'")] },
  { title: 'exec-oob and execute', input: '{"exec-oob":"b","execute":"a"}', expect: [err("QMP input member 'execute' clashes with 'exec-oob'")] },
];

const compatMode: Step[] = [
  { title: 'qmp_capabilities', input: '{"execute":"qmp_capabilities"}', expect: [{ return: {} }] },
  {
    title: 'an unstable command under unstable-input=reject',
    input: '{"execute":"x-colo-lost-heartbeat","id":"c"}',
    expect: [notFound('Unstable command x-colo-lost-heartbeat disabled by policy', 'c')],
  },
  { title: 'its arguments are not even looked at', input: '{"execute":"x-colo-lost-heartbeat","arguments":{"x":1}}', expect: [notFound('Unstable command x-colo-lost-heartbeat disabled by policy')] },
];

let vm: MockVm;
let vmCompat: MockVm;
let qemu: RunningQemu | undefined;
let qemuCompat: RunningQemu | undefined;
const dir = tempDir();
const ourPath = join(dir, 'ours.sock');
const ourCompatPath = join(dir, 'ours-compat.sock');

beforeAll(async () => {
  const gen = await generateCodecs('qmp-wire-transcripts', exampleSchema);
  vm = mockVm(gen, { capabilities: ['oob'] });
  await vm.server.listen({ path: ourPath });
  vmCompat = mockVm(gen, { capabilities: ['oob'], compat: { deprecatedInput: 'reject', unstableInput: 'reject' } });
  await vmCompat.server.listen({ path: ourCompatPath });
  if (haveQemu) {
    qemu = await startQemu(2);
    qemuCompat = await startQemu(1, ['-compat', 'deprecated-input=reject,unstable-input=reject']);
  }
});

afterAll(async () => {
  await vm?.server.close();
  await vmCompat?.server.close();
  await qemu?.stop();
  await qemuCompat?.stop();
});

async function play(target: { path: string }, steps: Step[], check: (step: Step, got: unknown[]) => void): Promise<void> {
  const raw = await RawQmp.connect(target);
  try {
    const greeting = (await raw.greeting()) as { QMP: { capabilities: string[] } };
    expect(greeting.QMP.capabilities).toEqual(['oob']);
    for (const step of steps) {
      let got: unknown[];
      try {
        got = await raw.exchange(step.input);
      } catch (e) {
        throw new Error(`${step.title}: ${(e as Error).message}`);
      }
      check(step, got);
    }
  } finally {
    raw.close();
  }
}

const scenarios = (bigSize: number): [string, Step[], number][] => [
  ['negotiation mode, then command mode', [...negotiation, ...commandMode(bigSize)], 0],
  ['command mode with OOB', oobMode, 1],
];

describe('our server', () => {
  for (const [name, steps] of scenarios(TEN_MB)) {
    test(name, async () => {
      await play({ path: ourPath }, steps, (step, got) => expect({ step: step.title, got }).toEqual({ step: step.title, got: step.expect }));
    });
  }

  test('compat policy (-compat deprecated-input=reject,unstable-input=reject)', async () => {
    await play({ path: ourCompatPath }, compatMode, (step, got) => expect({ step: step.title, got }).toEqual({ step: step.title, got: step.expect }));
  });

  test('after all that, the connection still works', async () => {
    const raw = await RawQmp.connect({ path: ourPath });
    await raw.greeting();
    for (const step of [...negotiation, ...commandMode(TEN_MB)]) await raw.exchange(step.input);
    expect(await raw.exchange('{"execute":"query-version","id":"v"}')).toEqual([
      { return: { qemu: { major: 7, minor: 2, micro: 22 }, package: 'qapi-ts mock' }, id: 'v' },
    ]);
    raw.close();
  });

  test('a message in one-byte chunks', async () => {
    const raw = await RawQmp.connect({ path: ourPath });
    await raw.greeting();
    const text = '{"execute":"qmp_capabilities"}{"execute":"query-status","id":[1]}';
    for (const ch of text) {
      raw.send(ch);
      await new Promise((r) => setImmediate(r));
    }
    await raw.waitFor(2);
    expect(raw.received).toEqual([{ return: {} }, { return: { running: true, singlestep: false, status: 'running' }, id: [1] }]);
    raw.close();
  });

  test('the nesting limit (1024) is QEMU\'s', async () => {
    const raw = await RawQmp.connect({ path: ourPath });
    await raw.greeting();
    const ok = `{"execute":"a7","id":${'['.repeat(1023)}${']'.repeat(1023)}}`;
    const [reply] = await raw.exchange(ok);
    expect((reply as { error: { desc: string } }).error.desc).toBe('Expecting capabilities negotiation with \'qmp_capabilities\'');
    const tooDeep = `{"execute":"a8","id":${'['.repeat(1024)}`;
    expect(await raw.exchange(tooDeep + '\x1b')).toEqual([err('JSON nesting depth limit exceeded'), err("JSON parse error, stray '\x1b'")]);
    raw.close();
  });
});

describe('QEMU 7.2 gives the same replies', () => {
  for (const [name, steps, monitor] of scenarios(ONE_MB)) {
    (haveQemu ? test : test.skip)(name, async () => {
      await play({ path: (qemu as RunningQemu).paths[monitor] }, steps, (step, got) =>
        expect({ step: step.title, got }).toEqual({ step: step.title, got: step.expect }),
      );
    });
  }

  (haveQemu ? test : test.skip)('compat policy (-compat deprecated-input=reject,unstable-input=reject)', async () => {
    await play({ path: (qemuCompat as RunningQemu).paths[0] }, compatMode, (step, got) =>
      expect({ step: step.title, got }).toEqual({ step: step.title, got: step.expect }),
    );
  });
});
