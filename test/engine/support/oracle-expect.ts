/**
 * Developer tool: runs rehearsals through the real Mistral (mistral-oracle) and prints, per file, the `expect:`
 * block the oracle implies (tracebacks dropped). Usage: `npx tsx test/engine/support/oracle-expect.ts [file...]`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { REHEARSAL_DIR, loadRehearsals } from './rehearsal';

const ORACLE = '/work/shared/tools/mistral-oracle/mistral-oracle';
const write = process.argv.includes('--write');
const only = process.argv.slice(2).filter((a) => a !== '--write');
const list = loadRehearsals().filter((r) => only.length === 0 || only.some((o) => r.file.includes(o)));
const lines = list.map((r) => JSON.stringify({ id: r.file, yaml: r.yaml, workflow: r.workflow, input: r.input ?? {}, env: r.env ?? {}, params: r.params ?? {} }));
const out = spawnSync(ORACLE, [], { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
const strip = (v: unknown): unknown => {
  if (typeof v === 'string') return v.replace(/:\n<traceback>[\s\S]*$/, '');
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)]));
  return v;
};
for (const line of out.stdout.split('\n').filter(Boolean)) {
  const d = JSON.parse(line);
  const expect = d.error
    ? { error: d.error.replace(/^\w+: /, '') }
    : {
        state: d.state,
        state_info: strip(d.state_info),
        output: strip(d.output),
        tasks: d.tasks.map((t: Record<string, unknown>) => ({
          name: t.name,
          state: t.state,
          state_info: strip(t.state_info),
          published: t.published,
          result: strip(t.result),
          action_executions: (t.action_executions as number) + (t.workflow_executions as number),
          retry_no: t.retry_no,
        })),
      };
  process.stdout.write(`# ${d.id}\n${stringify({ expect })}\n`);
  if (write) {
    const path = join(REHEARSAL_DIR, d.id);
    const doc = parseDocument(readFileSync(path, 'utf8'));
    doc.set('expect', expect);
    doc.set('checked', 'oracle');
    writeFileSync(path, doc.toString({ lineWidth: 0 }));
  }
}
