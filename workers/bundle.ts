/**
 * Builds the workflow bundle (webpack, done by the Temporal SDK) once, so workers and tests can share it instead of
 * bundling on every `Worker.create`.
 */
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
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
  const { code } = await bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quietLogger, webpackConfigHook: modernTarget });
  return code;
}

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/**
 * Compiles our TypeScript for ES2022 instead of the SDK's ES2017: object spread (`{...cmd}`, on every engine step and
 * every action) then stays native instead of becoming `_object_spread` helpers that define properties one by one —
 * they were among the top costs of the workflow thread in a profile of a 1,000-step chain. Node 20 runs ES2022
 * natively. Used for every bundle we build (worker, tests, benchmarks' baseline), so all run the same code.
 */
export function modernTarget(config: WebpackConfig): WebpackConfig {
  for (const rule of config.module?.rules ?? []) {
    const use = rule && typeof rule === 'object' && !Array.isArray(rule.use) && typeof rule.use === 'object' ? rule.use : undefined;
    const jsc = (use?.options as { jsc?: { target?: string } } | undefined)?.jsc;
    if (use && typeof use.loader === 'string' && use.loader.includes('swc-loader') && jsc) jsc.target = 'es2022';
  }
  return config;
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
