/**
 * `npm run worker`: a Tramontane worker against an existing Temporal cluster, configured by the environment
 * (`TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`, `TRAMONTANE_TASK_QUEUE`, `TEMPORAL_TLS_*`, `TEMPORAL_API_KEY`, see
 * `config.ts`). Any number of replicas may serve the same task queue. Stops gracefully on SIGTERM/SIGINT: it stops
 * polling, lets running actions finish for `TRAMONTANE_SHUTDOWN_GRACE` (default 30 s), then hands the rest back to
 * Temporal (their heartbeat timeout makes them fail or, for `safe-rerun: true` tasks, run again on another worker).
 */
import { connectionOptions, describeConnection, readConfig } from './config';
import { Runtime } from '@temporalio/worker';
import { createWorker } from './create-worker';
import { redactingLogger } from './redacting-logger';

/**
 * Runs a worker until SIGTERM/SIGINT, then shuts it down gracefully and closes its connection. `env` defaults to
 * process.env; `TRAMONTANE_WORKFLOW_BUNDLE` names a pre-built workflow bundle (the Docker image has one) so that
 * start-up skips bundling.
 */
export async function runWorker(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cfg = readConfig(env);
  Runtime.install({ logger: redactingLogger() }); // secrets never reach the worker's log lines
  const { worker, connection } = await createWorker({
    ...connectionOptions(cfg),
    namespace: cfg.namespace,
    taskQueue: cfg.taskQueue,
    shutdownGraceMs: cfg.shutdownGraceMs,
    ...(env.TRAMONTANE_WORKFLOW_BUNDLE ? { workflowBundlePath: env.TRAMONTANE_WORKFLOW_BUNDLE } : {}),
  });
  const stop = (signal: NodeJS.Signals): void => {
    if (worker.getState() !== 'RUNNING') return;
    console.log(`tramontane worker: ${signal} received, draining (grace ${cfg.shutdownGraceMs / 1000}s) ...`);
    worker.shutdown();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`tramontane worker: ${describeConnection(cfg)}`);
  try {
    await worker.run();
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await connection.close();
  }
  console.log('tramontane worker: stopped');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runWorker().catch((err) => {
    console.error(`tramontane worker: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}
