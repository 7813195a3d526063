/**
 * Creates a Tramontane worker: the generic workflow plus every action as an activity, on one task queue.
 */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities/registry';
import { workflowsPath } from './bundle';
import { dataConverter } from './data-converter';

export interface CreateWorkerOptions {
  address: string;
  namespace?: string;
  taskQueue: string;
  /** A pre-built bundle (tests share one); otherwise the workflow is bundled on creation. */
  workflowBundlePath?: string;
  /** Extra Worker options (e.g. limits in tests). */
  extra?: Partial<WorkerOptions>;
}

/** Connects to Temporal and returns a ready (not yet running) worker and its connection. */
export async function createWorker(opts: CreateWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace ?? 'default',
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundlePath ? { workflowBundle: { codePath: opts.workflowBundlePath } } : { workflowsPath }),
    activities: createActivities(),
    dataConverter: dataConverter(),
    ...opts.extra,
  });
  return { worker, connection };
}
