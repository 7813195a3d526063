// `tramontane eval`, run as users run it: a child process of cli/bin.js.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['cli/bin.js', 'eval', ...args], { input, encoding: 'utf8', cwd: process.cwd() });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('tramontane eval', () => {
  it('prints the JSON result of a YAQL expression', () => {
    expect(cli(['<% $.hosts.len() %>', '--context', '{"hosts":[1,2]}'])).toEqual({ code: 0, out: '2\n', err: '' });
  });
  it('reads the context from @file and renders Jinja', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    writeFileSync(join(dir, 'ctx.json'), '{"hosts": ["a", "b"]}');
    const r = cli(['{{ _.hosts | join(", ") }} up', '--context', `@${join(dir, 'ctx.json')}`]);
    expect(r).toEqual({ code: 0, out: '"a, b up"\n', err: '' });
  });
  it('exits 1 with the Mistral error and no stack trace', () => {
    const r = cli(['<% $.nope %>', '--context', '{}']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe("tramontane: Can not evaluate YAQL expression [expression=$.nope, error='nope']\n  <% $.nope %>\n     ^\n");
  });
  it('shows a caret under a syntax error', () => {
    const r = cli(['hosts: {{ _.a + }}']);
    expect(r.code).toBe(1);
    expect(r.err).toBe("tramontane: Syntax error 'unexpected 'end of print statement''.\n  hosts: {{ _.a + }}\n                  ^\n");
  });
  it('reports a bad --context clearly', () => {
    const r = cli(['<% 1 %>', '--context', '{oops']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^tramontane: --context: not valid JSON/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('--jsonl evaluates one line per input, in one process', () => {
    const input = [
      '{"expression": "<% $.a + 1 %>", "context": {"a": 1}}',
      '',
      '{"expression": "{{ _.b }}", "context": {"a": 1}}',
      'not json',
      '{"expression": "<% $.l.select($ * 2) %>", "context": {"l": [1, 2]}}',
    ].join('\n');
    const r = cli(['--jsonl'], input);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { result: 2 },
      { error: "Can not evaluate Jinja expression [expression={{ _.b }}, error='dict object' has no attribute 'b']" },
      { error: expect.stringMatching(/^invalid input line: /) },
      { result: [2, 4] },
    ]);
  });
  it('--help explains both modes', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--context <json>');
    expect(r.out).toContain('--jsonl');
    expect(r.out).toContain('{"result": ...}');
  });
});
