/**
 * Integration-test access to the suite's real Temporal dev server (started once in global-setup.ts): a worker of our
 * own on a fresh task queue, a client, and a helper to run a definition and read back its execution view.
 */
import { inject } from 'vitest';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { createWorker } from '../../workers/create-worker';
import { dataConverter } from '../../workers/data-converter';
import type { ExecutionView } from '../../interpreter/engine/types';
import type { MistralWorkflowInput } from '../../interpreter/workflow';

export interface TestTemporal {
  client: Client;
  taskQueue: string;
  worker: Worker;
  /** Runs a Mistral definition to its end and returns the final execution view (any final state). */
  run(args: MistralWorkflowInput, workflowId?: string): Promise<ExecutionView>;
  stop(): Promise<void>;
}

let counter = 0;
let runtimeInstalled = false;

/** Starts a worker on a unique task queue of the shared dev server. Call `stop()` in afterAll. */
export async function startTestTemporal(): Promise<TestTemporal> {
  if (!runtimeInstalled) {
    // Workflow failures are expected outcomes in these tests: keep the worker's own logging to real errors.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    runtimeInstalled = true;
  }
  const address = inject('temporalAddress');
  const taskQueue = `test-${process.pid}-${Date.now()}-${counter++}`;
  const { worker, connection: native } = await createWorker({
    address,
    taskQueue,
    workflowBundlePath: inject('workflowBundlePath'),
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter: dataConverter() });
  return {
    client,
    taskQueue,
    worker,
    async run(args, workflowId) {
      const id = workflowId ?? `wf-${taskQueue}-${counter++}`;
      const handle = await client.workflow.start('MistralWorkflow', { taskQueue, workflowId: id, args: [args] });
      try {
        await handle.result();
      } catch (err) {
        if (!(err instanceof WorkflowFailedError)) throw err;
        const cause = err.cause;
        if (cause instanceof ApplicationFailure && cause.type === 'InputError') throw cause;
        if (cause instanceof ApplicationFailure && cause.type === 'DefinitionError') throw cause;
      }
      return handle.query<ExecutionView>('execution');
    },
    async stop() {
      worker.shutdown();
      await running;
      await native.close();
      await connection.close();
    },
  };
}
