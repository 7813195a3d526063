/**
 * The Temporal dev server of a crash run, persisted in a SQLite file so that it can be stopped (SIGTERM, or SIGKILL
 * as in a power loss) and started again on the same file and port while workers and clients keep their address.
 */
import { freePort, startDevServer, type DevServer } from '../../workers/temporal-cli';

/** A dev server on a fixed port and SQLite file that can be restarted. */
export interface RestartableServer {
  /** `127.0.0.1:<port>`, the same across restarts. */
  readonly address: string;
  /** Stops the server with `signal`, waits `downMs`, starts it again on the same file; resolves when it listens. */
  restart(signal: 'SIGTERM' | 'SIGKILL', downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev --db-filename <dbFile>` on a free port. */
export async function startRestartableServer(dbFile: string): Promise<RestartableServer> {
  const port = await freePort();
  let server: DevServer = await startDevServer({ port, dbFile });
  return {
    address: server.address,
    async restart(signal, downMs) {
      if (signal === 'SIGTERM') await server.stop();
      else await killHard(server);
      await new Promise((r) => setTimeout(r, downMs));
      server = await startDevServer({ port, dbFile });
    },
    stop: () => server.stop(),
  };
}

function killHard(server: DevServer): Promise<void> {
  const proc = server.process;
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    proc.once('exit', () => res());
    proc.kill('SIGKILL');
  });
}
