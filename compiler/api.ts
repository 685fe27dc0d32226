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
export { generate, ALL_TARGETS, type GenerateOptions, type Target } from './emitters/generate.js';
export { emitJsonSchema } from './emitters/json-schema.js';
export { GENERATED_MARKER, isGeneratedText, type GeneratedFile } from './emitters/generated-file.js';
export { qmpExamples, type QmpExample, type QmpExampleMessage } from './analysis/qmp-examples.js';
// Importing a QEMU binary's schema (its query-qmp-schema reply) and cross-checking a schema against it.
export { qobjectJson } from './emitters/qobject-json.js';
export { parseQmpSchemaText, readSchemaInfo, QmpSchemaError } from './import/schema-info-reader.js';
export { schemaInfoToIr, IMPORT_DEFINES, NOT_IN_REPLY, type ImportOptions, type ImportResult } from './import/to-ir.js';
export { stripAbsent, generateImported } from './import/generate-imported.js';
export { probeQemu, probeQemuSync, QemuProbeError, type ProbeOptions, type ProbeResult } from './import/qemu-probe.js';
export { crossCheck, type CrossCheckResult, type CrossCheckSummary } from './import/cross-check.js';
// Linting: QEMU's relaxed rules and qapi-ts's own, on a compile result.
export { lintSchema, type LintInput, type LintResult } from './lint/lint.js';
export { defaultLintSettings, lintSettingsFromConfig, type LintSettings, type RuleSetting } from './lint/lint-settings.js';
export { LINT_RULES, ruleFor } from './lint/registry.js';
export type { LintLevel, LintRule } from './lint/rule.js';
