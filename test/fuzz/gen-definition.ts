/** Random Mistral v2 workflow definitions from scratch: a few tasks wired by transitions, with random clauses. */
import YAML from 'yaml';
import type { Rng } from './rng';
import { randomExpression } from './gen-expression';
import { randomValue } from './gen-data';

const ACTIONS = ['std.echo output=<% $.a %>', 'std.echo output="hi"', 'std.noop', 'std.fail', 'std.test_dict size=2 key_prefix=k', 'std.echo output={{ _.a }}', 'std.echo', 'std.async_noop', 'x.y'];

function randomTask(rng: Rng, names: string[]): Record<string, unknown> {
  const t: Record<string, unknown> = {};
  if (rng.chance(0.85)) t.action = rng.pick(ACTIONS);
  else t.workflow = rng.pick(['wf', 'sub', 'missing']);
  if (rng.chance(0.3)) t.input = { output: rng.chance(0.5) ? randomExpression(rng) : randomValue(rng, 2) };
  if (rng.chance(0.5)) t.publish = { [rng.pick(['a', 'b', 'r'])]: rng.chance(0.7) ? randomExpression(rng) : randomValue(rng, 1) };
  const next = () => (rng.chance(0.6) ? rng.pick(names) : rng.chance(0.5) ? { [rng.pick(names)]: randomExpression(rng) } : rng.pick(['fail', 'succeed', 'noop', 'pause', 'nowhere']));
  for (const clause of ['on-success', 'on-error', 'on-complete']) {
    if (rng.chance(0.3)) t[clause] = rng.chance(0.5) ? [next()] : next();
  }
  if (rng.chance(0.2)) t['with-items'] = rng.pick(['x in <% [1, 2, 3] %>', 'x in <% $.a %>', 'x in [1, 2]', 'x in {{ _.a }}', 'bad', randomExpression(rng)]);
  if (rng.chance(0.1)) t.concurrency = rng.pick([1, 2, 0, -1, '<% 2 %>', 'x']);
  if (rng.chance(0.15)) t.retry = rng.chance(0.7) ? { count: rng.pick([1, 2, 0, -1, '<% 2 %>']), delay: rng.pick([0, 1, '<% 0 %>']) } : rng.pick(['count=2 delay=0', 'x']);
  if (rng.chance(0.1)) t.join = rng.pick(['all', 'one', 1, 2, 0, 'x']);
  if (rng.chance(0.1)) t['wait-before'] = rng.pick([0, 1, '<% 0 %>', -1]);
  if (rng.chance(0.05)) t.timeout = rng.pick([1, 0, '<% 1 %>']);
  if (rng.chance(0.05)) t['keep-result'] = rng.pick([true, false, 'x']);
  if (rng.chance(0.05)) t['safe-rerun'] = rng.pick([true, false, 1]);
  if (rng.chance(0.05)) t[rng.pick(['publish-on-error', 'requires', 'target', 'pause-before', 'bogus'])] = randomValue(rng, 1);
  return t;
}

/** A random definition text: one or two workflows (sometimes reverse), or a workbook. */
export function randomDefinition(rng: Rng): string {
  const names = Array.from({ length: rng.int(1, 6) }, (_, i) => `t${i}`);
  const tasks: Record<string, unknown> = {};
  for (const n of names) tasks[n] = randomTask(rng, names);
  const wf: Record<string, unknown> = { tasks };
  if (rng.chance(0.5)) wf.input = rng.pick([['a'], [{ a: 1 }], ['a', { b: null }], [], 'a', [{ a: 1, b: 2 }]]);
  if (rng.chance(0.5)) wf.output = { out: randomExpression(rng) };
  if (rng.chance(0.2)) wf.vars = { v: randomValue(rng, 1) };
  if (rng.chance(0.1)) wf.type = rng.pick(['reverse', 'direct', 'sideways']);
  if (rng.chance(0.1)) wf['task-defaults'] = { retry: { count: 1, delay: 0 }, 'on-error': ['t0'] };
  const sub = { input: ['x'], tasks: { s: { action: 'std.echo output=<% $.x %>', publish: { r: '<% task().result %>' } } } };
  const doc: Record<string, unknown> = rng.chance(0.9) ? { version: rng.pick(['2.0', '2.0', 2, '1.0']) } : {};
  if (rng.chance(0.15)) {
    Object.assign(doc, { name: 'wb', workflows: { wf, sub } });
  } else {
    doc.wf = wf;
    if (rng.chance(0.3)) doc.sub = sub;
  }
  return YAML.stringify(doc, { lineWidth: 0 });
}
