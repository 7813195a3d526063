/**
 * The one way the CLI, the TS client and tests connect to Temporal: address, namespace (and later TLS) from the
 * configuration, the shared data converter, and a clear error when the server is not there.
 */
import { Client, Connection } from '@temporalio/client';
import { readConfig, type TramontaneConfig } from './config';
import { dataConverter } from './data-converter';

/** Connects a Temporal client. `close()` releases the connection. */
export async function connectClient(cfg: TramontaneConfig = readConfig()): Promise<{ client: Client; close(): Promise<void> }> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: cfg.address, connectTimeout: '5s' });
  } catch (err) {
    throw new Error(`cannot reach Temporal at ${cfg.address} (${(err as Error).message}); is \`npm start\` running?`);
  }
  const client = new Client({ connection, namespace: cfg.namespace, dataConverter: dataConverter() });
  return { client, close: () => connection.close() };
}
