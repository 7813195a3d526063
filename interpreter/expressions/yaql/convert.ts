/**
 * Output conversion (yaql's `#finalize` / `convert_output_data`): YAQL values become plain JSON-like JS values.
 */
import type { Engine } from './engine';
import { CollectionTooLarge } from './limits';
import { PyFloat, YDict, YIter, YReiterable, YSet, dictEntries, isPlainObject, pyStr } from './values';

/** The JSON object key for a dict key (as Python's json module writes non-string keys). */
function outputKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k === null || k === undefined) return 'null';
  if (k === true) return 'true';
  if (k === false) return 'false';
  return pyStr(k);
}

/**
 * Converts a YAQL value into plain data: dicts → objects (own properties only), tuples/sets/iterators → arrays,
 * `PyFloat` → number. With `limit`, applies the engine's iterator limit like yaql's finalizer; always applies the
 * size budget to materialized collections.
 */
export function toPlain(v: unknown, engine: Engine, limit = false): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    default:
      break;
  }
  if (v instanceof PyFloat) return v.v;
  const max = limit ? engine.limitIterators : -1;
  const seq = (items: Iterable<unknown>, sized: number | null): unknown[] => {
    if (sized !== null && max >= 0 && sized > max) throw CollectionTooLarge(max);
    const out: unknown[] = [];
    for (const x of items) {
      if (max >= 0 && out.length >= max) throw CollectionTooLarge(max);
      out.push(toPlain(x, engine, limit));
      if (out.length > engine.maxSize) engine.checkSize(out.length);
    }
    return out;
  };
  if (Array.isArray(v)) return seq(v, v.length);
  if (v instanceof YSet) return seq(v.values(), v.size);
  if (v instanceof YIter || v instanceof YReiterable) return seq(v, null);
  if (v instanceof YDict || isPlainObject(v)) {
    const entries = dictEntries(v);
    if (max >= 0 && entries.length > max) throw CollectionTooLarge(max);
    const out: Record<string, unknown> = {};
    for (const [k, x] of entries) {
      Object.defineProperty(out, outputKey(k), {
        value: toPlain(x, engine, limit), enumerable: true, writable: true, configurable: true,
      });
    }
    return out;
  }
  return pyStr(v);
}
