/**
 * The one way the CLI, the TS client and tests connect to Temporal: address, namespace, TLS/mTLS and API key from the
 * configuration, the shared data converter, and a clear error when the server is not there.
 */
import { Client, Connection } from '@temporalio/client';
import { connectionOptions, readConfig, type TramontaneConfig } from './config';
import { dataConverter } from './data-converter';
import { payloadLimitInterceptor } from './payload-interceptor';

/**
 * Connects a Temporal client with the configuration's address, namespace, TLS/mTLS and API key. `close()` releases
 * the connection. Throws a one-line error (unreadable certificate file, unreachable server) instead of a stack; a
 * start whose input is over Temporal's payload limit fails with `PayloadTooLargeError` saying its size.
 */
export async function connectClient(cfg: TramontaneConfig = readConfig()): Promise<{ client: Client; close(): Promise<void> }> {
  const options = connectionOptions(cfg);
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...options, connectTimeout: '5s' });
  } catch (err) {
    const hint = cfg.tls ? 'check TEMPORAL_TLS_* and TEMPORAL_API_KEY' : 'is `npm start` running?';
    throw new Error(`cannot reach Temporal at ${cfg.address} (${(err as Error).message}); ${hint}`);
  }
  const client = new Client({
    connection,
    namespace: cfg.namespace,
    dataConverter: dataConverter(),
    // An input over Temporal's payload limit is refused here with its size, not by the server with a bare error.
    interceptors: { workflow: [payloadLimitInterceptor] },
  });
  return { client, close: () => connection.close() };
}
