/**
 * Every system action's signature, by name. Pure data: imported by the workflow sandbox so the engine can refuse an
 * unknown action or bad parameters before anything is scheduled, as Mistral does.
 */
import type { ActionSignature } from './types';
import { signatures as std } from './std/signatures';
import { signatures as ssh } from './ssh/signatures';
import { signatures as email } from './email/signatures';
import { signatures as http } from './http/signatures';
import { signatures as openstack } from './openstack/signatures';

const byName = new Map<string, ActionSignature>();
for (const sig of [...std, ...ssh, ...email, ...http, ...openstack]) byName.set(sig.name, sig);

/** The signature of a system action, or undefined when no such action exists. */
export function actionSignature(name: string): ActionSignature | undefined {
  return byName.get(name);
}

/** All system action signatures, sorted by name (for `action-list`). */
export function allActionSignatures(): ActionSignature[] {
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
