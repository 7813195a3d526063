/**
 * Environment-driven configuration shared by workers, the CLI and the client. Every setting has a default that works
 * with `npm start` on one machine.
 */

/** Default task queue of the generic workflow and of actions without `target:`. */
export const DEFAULT_TASK_QUEUE = 'tramontane';

export interface TramontaneConfig {
  /** `TEMPORAL_ADDRESS`, default `localhost:7233`. */
  address: string;
  /** `TEMPORAL_NAMESPACE`, default `default`. */
  namespace: string;
  /** `TRAMONTANE_TASK_QUEUE`, default `tramontane`. */
  taskQueue: string;
}

/** Reads the configuration from `env` (default: process.env). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): TramontaneConfig {
  return {
    address: env.TEMPORAL_ADDRESS || 'localhost:7233',
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TRAMONTANE_TASK_QUEUE || DEFAULT_TASK_QUEUE,
  };
}
