/**
 * The data converter shared by every worker and client of a deployment: the AES-256-GCM payload codec
 * (`codec.ts`, key from `codec-key.ts`) and a failure converter that moves failure messages and stack traces into
 * encrypted payloads (`failure-converter.cjs`, also bundled into the workflow sandbox by `bundle.ts`). Workers and
 * clients must agree on it, so nothing creates a Temporal connection without it.
 */
import type { DataConverter } from '@temporalio/common';
import { fileURLToPath } from 'node:url';
import { loadCodecKeys } from './codec-key';
import { EncryptionCodec } from './codec';
import { readCodecConfig } from './config';

/** Module with the `failureConverter` export (absolute path, as the SDK and the bundler want it). */
export const failureConverterPath = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url));

/**
 * The data converter for workers and clients. Resolves the codec key from the environment (`TRAMONTANE_CODEC_KEY`,
 * else `.state/codec.key`, created when missing) on each call, so a process that sets the variable before
 * connecting is honoured. Throws `ConfigError` for a malformed key.
 */
export function dataConverter(env: NodeJS.ProcessEnv = process.env): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(loadCodecKeys(readCodecConfig(env)))],
    failureConverterPath,
  };
}
