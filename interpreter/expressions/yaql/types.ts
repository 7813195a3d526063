/**
 * Function definitions and parameter types of the YAQL runtime (the counterpart of yaql's `specs` and
 * `yaqltypes`): how a library function declares its parameters so that overload resolution can pick it.
 */
import type { YaqlAst } from './ast';
import type { Context } from './context';
import type { Engine } from './engine';

/** yaql's `utils.NO_VALUE`: an omitted argument, or a default meaning "not given". */
export const NO_VALUE: unique symbol = Symbol('NoValue');
export type NoValue = typeof NO_VALUE;

/** Marks a required parameter (no default value). */
export const NO_DEFAULT: unique symbol = Symbol('NoDefault');

/** How a parameter accepts its argument. */
export interface PType {
  /** Name used for specialization (`sequence` is more specific than `iterable`, which is more specific than `any`). */
  base: string;
  nullable: boolean;
  /** Lazy kinds receive the unevaluated expression. */
  lazy?: 'lambda' | 'expr' | 'mappingRule';
  /** Lambda that must be a method call (the right side of `.`). */
  lambdaMethod?: boolean;
  /** Lambda whose first argument is the context to evaluate in (`->`, regex selectors). */
  lambdaWithContext?: boolean;
  /** The argument must be written as a literal: a bare identifier (`keyword`) or a string literal (`stringConst`). */
  constKind?: 'keyword' | 'keywordNode' | 'stringConst';
  /** Checks a non-null evaluated value. */
  check?: (v: unknown, engine: Engine) => boolean;
  /** Converts an accepted value (for example to apply the iterator limit). */
  convert?: (v: unknown, engine: Engine) => unknown;
}

export interface Param {
  /** Name as used in keyword arguments (camelCase, like yaql's CamelCaseConvention). */
  name: string;
  type: PType;
  default: unknown;
}

/** What a library function receives besides its arguments. */
export interface CallInfo {
  /** A fresh child of the calling context (yaql passes one to every function). */
  ctx: Context;
  engine: Engine;
  /** Calls another YAQL function by name with evaluated arguments (yaql's Delegate). */
  delegate(name: string, args: unknown[], opts?: { method?: boolean; kwargs?: Record<string, unknown> }): unknown;
}

export type Impl = (c: CallInfo, args: unknown[], kwargs: Record<string, unknown>) => unknown;

export interface FnDef {
  name: string;
  /** Positional parameters; for a method the first one is the receiver. */
  params: Param[];
  /** Keyword-only parameters. */
  kwOnly: Param[];
  varargs: PType | null;
  varkw: PType | null;
  isFunction: boolean;
  isMethod: boolean;
  /** `=>` arguments are passed as mapping values, not keyword arguments. */
  noKwargs: boolean;
  /** Some parameter is lazy (computed at registration). */
  hasLazy?: boolean;
  impl: Impl;
}

/** An evaluated `a => b` passed to a function declared with `noKwargs`. */
export class MappingRuleValue {
  constructor(
    readonly source: unknown,
    readonly destination: unknown,
  ) {}
}

/** A lazily evaluated `a => b` (yaqltypes.MappingRule). */
export interface LazyMappingRule {
  source(): unknown;
  destination(): unknown;
}

/** A YAQL lambda as a first-class value (delegates, `lambda()`, `def`). */
export class YLambda {
  constructor(
    readonly node: YaqlAst | null,
    readonly fn: (args: unknown[], kwargs: Record<string, unknown>) => unknown,
  ) {}
}
