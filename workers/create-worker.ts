/**
 * Creates a Tramontane worker: the generic workflow plus every action as an activity, on one task queue.
 */
import { NativeConnection, Worker, type TLSConfig, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities/registry';
import { modernTarget, workflowsPath } from './bundle';
import { dataConverter } from './data-converter';

export interface CreateWorkerOptions {
  address: string;
  namespace?: string;
  taskQueue: string;
  /** A pre-built bundle (tests share one); otherwise the workflow is bundled on creation. */
  workflowBundlePath?: string;
  /** TLS/mTLS settings, from `connectionOptions(readConfig())`; plain TCP when omitted. */
  tls?: TLSConfig;
  /** API key (Temporal Cloud), sent as a bearer token; implies TLS. */
  apiKey?: string;
  /** How long a stopping worker lets running actions finish (ms; `TRAMONTANE_SHUTDOWN_GRACE`). SDK default when omitted. */
  shutdownGraceMs?: number;
  /** Extra Worker options (e.g. limits in tests). */
  extra?: Partial<WorkerOptions>;
}

/** Connects to Temporal and returns a ready (not yet running) worker and its connection. */
export async function createWorker(opts: CreateWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({
    address: opts.address,
    ...(opts.tls ? { tls: opts.tls } : {}),
    ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
  });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace ?? 'default',
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundlePath ? { workflowBundle: { codePath: opts.workflowBundlePath } } : { workflowsPath, bundlerOptions: { webpackConfigHook: modernTarget } }),
    activities: createActivities(),
    dataConverter: dataConverter(),
    ...(opts.shutdownGraceMs !== undefined ? { shutdownGraceTime: opts.shutdownGraceMs } : {}),
    ...opts.extra,
  });
  return { worker, connection };
}
