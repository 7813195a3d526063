import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { readObject } from '../mistral/args';
import { checkSyntax, evaluate, type MistralFunctions } from '../../interpreter/expressions/index';

const HELP = `
Evaluates a string value exactly as a Mistral workflow would: YAQL <% %>, Jinja {{ }} / {% %}, a whole-string
expression keeps its type, mixed text is interpolated. Prints the result as JSON (exit 0), or the error (exit 1).
Outside a running workflow, env() reads "__env" from the context, uuid() works, and task(), tasks(), execution()
and global() are not available.

Examples:
  $ tramontane eval '<% $.hosts.len() %>' --context '{"hosts": [1, 2]}'
  2
  $ tramontane eval '{{ _.hosts | join(", ") }}' --context @ctx.json
  "1, 2"
  $ printf '%s\\n' '{"expression": "<% $.a + 1 %>", "context": {"a": 1}}' | tramontane eval --jsonl
  {"result":2}

With --jsonl, each stdin line is {"expression": "...", "context": {...}} and each output line is {"result": ...}
or {"error": "..."}, one per input line, in one process.`;

/** Functions available to expressions outside a workflow execution. */
function cliFunctions(context: unknown): MistralFunctions {
  return {
    uuid: () => randomUUID(),
    env: () => {
      const c = context as Record<string, unknown> | null;
      return c && typeof c === 'object' && '__env' in c ? c.__env : {};
    },
  };
}

/** Evaluates one expression: `{ result }` or `{ error }` with a caret line when the error is located. */
function evaluateOne(expression: unknown, context: unknown): { result: unknown } | { error: string; caret?: string } {
  if (typeof expression !== 'string') return { error: 'expression must be a string' };
  const located = (message: string, offset?: number) => {
    if (offset === undefined || expression.includes('\n')) return { error: message };
    return { error: message, caret: `  ${expression}\n  ${' '.repeat(offset)}^` };
  };
  const syntax = checkSyntax(expression);
  if (syntax.length) return located(syntax[0].message, syntax[0].offset);
  try {
    return { result: evaluate(expression, { data: context ?? {}, functions: cliFunctions(context) }) };
  } catch (e) {
    const err = e as Error & { offset?: number };
    return located(err instanceof Error ? err.message : String(e), err.offset);
  }
}

function toJson(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

async function runJsonl(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let out: { result: unknown } | { error: string };
    try {
      const input = JSON.parse(line) as { expression?: unknown; context?: unknown };
      if (input === null || typeof input !== 'object') throw new Error('a JSON object is expected');
      const r = evaluateOne(input.expression, input.context);
      out = 'result' in r ? { result: r.result } : { error: r.error };
    } catch (e) {
      out = { error: `invalid input line: ${(e as Error).message}` };
    }
    process.stdout.write(toJson(out) + '\n');
  }
}

/** `tramontane eval EXPR [--context JSON|@file] | --jsonl`: evaluates Mistral expressions. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('Evaluate a YAQL or Jinja expression against a JSON context')
    .argument('[expression]', 'a string value with <% %> or {{ }} expressions')
    .option('-c, --context <json>', 'the data context ($ in YAQL, _ in Jinja): inline JSON or @file.json')
    .option('--jsonl', 'read {"expression", "context"} lines on stdin, write {"result"} or {"error"} lines')
    .addHelpText('after', HELP)
    .action(async (expression: string | undefined, opts: { context?: string; jsonl?: boolean }) => {
      if (opts.jsonl) {
        if (expression !== undefined) throw new Error('eval: give either an expression or --jsonl, not both');
        await runJsonl();
        return;
      }
      if (expression === undefined) throw new Error('eval: missing expression (or use --jsonl)');
      const context = readObject(opts.context, '--context') ?? {};
      const r = evaluateOne(expression, context);
      if ('result' in r) {
        process.stdout.write(toJson(r.result) + '\n');
        return;
      }
      process.stderr.write(`tramontane: ${r.error}\n${r.caret ? r.caret + '\n' : ''}`);
      process.exitCode = 1;
    });
}
