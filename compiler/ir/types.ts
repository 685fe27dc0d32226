/**
 * The IR: the resolved, checked schema as plain, immutable, JSON-ready data.
 * Every emitter reads only this. Its JSON form (`qapi-ts ir --format json`)
 * is versioned by `version`; README.md ("The IR") documents it. Order is
 * meaningful everywhere and matches QEMU's: modules in creation order,
 * definitions in definition order with implicit types just before their first
 * user, members in declaration order.
 */

export const IR_VERSION = 1 as const;

export interface IrLocation {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

/** An `'if'` condition as written. */
export type IrCondition =
  | string
  | { readonly all: readonly IrCondition[] }
  | { readonly any: readonly IrCondition[] }
  | { readonly not: IrCondition };

export interface IrFeature {
  readonly name: string;
  readonly if?: IrCondition;
  /** Description from the owning definition's `Features:` section. */
  readonly doc?: string;
}

export interface IrMember {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly if?: IrCondition;
  readonly features: readonly IrFeature[];
  /** Name of the type that declares the member (for base members, the base). */
  readonly definedIn: string;
  readonly location?: IrLocation;
  /** The member's `@name:` description. */
  readonly doc?: string;
}

export interface IrEnumValue {
  readonly name: string;
  readonly if?: IrCondition;
  readonly features: readonly IrFeature[];
  readonly location?: IrLocation;
  readonly doc?: string;
}

export interface IrBranch {
  readonly name: string;
  readonly type: string;
  readonly if?: IrCondition;
  /** True for union branches QEMU adds (type `q_empty`) for enum values the schema leaves out. */
  readonly implicit?: boolean;
  readonly location?: IrLocation;
  readonly doc?: string;
}

interface IrDefinitionBase {
  readonly name: string;
  /** Module name (see IrModule.name). */
  readonly module: string;
  readonly location?: IrLocation;
  readonly if?: IrCondition;
  readonly features: readonly IrFeature[];
  /** Index into IrSchema.docs of the definition's doc comment. */
  readonly doc?: number;
  /** Created by the compiler (`q_obj_*`, arrays, `q_empty`, `QType`), not written in the schema. */
  readonly implicit: boolean;
}

export interface IrBuiltin extends IrDefinitionBase {
  readonly kind: 'builtin';
  /** Introspection's json-type: string, number, int, boolean, null, value. */
  readonly jsonType: string;
}

export interface IrEnum extends IrDefinitionBase {
  readonly kind: 'enum';
  readonly values: readonly IrEnumValue[];
  readonly prefix?: string;
}

export interface IrArray extends IrDefinitionBase {
  readonly kind: 'array';
  readonly elementType: string;
}

export interface IrStruct extends IrDefinitionBase {
  readonly kind: 'struct';
  readonly base?: string;
  /** Members declared by this type. */
  readonly localMembers: readonly IrMember[];
  /** All members, base members first. */
  readonly members: readonly IrMember[];
}

export interface IrUnion extends IrDefinitionBase {
  readonly kind: 'union';
  readonly base: string;
  /** All members (the base's), the tag among them. */
  readonly members: readonly IrMember[];
  readonly tag: string;
  /** Explicit branches in schema order, then implicit ones in enum order. */
  readonly branches: readonly IrBranch[];
}

export interface IrAlternate extends IrDefinitionBase {
  readonly kind: 'alternate';
  readonly branches: readonly IrBranch[];
}

export interface IrCommand extends IrDefinitionBase {
  readonly kind: 'command';
  readonly argType?: string;
  readonly retType?: string;
  readonly gen: boolean;
  readonly successResponse: boolean;
  readonly boxed: boolean;
  readonly allowOob: boolean;
  readonly allowPreconfig: boolean;
  readonly coroutine: boolean;
}

export interface IrEvent extends IrDefinitionBase {
  readonly kind: 'event';
  readonly argType?: string;
  readonly boxed: boolean;
}

export type IrType = IrBuiltin | IrEnum | IrArray | IrStruct | IrUnion | IrAlternate;
export type IrDefinition = IrType | IrCommand | IrEvent;
export type IrDefinitionKind = IrDefinition['kind'];

export type IrModuleItem =
  | { readonly kind: 'include'; readonly module: string; readonly location: IrLocation }
  | { readonly kind: 'definition'; readonly name: string };

export interface IrModule {
  /** `./builtin`, or the file's path relative to the main schema's directory. */
  readonly name: string;
  readonly items: readonly IrModuleItem[];
}

export type IrDocSectionKind = 'Plain' | 'Member' | 'Feature' | 'Returns' | 'Errors' | 'Since' | 'Todo';

export interface IrDocSection {
  readonly kind: IrDocSectionKind;
  readonly text: string;
  /** For Member and Feature sections. */
  readonly name?: string;
  /** An undocumented member admitted by the `documentation-exceptions` pragma. */
  readonly stub?: boolean;
  readonly line: number;
}

export interface IrDoc {
  /** The definition it documents; absent for free-form blocks. */
  readonly symbol?: string;
  readonly location: IrLocation;
  readonly endLine: number;
  readonly body: string;
  /** Member descriptions in doc order, then stubs for undocumented members. */
  readonly args: readonly IrDocSection[];
  readonly features: readonly IrDocSection[];
  /** Sections other than body, args and features, in order. */
  readonly sections: readonly IrDocSection[];
  /** Every section in textual order. */
  readonly allSections: readonly IrDocSection[];
}

export interface IrPragmas {
  readonly docRequired: boolean;
  readonly commandNameExceptions: readonly string[];
  readonly commandReturnsExceptions: readonly string[];
  readonly documentationExceptions: readonly string[];
  readonly memberNameExceptions: readonly string[];
}

export interface IrSchema {
  readonly version: typeof IR_VERSION;
  readonly mainFile: string;
  readonly modules: readonly IrModule[];
  /** Every definition, predefined ones first, in QEMU's entity order. */
  readonly definitions: readonly IrDefinition[];
  readonly docs: readonly IrDoc[];
  readonly pragmas: IrPragmas;
  /** Distinct feature names, `deprecated` and `unstable` first, then in first-use order. */
  readonly featureNames: readonly string[];
}
