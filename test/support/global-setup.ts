/**
 * One real Temporal dev server (in memory, free ports) and one pre-built workflow bundle for the whole test run.
 * Test files reach them through `inject('temporalAddress')` / `inject('workflowBundlePath')` (see ./temporal.ts).
 */
import type { TestProject } from 'vitest/node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer, type DevServer } from '../../workers/temporal-cli';
import { buildWorkflowBundle } from '../../workers/bundle';
import { generateCodecKey } from '../../workers/codec-key';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

let server: DevServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A fresh payload-encryption key per run, so tests never touch the checkout's .state/codec.key. Set before the
  // test workers start: they (and the CLI processes they spawn) inherit it, so workers and clients agree.
  process.env.TRAMONTANE_CODEC_KEY ||= generateCodecKey();
  const [srv, code] = await Promise.all([
    startDevServer({ log: (l) => console.log(l) }),
    buildWorkflowBundle(),
  ]);
  server = srv;
  const dir = mkdtempSync(join(tmpdir(), 'tramontane-bundle-'));
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);
  project.provide('temporalAddress', srv.address);
  project.provide('workflowBundlePath', bundlePath);
  return async () => {
    await server?.stop();
  };
}
