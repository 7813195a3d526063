/**
 * Scale: a sequential chain of 1,000 tasks. Each event (one task completing, the next one starting) must cost about
 * the same whatever the position in the chain: no work that grows with the number of tasks already run.
 */
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../interpreter/spec';
import { describeExecution, handleEvent, startExecution, type Step } from '../../interpreter/engine';
import { fakeHost } from './support/fake-host';

const N = 1_000;

function chainYaml(n: number): string {
  const lines = ["version: '2.0'", 'wf:', '  output:', '    last: <% $.step %>', '  tasks:'];
  for (let k = 0; k < n; k++) {
    lines.push(`    t${k}:`, '      action: std.echo output=<% $.get(step, -1) + 1 %>', '      publish: {step: <% task().result %>}');
    if (k + 1 < n) lines.push(`      on-success: [t${k + 1}]`);
  }
  return lines.join('\n') + '\n';
}

/** Runs the chain to its end, echoing each action's input back; returns the last step and per-event times (ms). */
function runChain(n: number): { step: Step; times: number[]; total: number; finished: boolean } {
  const definition = loadDefinition(chainYaml(n), 'chain.yaml');
  const host = fakeHost();
  const t0 = performance.now();
  let step = startExecution({ definition, workflow: 'wf', input: {}, params: {}, executionId: 'chain' }, host);
  const times: number[] = [];
  let finished = false;
  for (let k = 0; k < n; k++) {
    const cmd = step.commands.find((c) => c.kind === 'run_action');
    if (!cmd || cmd.kind !== 'run_action') throw new Error(`task t${k} was not started`);
    const e0 = performance.now();
    step = handleEvent(step.state, { kind: 'action_result', key: cmd.key, ok: true, result: cmd.input.output }, host);
    times.push(performance.now() - e0);
    if (step.commands.some((c) => c.kind === 'workflow_finished')) finished = true;
  }
  return { step, times, total: performance.now() - t0, finished };
}

describe('engine scale: long chain', () => {
  it('runs a 1,000-task sequential chain with a fast, flat per-event cost', () => {
    runChain(20); // warm-up: JIT and expression caches, so the first measured event is not an outlier
    const { step, times, total, finished } = runChain(N);
    expect(finished).toBe(true);
    const view = describeExecution(step.state);
    expect(view.state).toBe('SUCCESS');
    expect(view.output).toEqual({ last: N - 1 });
    expect(view.tasks).toHaveLength(N);
    // Medians, not means: on a loaded 2-core machine a few events get preempted or hit a GC pause.
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const sorted = [...times].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(N * 0.99)];
    const first = median(times.slice(0, 100));
    const last = median(times.slice(N - 100));
    console.log(
      `1,000-task chain: total ${total.toFixed(0)} ms; per event median ${median(times).toFixed(3)} ms, p99 ${p99.toFixed(2)} ms, ` +
        `max ${sorted[N - 1].toFixed(1)} ms; median of first 100 ${first.toFixed(3)} ms, of last 100 ${last.toFixed(3)} ms`,
    );
    expect(total).toBeLessThan(5_000);
    expect(median(times)).toBeLessThan(2);
    // A lone pause may show up; it must stay far below Temporal's 5 s activation limit.
    expect(sorted[N - 1]).toBeLessThan(1_000);
    // Flat cost: the last events are not slower than the first ones (generous factor against timer noise).
    expect(last).toBeLessThan(Math.max(first * 3, 0.3));
    expect(JSON.stringify(step.state).length).toBeLessThan(2_000_000);
  });
});
