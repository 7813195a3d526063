/**
 * Mistral's expression functions (entry point `mistral.expression.functions`), for both languages: `task()`,
 * `tasks()`, `execution()`, `env()`, `global()` and `uuid()` delegate to the engine (`ctx.functions`); `json_dump`,
 * `json_parse`, `yaml_dump`, `yaml_parse` and the legacy `json_pp` are implemented here. Each function receives the
 * data context implicitly, as in Mistral (in Jinja they are globals bound to `_`, and filters whose input is the
 * context).
 */
import { parseDocument, stringify, visit, Scalar } from 'yaml';
import { bindArgs, type Param } from './pyargs';
import { PyError } from './pyops';
import { pyJsonDumps, toPlain } from './pyjson';
import { dictHas, isDict } from './pyvalues';
import type { MistralFunctions } from './types';

/** One Mistral function: its Python signature after `context`, and its implementation. */
interface MistralFunctionDef {
  params: Param[];
  impl(context: unknown, values: unknown[], fns: MistralFunctions): unknown;
}

function engineFunction<K extends keyof MistralFunctions>(fns: MistralFunctions, name: K): NonNullable<MistralFunctions[K]> {
  const f = fns[name];
  if (typeof f !== 'function') {
    throw new PyError('RuntimeError', `${name}() is not available here: the engine did not provide it for this evaluation`);
  }
  return f.bind(fns) as NonNullable<MistralFunctions[K]>;
}

function contextKey(context: unknown, key: string): unknown {
  if (isDict(context) && dictHas(context, key)) return context[key];
  throw new PyError('KeyError', `'${key}'`);
}

/** Python `yaml.safe_dump(data, default_flow_style=False)`: block style, sorted keys, no aliases. */
export function yamlDump(data: unknown): string {
  const plain = toPlain(data);
  const text = stringify(plain, { sortMapEntries: true, indentSeq: false, aliasDuplicateObjects: false, lineWidth: 80, singleQuote: true });
  return plain === null || typeof plain !== 'object' ? `${text}...\n` : text;
}

/** Hardened YAML load: YAML 1.1 scalars like PyYAML, anchors/aliases are not expanded (an alias stays `*name`). */
export function yamlParse(text: unknown): unknown {
  if (typeof text !== 'string') throw new PyError('AttributeError', `'${text === null ? 'NoneType' : typeof text}' object has no attribute 'read'`);
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  if (doc.errors.length) throw new PyError('YAMLError', doc.errors[0].message.split('\n')[0]);
  visit(doc, {
    Alias: (_key, node) => new Scalar(`*${node.source}`),
  });
  const walk = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), walk(x)]));
    if (v instanceof Set) return [...v].map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(doc.toJS({ maxAliasCount: -1 }));
}

/** Python `json.loads`. */
export function jsonParse(text: unknown): unknown {
  if (typeof text !== 'string') {
    throw new PyError('TypeError', `the JSON object must be str, bytes or bytearray, not ${text === null ? 'NoneType' : Array.isArray(text) ? 'list' : typeof text === 'object' ? 'dict' : typeof text === 'number' ? 'int' : 'bool'}`);
  }
  try {
    return JSON.parse(text.replace(/\bNaN\b|-?\bInfinity\b/g, 'null'));
  } catch (e) {
    throw new PyError('JSONDecodeError', `Expecting value: ${(e as Error).message}`);
  }
}

const FUNCTIONS: Record<string, MistralFunctionDef> = {
  env: {
    params: [],
    impl: (context, _v, fns) => (typeof fns.env === 'function' ? fns.env() : contextKey(context, '__env')),
  },
  execution: { params: [], impl: (_c, _v, fns) => engineFunction(fns, 'execution')() },
  executions: {
    params: [['id', null], ['root_execution_id', null], ['state', null], ['from_time', null], ['to_time', null]],
    impl: () => {
      throw new PyError('RuntimeError', 'executions() is not supported by Tramontane');
    },
  },
  global: { params: ['var_name'], impl: (_c, [name], fns) => engineFunction(fns, 'global')(String(name)) },
  json_dump: { params: ['data'], impl: (_c, [data]) => pyJsonDumps(data, { indent: 4 }) },
  json_parse: { params: ['data'], impl: (_c, [data]) => jsonParse(data) },
  json_pp: {
    params: [['data', null]],
    impl: (context, [data]) => pyJsonDumps(data || context, { indent: 4 }).replace(/\\n/g, '\n').replace(/ \n/g, '\n'),
  },
  task: {
    params: [['task_name', null]],
    impl: (_c, [name], fns) => engineFunction(fns, 'task')(name === null || name === undefined ? null : String(name)),
  },
  tasks: {
    params: [['workflow_execution_id', null], ['recursive', false], ['state', null], ['flat', false]],
    impl: (_c, [id, recursive, state, flat], fns) =>
      engineFunction(fns, 'tasks')({
        workflowExecutionId: (id as string | null) ?? null,
        recursive: !!recursive,
        state: (state as string | null) ?? null,
        flat: !!flat,
      }),
  },
  uuid: { params: [], impl: (_c, _v, fns) => engineFunction(fns, 'uuid')() },
  yaml_dump: { params: ['data'], impl: (_c, [data]) => yamlDump(data) },
  yaml_parse: { params: ['data'], impl: (_c, [data]) => yamlParse(data) },
};

/** Names of Mistral's expression functions. */
export const MISTRAL_FUNCTION_NAMES: readonly string[] = Object.keys(FUNCTIONS);

/**
 * Calls Mistral function `name` with the data context `context` and the call's arguments, binding them like the
 * Python signature (`task_(context, task_name=None)`): wrong arguments give Python's `TypeError` text, or what
 * `badArguments` makes of it (yaql reports `No function "x" matches supplied arguments` instead).
 */
export function callMistralFunction(
  name: string,
  context: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
  fns: MistralFunctions = {},
  badArguments?: (error: Error) => Error,
): unknown {
  const def = FUNCTIONS[name];
  let values: unknown[];
  try {
    values = bindArgs(`${name}_`, ['context', ...def.params], [context, ...args], kwargs);
  } catch (e) {
    throw badArguments && e instanceof Error ? badArguments(e) : e;
  }
  const result = def.impl(values[0], values.slice(1), fns);
  return result === undefined ? null : result;
}
