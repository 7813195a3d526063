/**
 * Runs `tramontane run --json` as users run it (a child process of cli/bin.js), against the tests' Temporal server
 * and a test worker's task queue.
 */
import { execFile } from 'node:child_process';
import { inject } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (`--json` prints one object). */
  json: any;
}

/**
 * `node cli/bin.js run <args...>` with `TEMPORAL_ADDRESS` = the tests' dev server and `TRAMONTANE_TASK_QUEUE` =
 * `taskQueue`. Asynchronous on purpose: the worker that runs the workflow lives in this process.
 */
export function runCli(args: string[], taskQueue: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['cli/bin.js', 'run', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TEMPORAL_ADDRESS: inject('temporalAddress'), TRAMONTANE_TASK_QUEUE: taskQueue },
        timeout: 120_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          if (code === -1) return reject(err);
          json = undefined;
        }
        resolve({ code, stdout, stderr, json });
      },
    );
  });
}
