/**
 * Builds the workflow bundle (webpack, done by the Temporal SDK) once, so workers and tests can share it instead of
 * bundling on every `Worker.create`.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failureConverterPath } from './data-converter';

/** Absolute path of the bundle entry (`workers/workflows.ts`). */
export const workflowsPath = resolve(dirname(fileURLToPath(import.meta.url)), 'workflows.ts');

/**
 * Bundles `workers/workflows.ts` and returns the bundle's code. The bundle carries the shared failure converter
 * (`dataConverter().failureConverterPath`), so workflow failures are encrypted like everything else.
 */
export async function buildWorkflowBundle(): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quietLogger });
  return code;
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
