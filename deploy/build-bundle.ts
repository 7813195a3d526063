/**
 * Writes the workflow bundle to a file (default `dist/workflow-bundle.js`), so a worker started with
 * `TRAMONTANE_WORKFLOW_BUNDLE=<file>` skips bundling at start-up. The Docker image runs it at build time.
 *
 *   npx tsx deploy/build-bundle.ts [out-file]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildWorkflowBundle } from '../workers/bundle';

const out = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, await buildWorkflowBundle());
console.log(`workflow bundle written to ${out}`);
