import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defOf, errorsOf } from './helpers';

describe('YAML reading', () => {
  it('locates a syntax error at the line the parser stops (seed example broken at "-- Thanks")', () => {
    const text = readFileSync('/work/shared/examples/upgrade_kernel_seed_broken.yaml', 'utf8');
    // Mistral/PyYAML (oracle) reports: line 38, column 9, "could not find expected ':'".
    expect(errorsOf(text)).toEqual([
      "wf.yaml:38:9: Definition could not be parsed: Implicit keys need to be on a single line (could not find expected ':'; check the indentation)",
    ]);
  });

  it('reports a bad indentation with its position', () => {
    expect(errorsOf("version: '2.0'\nwf:\n  tasks:\n    t1:\n      action: std.noop\n     foo: 1\n")).toEqual([
      'wf.yaml:6:6: Definition could not be parsed: All mapping items must start at the same column',
    ]);
  });

  it('reports duplicate keys instead of silently keeping the last one', () => {
    expect(errorsOf("version: '2.0'\nwf:\n  tasks:\n    t1:\n      action: std.noop\n    t1:\n      action: std.noop\n")).toEqual([
      'wf.yaml:6:5: Definition could not be parsed: Map keys must be unique',
    ]);
  });

  it('does not expand aliases or scalar anchors: they stay text, like Mistral (checked with its safe_yaml loader)', () => {
    const def = defOf(
      "version: '2.0'\nwf:\n  tasks:\n    t1:\n      action: std.noop\n      publish:\n        a: &anc foo\n        b: *foo\n        c: &x [1, 2]\n",
    );
    expect(def.workflows.wf.tasks.t1.publish).toEqual({ a: '&anc foo', b: '*foo', c: '&x [1, 2]' });
  });

  it('rejects an anchor on a block mapping with an explanation (a parse error in Mistral too)', () => {
    expect(errorsOf("version: '2.0'\nwf:\n  vars: &v\n    x: 1\n  tasks:\n    t1:\n      action: std.noop\n")).toEqual([
      "wf.yaml:3:9: Definition could not be parsed: YAML anchors are not supported: Mistral reads '&v' as plain text, so the block below it cannot be parsed; write the values out instead",
    ]);
  });

  it('reads YAML 1.1 scalars like PyYAML: yes/on are booleans, y/n and 1e3 are strings', () => {
    const def = defOf(
      "version: '2.0'\nwf:\n  vars:\n    a: yes\n    b: off\n    c: y\n    d: 1e3\n    e: 1.5e3\n  tasks:\n    t1:\n      action: std.noop\n      keep-result: no\n",
    );
    expect(def.workflows.wf.vars).toEqual({ a: true, b: false, c: 'y', d: '1e3', e: 1500 });
    expect(def.workflows.wf.tasks.t1.keepResult).toBe(false);
  });

  it('explains a bare "*" value (an alias in YAML, text in Mistral)', () => {
    expect(errorsOf("version: '2.0'\nwf:\n  vars:\n    cron: * * * *\n  tasks:\n    t1:\n      action: std.noop\n")[0]).toBe(
      "wf.yaml:4:11: Definition could not be parsed: Alias cannot be an empty string (Mistral reads '*', '&' and '@' at the start of a value as text: quote such values)",
    );
  });
});
