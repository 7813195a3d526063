/**
 * What counts as a bug in a fuzz case: an exception of the wrong class, an error without a location, an internal
 * error turned into a message, JavaScript internals leaking into a user-facing message, or a case over its time bound.
 */
import { SpecValidationError, loadDefinition, parseDefinition, type Definition } from '../../interpreter/spec';
import { ExpressionError, checkSyntax } from '../../interpreter/expressions';
import { InputError } from '../../interpreter/engine';
import { randomInput, randomValue } from './gen-data';
import type { Rng } from './rng';
import { LOCAL_ACTIONS, simulate } from './simulate';

/**
 * Per-case CPU-time bound (validation, or one evaluation): Temporal's 5 s hard limit per workflow activation. (The
 * expression budget of 1,000,000 steps can take 1–3 s of CPU on its own: see the report on the 2 s deadlock detector.)
 */
export const CASE_TIME_LIMIT_MS = 5000;

/** CPU milliseconds used by this process so far (steadier than wall time on a loaded machine). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Messages that show JavaScript internals instead of a Mistral-shaped explanation. */
const JS_LEAK = /Cannot read propert(y|ies) of|is not a function|Cannot convert (undefined|null|a Symbol)|Invalid (array|string) length|undefined is not|\bat \S+\.ts:\d+|Internal error while validating/;

/** Returns a description of what is wrong with `message`, or null when it reads like a proper user error. */
export function leak(message: string): string | null {
  const m = JS_LEAK.exec(message);
  return m ? `JavaScript internals in a user-facing message (${m[0]})` : null;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.constructor.name}: ${err.message.slice(0, 300)}` : String(err);
}

/** A definition that validated and ran to its end in the simulation with local actions only. */
export interface RunnableCase {
  definition: string;
  workflow: string;
  input: Record<string, unknown>;
  /** Final state in the pure simulation. */
  simulated: string;
}

export interface DefinitionVerdict {
  bugs: string[];
  valid: boolean;
  runnable?: RunnableCase;
}

/** Checks one definition text: validation, located errors, then a start with random inputs and a simulated run. */
export function checkDefinition(text: string, rng: Rng): DefinitionVerdict {
  const bugs: string[] = [];
  const t0 = cpuMs();
  let definition: Definition | undefined;
  try {
    const res = parseDefinition(text, { file: 'fuzz.yaml', checkExpression: checkSyntax });
    const lineCount = text.split('\n').length;
    for (const e of res.errors) {
      if (!(Number.isInteger(e.line) && Number.isInteger(e.col) && e.line >= 1 && e.col >= 1 && e.line <= lineCount + 1)) {
        bugs.push(`error not located inside the file (line ${e.line}, col ${e.col} of ${lineCount} lines): ${e.message}`);
      }
      if (!e.message || typeof e.message !== 'string') bugs.push('error without a message');
      else if (leak(e.message)) bugs.push(`${leak(e.message)}: ${e.message.slice(0, 300)}`);
    }
    definition = res.definition;
    if (!definition && res.errors.length === 0) bugs.push('neither a definition nor an error');
  } catch (err) {
    bugs.push(`parseDefinition threw ${describe(err)}`);
  }
  try {
    loadDefinition(text, 'fuzz.yaml');
  } catch (err) {
    if (!(err instanceof SpecValidationError)) bugs.push(`loadDefinition threw ${describe(err)}`);
    else if (!/^fuzz\.yaml:\d+:\d+: /.test(err.message)) bugs.push(`unlocated SpecValidationError: ${err.message.slice(0, 200)}`);
  }
  const elapsed = cpuMs() - t0;
  if (elapsed > CASE_TIME_LIMIT_MS) bugs.push(`validation took ${Math.round(elapsed)} ms (> ${CASE_TIME_LIMIT_MS})`);
  if (!definition || bugs.length) return { bugs, valid: !!definition };

  let runnable: RunnableCase | undefined;
  for (const wf of Object.values(definition.workflows).slice(0, 3)) {
    const input = randomInput(rng, wf.input.map((p) => p.name));
    const params = wf.type === 'reverse' ? { task_name: rng.pick([...Object.keys(wf.tasks), 'nope']) } : rng.chance(0.2) ? { env: randomValue(rng, 2) } : {};
    const t1 = cpuMs();
    try {
      const sim = simulate(definition, wf.name, input, params);
      const ran = cpuMs() - t1;
      if (ran > CASE_TIME_LIMIT_MS) bugs.push(`simulated run took ${Math.round(ran)} ms`);
      const local = [...sim.actions].every((a) => LOCAL_ACTIONS.has(a));
      if (!runnable && local && wf.type === 'direct' && Object.keys(params).length === 0 && sim.longestTimer <= 2 && (sim.state === 'SUCCESS' || sim.state === 'ERROR') && sim.events <= 60) {
        runnable = { definition: text, workflow: wf.name, input, simulated: sim.state };
      }
    } catch (err) {
      if (err instanceof InputError) {
        if (leak(err.message)) bugs.push(`${leak(err.message)}: ${err.message.slice(0, 300)}`);
        continue;
      }
      if (err instanceof ExpressionError) {
        bugs.push(`engine let an ExpressionError escape (the workflow task would fail forever): ${err.message.slice(0, 300)}`);
        continue;
      }
      bugs.push(`engine threw ${describe(err)} (the workflow task would fail forever) [workflow=${wf.name}, input=${JSON.stringify(input).slice(0, 300)}, params=${JSON.stringify(params).slice(0, 200)}]`);
    }
  }
  return { bugs, valid: true, runnable };
}
