import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../cli/commands/validate';

const EX = '/work/shared/examples';
const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

const EXPECTED_EXAMPLES = [
  `${EX}/cinder_backup_workbook.yaml: OK (workflows: sample_backup_workbook.create_backups_workflow; actions: sample_backup_workbook.send_email)`,
  `${EX}/upgrade_kernel.yaml: OK (workflows: upgrade_kernel)`,
  `${EX}/upgrade_kernel_seed_broken.yaml:38:9: Definition could not be parsed: Implicit keys need to be on a single line (could not find expected ':'; check the indentation)`,
  `${EX}/upgrade_kernel_v1.yaml: OK (workflows: upgrade_kernel)`,
];
const EXAMPLES = ['cinder_backup_workbook', 'upgrade_kernel', 'upgrade_kernel_seed_broken', 'upgrade_kernel_v1'].map(
  (n) => `${EX}/${n}.yaml`,
);

async function validate(files: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await validateFiles(files, (l) => lines.push(l));
  return { code, lines };
}

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tramontane-validate-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('tramontane validate (in process)', () => {
  it('passes the three valid examples and fails the broken one with line and column', async () => {
    expect(await validate(EXAMPLES)).toEqual({ code: 1, lines: EXPECTED_EXAMPLES });
  });

  it('exits 0 when every file is valid', async () => {
    expect(await validate([`${EX}/upgrade_kernel.yaml`])).toEqual({
      code: 0,
      lines: [`${EX}/upgrade_kernel.yaml: OK (workflows: upgrade_kernel)`],
    });
  });

  it('prints one line per error, several per file', async () => {
    const f = tempFile('bad.yaml', "version: '2.0'\nwf:\n  tasks:\n    t1:\n      action: std.noop\n      foo: 1\n      on-success: nope\n");
    const { code, lines } = await validate([f]);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${f}:6:7: Invalid DSL: Additional properties are not allowed ('foo' was unexpected). Allowed in a task of a direct workflow: description, tags, type, action, workflow, input, with-items, publish, publish-on-error, target, keep-result, safe-rerun, retry, wait-before, wait-after, timeout, pause-before, concurrency, fail-on, join, on-success, on-error, on-complete`,
      `${f}:7:19: Task 'nope' not found.`,
    ]);
  });

  it('reports a missing file without a stack trace', async () => {
    expect(await validate(['/nonexistent/wf.yaml'])).toEqual({
      code: 1,
      lines: ['/nonexistent/wf.yaml: cannot read file (no such file)'],
    });
  });
});

describe('tramontane validate (spawned: node cli/bin.js)', () => {
  it('prints the results and exits 1 for the examples', async () => {
    const err = await run('node', ['cli/bin.js', 'validate', ...EXAMPLES], { cwd: ROOT }).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stdout.trim().split('\n')).toEqual(EXPECTED_EXAMPLES);
    expect(err?.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 0 for valid files', async () => {
    const { stdout } = await run('node', ['cli/bin.js', 'validate', `${EX}/upgrade_kernel.yaml`], { cwd: ROOT });
    expect(stdout).toBe(`${EX}/upgrade_kernel.yaml: OK (workflows: upgrade_kernel)\n`);
  });
});
