/**
 * The nova.* and cinder.* action signatures. PURE DATA: imported inside the Temporal workflow sandbox to check action
 * input before scheduling — no Node imports here or in `./action-signatures/*`.
 */
import type { ActionSignature } from '../types';
import { cinderSignatures } from './action-signatures/cinder';
import { novaSignatures } from './action-signatures/nova';

/** Every OpenStack action signature (nova, cinder); they read the cloud from the execution's `env`. */
export const signatures: ActionSignature[] = [...novaSignatures, ...cinderSignatures].map((s) => ({ ...s, usesExecution: true }));
