/**
 * The programmatic API (what `import ... from 'qapi-ts'` gives): compile a
 * schema to IR and diagnostics without the CLI, and the formatters.
 */
export { compile, type CompileOptions, type CompileResult } from './compile.js';
export type { Diagnostic, DiagnosticLocation, Severity } from './diagnostics/diagnostic.js';
export { formatQemuError } from './diagnostics/format-qemu.js';
export { formatHuman } from './diagnostics/format-human.js';
export { emitQemuTestDump } from './emitters/qemu-test-dump.js';
export * from './ir/types.js';
export { emitIntrospection, introspectionJson } from './emitters/introspect.js';
export { evaluateCondition, describeCondition, type ConditionDefines } from './ir/evaluate-condition.js';
