import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
// Not the spec index: it re-exports `load.ts`, which needs the expression layer statically.
import type { ExpressionChecker } from '../../interpreter/spec/check-context';
import { formatSpecError } from '../../interpreter/spec/errors';
import type { Definition } from '../../interpreter/spec/model';
import { parseDefinition } from '../../interpreter/spec/parse';

/**
 * The expression layer's syntax checker, when it is available. Loaded dynamically so that `validate` keeps working
 * (without expression checks) while the expression layer is incomplete.
 */
async function loadExpressionChecker(): Promise<ExpressionChecker | undefined> {
  try {
    // A computed specifier keeps the type checker from requiring the module to exist yet.
    const specifier = '../../interpreter/expressions/index';
    const mod = (await import(specifier)) as { checkSyntax?: unknown };
    return typeof mod.checkSyntax === 'function' ? (mod.checkSyntax as ExpressionChecker) : undefined;
  } catch {
    return undefined;
  }
}

function summary(def: Definition): string {
  const parts: string[] = [];
  const workflows = Object.keys(def.workflows);
  const actions = Object.keys(def.actions);
  if (workflows.length > 0) parts.push(`workflows: ${workflows.join(', ')}`);
  if (actions.length > 0) parts.push(`actions: ${actions.join(', ')}`);
  return parts.join('; ');
}

/**
 * Validates each file and prints `file: OK (workflows: a, b)` or one `file:line:col: message` line per error.
 * Returns the exit code: 0 when every file is valid, 1 otherwise.
 */
export async function validateFiles(files: string[], out: (line: string) => void): Promise<number> {
  const checkExpression = await loadExpressionChecker();
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      out(`${file}: cannot read file${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`);
      failed = true;
      continue;
    }
    const result = parseDefinition(text, { file, checkExpression });
    if (result.definition) {
      out(`${file}: OK (${summary(result.definition)})`);
    } else {
      failed = true;
      for (const err of result.errors) out(formatSpecError(err));
    }
  }
  return failed ? 1 : 0;
}

/** `tramontane validate FILE...` — checks Mistral v2 workflow, workbook and ad-hoc action files. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Validate Mistral v2 workflow, workbook or action files')
    .argument('<files...>')
    .action(async (files: string[]) => {
      const code = await validateFiles(files, (line) => process.stdout.write(`${line}\n`));
      process.exitCode = code;
    });
}
