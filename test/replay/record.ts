/**
 * Records the histories the replay suite checks: runs every `test/replay/cases/*.yaml` on a fresh dev server and writes
 * each execution's history (children included) to `test/replay/histories/<generation>/`. Histories of earlier
 * generations stay: they are what executions started by earlier versions look like, and must keep replaying. Record a
 * new generation when a change of the interpreter is *meant* to alter commands for new executions (and guard it with
 * `patched()`, as interpreter/dispatch-limits.ts does):
 *
 *   npx tsx test/replay/record.ts v3
 */
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startDevServer } from '../../workers/temporal-cli';
import { createWorker } from '../../workers/create-worker';

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, 'cases');

async function main(): Promise<void> {
  const generation = process.argv[2];
  if (!generation || !/^[\w.-]+$/.test(generation)) throw new Error('usage: npx tsx test/replay/record.ts GENERATION (e.g. v3)');
  const outDir = join(here, 'histories', generation);
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const server = await startDevServer();
  const taskQueue = 'replay-record';
  // The SDK's default data converter: recorded histories stay readable whatever codec a deployment uses.
  const { worker, connection: native } = await createWorker({ address: server.address, taskQueue, extra: { dataConverter: {} } });
  const running = worker.run();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  try {
    for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).sort()) {
      const name = basename(file, '.yaml');
      const workflowId = `replay-${generation}-${name}`;
      const handle = await client.workflow.start('MistralWorkflow', {
        taskQueue,
        workflowId,
        args: [{ definition: readFileSync(join(casesDir, file), 'utf8') }],
      });
      await handle.result().catch(() => undefined); // failing executions are recorded too
      const ids = [workflowId];
      for (let i = 0; i < ids.length; i++) {
        const history = await client.workflow.getHandle(ids[i]).fetchHistory();
        for (const ev of history.events ?? []) {
          const child = ev.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId;
          if (child) ids.push(child);
        }
        const out = join(outDir, `${ids[i].replace(/[^\w.-]+/g, '_')}.json`);
        writeFileSync(out, JSON.stringify({ workflowId: ids[i], history: JSON.parse(historyToJSON(history)) }));
        console.log(`recorded ${out} (${history.events?.length} events)`);
      }
    }
  } finally {
    worker.shutdown();
    await running;
    await native.close();
    await connection.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
