/**
 * `npm run worker`: a Tramontane worker against an existing Temporal cluster (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TRAMONTANE_TASK_QUEUE). Stops gracefully on SIGINT/SIGTERM: running actions finish or are handed back.
 */
import { readConfig } from './config';
import { createWorker } from './create-worker';

/** Runs a worker until SIGINT/SIGTERM. */
export async function runWorker(): Promise<void> {
  const cfg = readConfig();
  const { worker, connection } = await createWorker({ address: cfg.address, namespace: cfg.namespace, taskQueue: cfg.taskQueue });
  console.log(`tramontane worker: ${cfg.address} namespace=${cfg.namespace} task-queue=${cfg.taskQueue}`);
  await worker.run(); // the SDK shuts down gracefully on SIGINT/SIGTERM
  await connection.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runWorker().catch((err) => {
    console.error(`tramontane worker: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}
