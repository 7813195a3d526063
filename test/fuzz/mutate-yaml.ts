/**
 * Mutations of Mistral YAML definitions, at the text level (truncate, delete/duplicate/swap lines, break
 * indentation, odd characters, huge values, deep nesting, anchors and alias bombs) and at the tree level (delete,
 * duplicate, swap or retype keys, swap in random expressions). Each returns new text.
 */
import YAML from 'yaml';
import type { Rng } from './rng';
import { randomExpression } from './gen-expression';
import { randomValue } from './gen-data';

const ODD = ['\t', '\u0000', '\uFEFF', '\u202E', '\r', '\u2028', '\u00a0', '%', '<%', '%>', '{{', '}}', '{%', '"', "'", ':', '- ', '#', '&a ', '*a', '!!', '!!binary ', '|', '>', '\\', 'é', '😀', '[', ']', '{', '}', ',', '? ', '---\n', '...\n', '@', '`'];
const KEYWORDS = [
  'version', 'tasks', 'input', 'output', 'output-on-error', 'vars', 'type', 'task-defaults', 'action', 'workflow', 'publish',
  'publish-on-error', 'on-success', 'on-error', 'on-complete', 'with-items', 'concurrency', 'retry', 'join', 'requires',
  'wait-before', 'wait-after', 'timeout', 'pause-before', 'keep-result', 'safe-rerun', 'target', 'base', 'base-input',
  'workflows', 'actions', 'name', 'description', 'tags', 'count', 'delay', 'break-on', 'continue-on', 'next', 'fail', 'succeed', 'pause', 'noop',
];

function lines(text: string): string[] {
  return text.split('\n');
}

function hugeValue(rng: Rng): string {
  switch (rng.int(0, 4)) {
    case 0:
      return 'x'.repeat(rng.pick([1000, 100_000, 100_000, 1_000_000]));
    case 1:
      return '['.repeat(rng.pick([50, 500, 2000])) + ']'.repeat(rng.pick([0, 50, 500, 2000]));
    case 2:
      return '{a: '.repeat(rng.pick([50, 500, 1000])) + '1' + '}'.repeat(rng.pick([0, 50, 500, 1000]));
    case 3:
      return `"<% ${'('.repeat(rng.pick([10, 500, 5000]))}1${')'.repeat(rng.pick([10, 500, 5000]))} %>"`;
    default:
      return `"{{ ${'['.repeat(rng.pick([10, 500, 3000]))}1${']'.repeat(rng.pick([10, 500, 3000]))} }}"`;
  }
}

const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
];

