/**
 * YAQL engine unit tests: the Mistral seed expression, syntax error offsets, safety (no JS prototype access,
 * budgets), Mistral conventions (bare identifiers are strings, keyword args with `=>`), Python number semantics.
 * Expected values marked "yaql 2.0" were checked against the Python yaql 2.0.0 shipped with the Mistral 15 oracle.
 */
import { describe, expect, it } from 'vitest';
import {
  YaqlError, evaluateYaql, evaluateYaqlDetailed, parseYaql, type YaqlHostFunction,
} from '../../interpreter/expressions/yaql/index';

/** A realistic `nova.servers_list` result: several networks, fixed and floating addresses. */
function novaServers(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `6d8b0c3a-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `web-${i}`,
    status: 'ACTIVE',
    'OS-EXT-STS:vm_state': 'active',
    addresses: {
      [`tenant-net-${i % 2}`]: [
        { 'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01', version: 4, addr: `10.0.${i % 2}.${10 + i}`, 'OS-EXT-IPS:type': 'fixed' },
        { 'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01', version: 4, addr: `172.24.4.${100 + i}`, 'OS-EXT-IPS:type': 'floating' },
      ],
      public: [{ version: 4, addr: `203.0.113.${i}`, 'OS-EXT-IPS:type': 'fixed' }],
    },
  }));
}

const SEED =
  'task(get_hosts).result.select({ip => $.addresses.get($.addresses.keys().first()).where($.get("OS-EXT-IPS:type") = fixed).first().addr}).ip';

function errorOf(fn: () => unknown): YaqlError {
  try {
    fn();
  } catch (e) {
    if (e instanceof YaqlError) return e;
    throw e;
  }
  throw new Error('expected a YaqlError');
}

describe('Mistral seed expression', () => {
  it('extracts the fixed IP of the first network of every server', () => {
    const calls: unknown[][] = [];
    const task: YaqlHostFunction = (args) => {
      calls.push(args);
      return { result: novaServers(3) };
    };
    const ips = evaluateYaql(SEED, { data: {}, functions: { task } });
    expect(ips).toEqual(['10.0.0.10', '10.0.1.11', '10.0.0.12']);
    // the bare identifier get_hosts reached the host function as a string
    expect(calls).toEqual([['get_hosts']]);
  });

  it('projects 1,000 hosts quickly once warm', () => {
    const functions = { task: () => ({ result: novaServers(1000) }) };
    for (let i = 0; i < 5; i++) evaluateYaql(SEED, { data: {}, functions });
    const t0 = performance.now();
    const ips = evaluateYaql(SEED, { data: {}, functions }) as string[];
    const elapsed = performance.now() - t0;
    expect(ips).toHaveLength(1000);
    expect(ips[999]).toBe('10.0.1.1009');
    expect(elapsed).toBeLessThan(200);
  });
});

describe('Mistral conventions', () => {
  it('treats a bare identifier as a string literal', () => {
    expect(evaluateYaql('$.state = ERROR', { data: { state: 'ERROR' } })).toBe(true);
    expect(evaluateYaql('creating in $.states', { data: { states: ['creating', 'active'] } })).toBe(true);
  });

  it('passes `name => value` as keyword arguments to host functions', () => {
    const tasks: YaqlHostFunction = (args, kwargs) => ({ args, kwargs });
    expect(evaluateYaql('tasks(null, false, state => ERROR)', { data: null, functions: { tasks } })).toEqual({
      args: [null, false],
      kwargs: { state: 'ERROR' },
    });
  });

  it('reads a missing key as a KeyError (yaql 2.0), but get() and ?. are safe', () => {
    expect(errorOf(() => evaluateYaql('$.missing', { data: { a: 1 } })).pyType).toBe('KeyError');
    expect(evaluateYaql('$.get(missing, 7)', { data: { a: 1 } })).toBe(7);
    expect(evaluateYaql('$.a?.b', { data: { a: null } })).toBeNull();
  });

  it('does not iterate dicts unless iterableDicts is set', () => {
    const e = errorOf(() => evaluateYaql('$.select($)', { data: { a: 1, b: 2 } }));
    expect(e.pyType).toBe('NoMatchingMethodException');
    expect(e.message).toBe(`No method "select" for receiver {'a': 1, 'b': 2} matches supplied arguments`);
    expect(evaluateYaql('$.select($)', { data: { a: 1, b: 2 }, iterableDicts: true })).toEqual(['a', 'b']);
  });

  it('prints values with str() as yaql does (yaql 2.0)', () => {
    expect(evaluateYaql('str(null) + str(true) + str(false)', { data: null })).toBe('nulltruefalse');
    expect(evaluateYaql("str([1, 'a', null, 2.0])", { data: null })).toBe("(1, 'a', None, 2.0)");
    expect(evaluateYaql('str($)', { data: { a: [1, 2] } })).toBe("{'a': (1, 2)}");
  });

  it('follows Python int/float arithmetic (yaql 2.0)', () => {
    expect(evaluateYaql('3/2', { data: null })).toBe(1);
    expect(evaluateYaql('-3/2', { data: null })).toBe(-2);
    expect(evaluateYaql('3.0/2', { data: null })).toBe(1.5);
    expect(evaluateYaql('-7 mod 3', { data: null })).toBe(2);
    expect(evaluateYaqlDetailed('4.0/2', { data: null })).toEqual({ value: 2, pyType: 'float' });
    expect(evaluateYaqlDetailed('4/2', { data: null })).toEqual({ value: 2, pyType: 'int' });
  });

  it('returns sets as arrays and dicts as plain objects', () => {
    expect(evaluateYaql('set(1, 2, 2, 1)', { data: null })).toEqual([1, 2]);
    expect(evaluateYaql('{a => 1, 2 => b}', { data: null })).toEqual({ a: 1, '2': 'b' });
  });

  it('supports let, def, lambdas over $ and the -> pipe', () => {
    expect(evaluateYaql('let(inp => $) -> [1, 2, 3].select($ + $inp).reduce($1 * $2)', { data: 3 })).toBe(120);
    expect(evaluateYaql('def(sq, $*$) -> [1, 2, 3].select(sq($))', { data: null })).toEqual([1, 4, 9]);
  });
});

describe('syntax errors', () => {
  it('locates an unexpected token', () => {
    const e = errorOf(() => parseYaql('$.a + )'));
    expect(e.pyType).toBe('YaqlGrammarException');
    expect(e.offset).toBe(6);
    expect(e.message).toBe("Parse error: unexpected ')' at position 6 of expression '$.a + )'");
  });

  it('reports an unexpected end at the end of the text', () => {
    const e = errorOf(() => parseYaql('$.a.select($ * 2'));
    expect(e.pyType).toBe('YaqlGrammarException');
    expect(e.message).toBe('Parse error: unexpected end of statement');
    expect(e.offset).toBe(16);
  });

  it('locates an illegal character', () => {
    const e = errorOf(() => parseYaql('$.a # 1'));
    expect(e.pyType).toBe('YaqlLexicalException');
    expect(e.offset).toBe(4);
    expect(e.message).toBe("Lexical error: illegal character '#' at position 4");
  });
});

describe('safety', () => {
  it('never exposes JS prototypes or methods', () => {
    expect(errorOf(() => evaluateYaql('$.constructor', { data: { a: 1 } })).pyType).toBe('KeyError');
    expect(errorOf(() => evaluateYaql("$['__proto__']", { data: { a: 1 } })).pyType).toBe('KeyError');
    expect(errorOf(() => evaluateYaql('$.a.valueOf()', { data: { a: 1 } })).pyType).toBe('NoMethodRegisteredException');
    expect(errorOf(() => evaluateYaql('toString()', { data: {} })).message).toBe('Unknown function "toString"');
    expect(errorOf(() => evaluateYaql('$.__proto__', { data: {} })).pyType).toBe('YaqlLexicalException');
    expect(evaluateYaql('$.containsKey(constructor)', { data: {} })).toBe(false);
  });

  it('builds dicts with a __proto__ key as ordinary data', () => {
    const out = evaluateYaql("{'__proto__' => {polluted => 1}}", { data: null }) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('stops a runaway query with the step budget', () => {
    const t0 = Date.now();
    const e = errorOf(() => evaluateYaql('range(0, 100000000).select($*2)', { data: null }));
    expect(e.pyType).toBe('BudgetExceededException');
    expect(e.message).toBe('Expression evaluation exceeded the limit of 200000 steps (function calls and iterations)');
    expect(Date.now() - t0).toBeLessThan(4500);
  });

  it('stops a huge string with the size budget', () => {
    const e = errorOf(() => evaluateYaql("'x' * 100000000", { data: null }));
    expect(e.message).toBe('Expression built a value of 100000000 elements/characters, over the limit of 1000000');
  });

  it('takes budgets per call', () => {
    expect(errorOf(() => evaluateYaql('range(1000).sum()', { data: null, limits: { maxSteps: 100 } })).message)
      .toContain('limit of 100 steps');
    expect(evaluateYaql('range(1000).sum()', { data: null })).toBe(499500);
    expect(errorOf(() => evaluateYaql("'ab' * 10", { data: null, limits: { maxSize: 5 } })).message)
      .toContain('over the limit of 5');
  });

  it('turns unbounded recursion into a clear error', () => {
    expect(errorOf(() => evaluateYaql('def(f, f($)) -> f(1)', { data: null })).pyType).toMatch(/RecursionError|BudgetExceeded/);
  });
});
