/**
 * `npm start`: the embedded default. A Temporal dev server persisting to SQLite under `.state/`, its Web UI, the
 * project's search attributes, and one worker — then prints where to look and what to try. With TEMPORAL_ADDRESS set,
 * it runs only the worker against that cluster. Ctrl-C stops everything it started.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Runtime } from '@temporalio/worker';
import { connectionOptions, readCodecConfig, readConfig } from './config';
import { buildWorkflowBundle } from './bundle';
import { createWorker } from './create-worker';
import { loadCodecKeys } from './codec-key';
import { startCodecServer } from './codec-server';
import { redactingLogger } from './redacting-logger';
import { startDevServer, type DevServer } from './temporal-cli';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const external = process.env.TEMPORAL_ADDRESS;
  const cfg = readConfig();
  // Secrets stay out of the worker's log lines, and out of history: every payload is encrypted (codec-key.ts).
  Runtime.install({ logger: redactingLogger() });
  const codecCfg = readCodecConfig();
  const keys = loadCodecKeys(codecCfg); // creates .state/codec.key on first start unless TRAMONTANE_CODEC_KEY is set
  const uiPort = Number(process.env.TEMPORAL_UI_PORT || 8233);
  const codecServer = await startCodecServer({
    keys,
    corsOrigins: codecCfg.corsOrigins.length ? codecCfg.corsOrigins : [`http://localhost:${uiPort}`],
  });
  let server: DevServer | undefined;
  if (!external) {
    const stateDir = join(repoRoot, '.state');
    mkdirSync(stateDir, { recursive: true });
    const port = Number(process.env.TEMPORAL_PORT || 7233);
    console.log('Starting the Temporal dev server (SQLite in .state/temporal.db) ...');
    server = await startDevServer({
      port,
      ui: true,
      uiPort,
      dbFile: join(stateDir, 'temporal.db'),
      namespace: cfg.namespace,
      codecEndpoint: codecServer.url,
      log: (l) => console.log(l),
    });
  }
  const address = server?.address ?? cfg.address;
  // Bundle the workflow code quietly once (webpack's report is noise here), then start the worker on it.
  const bundlePath = join(repoRoot, '.state', 'workflow-bundle.js');
  mkdirSync(dirname(bundlePath), { recursive: true });
  writeFileSync(bundlePath, await buildWorkflowBundle());
  const { worker, connection } = await createWorker({
    ...(server ? { address } : connectionOptions(cfg)), // an external cluster may need TLS / an API key
    namespace: cfg.namespace,
    taskQueue: cfg.taskQueue,
    workflowBundlePath: bundlePath,
  });
  // A terminal Ctrl-C may arrive twice (from the terminal and relayed by tsx): the first one stops, later ones wait.
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping ...');
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log('');
  console.log(`Temporal:   ${address} (namespace ${cfg.namespace})`);
  if (server?.uiUrl) console.log(`Web UI:     ${server.uiUrl}`);
  console.log(`Codec:      ${codecServer.url} (Web UI decoding, secrets shown as ***; key ${keys.current.id} from ${keys.source})`);
  console.log(`Worker:     task queue "${cfg.taskQueue}"`);
  console.log('');
  console.log('Next, in another terminal:');
  console.log('  npx tramontane validate ../shared/examples/upgrade_kernel.yaml');
  console.log(`  npx tramontane run examples/hello.yaml --input '{"name": "operator"}'`);
  console.log('');
  console.log('Ctrl-C stops the worker and the server.');
  try {
    await worker.run();
  } finally {
    await connection.close();
    await server?.stop();
    await codecServer.close();
    console.log('Stopped.');
  }
}

main().catch((err) => {
  console.error(`npm start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