/** One text-level mutation. */
export function mutateText(rng: Rng, text: string, donors: string[]): string {
  const ls = lines(text);
  const at = rng.int(0, Math.max(0, ls.length - 1));
  switch (rng.int(0, 11)) {
    case 0:
      return text.slice(0, rng.int(0, text.length));
    case 1:
      ls.splice(at, 1);
      return ls.join('\n');
    case 2:
      ls.splice(at, 0, ls[at] ?? '');
      return ls.join('\n');
    case 3: {
      const other = rng.int(0, ls.length - 1);
      [ls[at], ls[other]] = [ls[other], ls[at]];
      return ls.join('\n');
    }
    case 4: {
      const l = ls[at] ?? '';
      ls[at] = rng.chance(0.5) ? ' '.repeat(rng.int(1, 3)) + l : rng.chance(0.5) ? l.replace(/^ {1,3}/, '') : '\t' + l.trimStart();
      return ls.join('\n');
    }
    case 5: {
      const pos = rng.int(0, text.length);
      return text.slice(0, pos) + rng.pick(ODD) + text.slice(pos);
    }
    case 6: {
      const l = ls[at] ?? '';
      const colon = l.indexOf(': ');
      ls[at] = colon >= 0 ? l.slice(0, colon + 2) + hugeValue(rng) : l + hugeValue(rng);
      return ls.join('\n');
    }
    case 7: {
      // an anchor on one value, aliases elsewhere (maybe before it, maybe recursive)
      const l = ls[at] ?? '';
      const colon = l.indexOf(': ');
      if (colon >= 0) ls[at] = `${l.slice(0, colon + 2)}&x ${l.slice(colon + 2)}`;
      const other = rng.int(0, ls.length - 1);
      const o = ls[other] ?? '';
      const c2 = o.indexOf(': ');
      ls[other] = c2 >= 0 ? `${o.slice(0, c2 + 2)}*x` : `${o} *x`;
      return ls.join('\n');
    }
    case 8:
      return (rng.chance(0.5) ? ALIAS_BOMB.join('\n') + '\n' : '') + text + (rng.chance(0.5) ? '\n' + ALIAS_BOMB.join('\n') : '');
    case 9: {
      const donor = lines(rng.pick(donors));
      ls.splice(at, 0, ...donor.slice(rng.int(0, donor.length - 1)).slice(0, rng.int(1, 6)));
      return ls.join('\n');
    }
    case 10: {
      const l = ls[at] ?? '';
      ls[at] = l.replace(/[A-Za-z_-]+(?=:)/, rng.pick(KEYWORDS));
      return ls.join('\n');
    }
    default: {
      const l = ls[at] ?? '';
      const colon = l.indexOf(': ');
      const v = rng.pick(['null', '~', '[]', '{}', '0', '-1', 'true', '1.5e300', '"<% $ %>"', '"{{ _ }}"', "''", '!!str 3', '2001-12-14']);
      ls[at] = colon >= 0 ? l.slice(0, colon + 2) + v : `${l} ${v}`;
      return ls.join('\n');
    }
  }
}

type Node = unknown;

function containers(node: Node, out: (Record<string, unknown> | unknown[])[] = [], depth = 0): (Record<string, unknown> | unknown[])[] {
  if (depth > 12 || node === null || typeof node !== 'object') return out;
  out.push(node as Record<string, unknown> | unknown[]);
  for (const v of Object.values(node as object)) containers(v, out, depth + 1);
  return out;
}

/** One tree-level mutation (parses with the `yaml` package; text that does not parse comes back unchanged). */
export function mutateTree(rng: Rng, text: string): string {
  let doc: Node;
  try {
    doc = YAML.parse(text, { maxAliasCount: 100, uniqueKeys: false });
  } catch {
    return text;
  }
  const all = containers(doc);
  if (all.length === 0) return text;
  const target = rng.pick(all);
  const keys = Object.keys(target);
  const key = keys.length ? rng.pick(keys) : '0';
  const obj = target as Record<string, unknown>;
  switch (rng.int(0, 6)) {
    case 0:
      if (Array.isArray(target)) target.splice(Number(key), 1);
      else delete obj[key];
      break;
    case 1:
      if (Array.isArray(target)) target.push(target[Number(key)]);
      else obj[rng.pick(KEYWORDS)] = obj[key];
      break;
    case 2: {
      const other = keys.length ? rng.pick(keys) : key;
      [obj[key], obj[other]] = [obj[other], obj[key]];
      break;
    }
    case 3:
      obj[key] = randomValue(rng, 2);
      break;
    case 4:
      obj[key] = randomExpression(rng);
      break;
    case 5:
      obj[key] = rng.pick(['std.echo output=<% $ %>', 'std.noop', 'std.fail', 'std.test_dict size=3', 'no.such_action', 'std.echo', 'std.sleep seconds=0', 'std.echo output={{ _ }} x=1']);
      break;
    default:
      if (!Array.isArray(target)) obj[rng.pick(KEYWORDS)] = rng.chance(0.5) ? randomExpression(rng) : randomValue(rng, 2);
  }
  try {
    return YAML.stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
  } catch {
    return text;
  }
}

/** A definition mutated 1–3 times, text and tree mutations mixed. */
export function mutateDefinition(rng: Rng, text: string, donors: string[]): string {
  let out = text;
  for (let n = rng.int(1, 3); n > 0; n--) out = rng.chance(0.6) ? mutateText(rng, out, donors) : mutateTree(rng, out);
  return out;
}
