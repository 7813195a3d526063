/** Python-style argument binding for host functions, with Python's error messages. */
import { PyError } from './pyops';
import { dictHas } from './pyvalues';

/** A parameter: its name, and its default when it is optional. */
export type Param = [name: string, defaultValue?: unknown] | string;

/**
 * Binds positional and keyword arguments to `params` like a Python signature `fn(a, b=None, ...)`. Returns the
 * values in parameter order; throws `TypeError` (`fn() missing 1 required positional argument: 'a'`, `fn() got an
 * unexpected keyword argument 'x'`, `fn() takes 2 positional arguments but 3 were given`).
 */
export function bindArgs(fname: string, params: Param[], args: unknown[], kwargs: Record<string, unknown>): unknown[] {
  const norm = params.map((p) => (typeof p === 'string' ? ([p] as [string]) : p));
  if (args.length > norm.length) {
    const required = norm.filter((p) => p.length === 1).length;
    const takes = required === norm.length ? `${norm.length}` : `from ${required} to ${norm.length}`;
    throw new PyError('TypeError', `${fname}() takes ${takes} positional argument${norm.length === 1 && required === norm.length ? '' : 's'} but ${args.length} were given`);
  }
  const out: unknown[] = [];
  const missing: string[] = [];
  norm.forEach((p, i) => {
    if (i < args.length) {
      if (dictHas(kwargs, p[0])) throw new PyError('TypeError', `${fname}() got multiple values for argument '${p[0]}'`);
      out.push(args[i]);
    } else if (dictHas(kwargs, p[0])) out.push(kwargs[p[0]]);
    else if (p.length > 1) out.push(p[1]);
    else missing.push(p[0]);
  });
  for (const k of Object.keys(kwargs)) {
    if (!norm.some((p) => p[0] === k)) throw new PyError('TypeError', `${fname}() got an unexpected keyword argument '${k}'`);
  }
  if (missing.length) {
    const names = missing.map((m) => `'${m}'`);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    throw new PyError('TypeError', `${fname}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`);
  }
  return out;
}
