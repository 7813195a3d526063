/**
 * The payload codec: AES-256-GCM encryption of every payload a worker or client sends to Temporal (workflow input
 * with its definition text and env, action inputs and results, failures' messages and details, queries, signals,
 * summaries). What Temporal stores — and what the Web UI or `temporal workflow show` read without the codec server —
 * is ciphertext.
 *
 * Wire format of an encrypted payload: metadata `encoding: binary/encrypted` and `encryption-key-id: k-xxxxxxxx`;
 * data = 12-byte random IV ‖ ciphertext ‖ 16-byte GCM tag, over the original Payload protobuf (metadata included),
 * the key id as additional authenticated data. Payloads that are not encrypted (history written before the codec,
 * `temporal workflow signal --input` from the CLI) pass through decoding unchanged.
 *
 * Runs in the worker's main thread and in clients, never in the workflow sandbox.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { CodecKey, CodecKeyRing } from './codec-key';
import { mayHoldSecrets, rememberSecrets } from './secret-values';

/** The `encoding` of an encrypted payload. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata key holding the id of the key a payload was encrypted with. */
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** JSON payloads larger than this are not scanned for secret values (they are still encrypted). */
const SCAN_LIMIT = 1024 * 1024;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const ProtoPayload = proto.temporal.api.common.v1.Payload;

/** Options of the codec. */
export interface EncryptionCodecOptions {
  /**
   * Remember the secret values of plaintext JSON payloads (see `secret-values.ts`) so logs and failures can be
   * scrubbed. On in workers and clients; the codec server turns it off.
   */
  rememberSecrets?: boolean;
}

function encodingOf(p: Payload): string | undefined {
  const e = p.metadata?.[METADATA_ENCODING_KEY];
  return e ? fromUtf8.decode(e) : undefined;
}

function remember(p: Payload): void {
  const enc = encodingOf(p);
  if (!p.data || p.data.length > SCAN_LIMIT || (enc !== 'json/plain' && enc !== 'json/protobuf')) return;
  const text = fromUtf8.decode(p.data);
  if (!mayHoldSecrets(text)) return;
  try {
    rememberSecrets(JSON.parse(text));
  } catch {
    // not JSON after all: nothing to remember
  }
}

/** AES-256-GCM payload codec over a key ring (see `codec-key.ts`). */
export class EncryptionCodec implements PayloadCodec {
  private readonly remember: boolean;

  constructor(
    private readonly keys: CodecKeyRing,
    options: EncryptionCodecOptions = {},
  ) {
    this.remember = options.rememberSecrets ?? true;
  }

  /** Id of the key new payloads are encrypted with. */
  get keyId(): string {
    return this.keys.current.id;
  }

  /** Encrypts every payload with the current key. */
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (this.remember) remember(p);
      return encrypt(p, this.keys.current);
    });
  }

  /** Decrypts encrypted payloads (any key of the ring); other payloads are returned as they are. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (encodingOf(p) !== ENCRYPTED_ENCODING) return p;
      const out = decrypt(p, this.keys);
      if (this.remember) remember(out);
      return out;
    });
  }
}

/** Random IVs drawn from the CSPRNG in blocks (one call per 1,024 payloads), each used once. */
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function nextIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_BYTES * 1024);
    ivAt = 0;
  }
  ivAt += IV_BYTES;
  return ivPool.subarray(ivAt - IV_BYTES, ivAt);
}

function encrypt(payload: Payload, key: CodecKey): Payload {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(utf8.encode(key.id));
  const plain = ProtoPayload.encode(payload).finish();
  const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return {
    metadata: { [METADATA_ENCODING_KEY]: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8.encode(key.id) },
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

function decrypt(payload: Payload, keys: CodecKeyRing): Payload {
  const idBytes = payload.metadata?.[KEY_ID_METADATA];
  const id = idBytes ? fromUtf8.decode(idBytes) : '(none)';
  const key = keys.byId.get(id);
  if (!key) {
    throw new ValueError(
      `payload encrypted with codec key ${id}, which this process does not have (it has ${[...keys.byId.keys()].join(', ')}): ` +
        'give every worker and client the same TRAMONTANE_CODEC_KEY, or list the old key in TRAMONTANE_CODEC_PREVIOUS_KEYS',
    );
  }
  const data = payload.data ?? new Uint8Array();
  if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError(`encrypted payload too short (${data.length} bytes)`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, data.subarray(0, IV_BYTES));
  decipher.setAAD(utf8.encode(id));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ValueError(`encrypted payload failed authentication with codec key ${id} (corrupted or tampered with)`);
  }
  const decoded = ProtoPayload.decode(plain);
  return { metadata: decoded.metadata ?? {}, data: decoded.data ?? new Uint8Array() };
}
