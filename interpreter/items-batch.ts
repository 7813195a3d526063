/**
 * Large with-items fan-outs run in `MistralItemsBatch` child workflows. A batch carries what its items share once
 * (action, task, options, execution info) and per item only what differs, and stays well under Temporal's payload
 * limit; the parent starts batches under a byte budget per workflow task, since one workflow task completion (all its
 * commands together) must fit in a 4 MB gRPC message.
 */
import type { RunActionCommand } from './engine/types';
import { runActionActivity, type ActionOutcome, type RunOptions } from './run-action';

/** Most items in one batch child (its history stays far below Temporal's limits). */
export const BATCH_ITEMS = 250;
/** Most bytes of item data in one batch child (Temporal's payload limit is 2 MB). */
export const BATCH_BYTES = 512 * 1024;
/** Most bytes of batch input started in one workflow task. */
export const DISPATCH_BYTES_PER_TASK = 1536 * 1024;

type Shared = Omit<RunActionCommand, 'key' | 'itemIndex' | 'attempt' | 'input' | 'summary'>;

export interface ItemsBatch {
  base: Shared & { execution: Record<string, unknown> };
  items: Pick<RunActionCommand, 'key' | 'itemIndex' | 'attempt' | 'input' | 'summary'>[];
  /** Estimated size of the batch input in bytes. */
  bytes: number;
}

function sharedOf(cmd: RunActionCommand): Shared {
  const { key: _k, itemIndex: _i, attempt: _a, input: _in, summary: _s, ...shared } = cmd;
  return shared;
}

/**
 * Packs commands into batches: items of the same task execution and options together, at most BATCH_ITEMS items and
 * about BATCH_BYTES bytes each, in command order.
 */
export function packBatches(cmds: RunActionCommand[], execution: (cmd: RunActionCommand) => Record<string, unknown>): ItemsBatch[] {
  const open = new Map<string, ItemsBatch>();
  const out: ItemsBatch[] = [];
  for (const cmd of cmds) {
    const shared = sharedOf(cmd);
    const group = JSON.stringify(shared);
    const item = { key: cmd.key, itemIndex: cmd.itemIndex, attempt: cmd.attempt, input: cmd.input, summary: cmd.summary };
    const size = JSON.stringify(item).length;
    let batch = open.get(group);
    if (!batch || batch.items.length >= BATCH_ITEMS || batch.bytes + size > BATCH_BYTES) {
      const base = { ...shared, execution: execution(cmd) };
      batch = { base, items: [], bytes: JSON.stringify(base).length };
      open.set(group, batch);
      out.push(batch);
    }
    batch.items.push(item);
    batch.bytes += size;
  }
  return out;
}

/** Runs a batch of with-items actions of one task as a child workflow and returns their outcomes in item order. */
export async function MistralItemsBatch(batch: ItemsBatch, options: RunOptions = {}): Promise<ActionOutcome[]> {
  const { execution, ...base } = batch.base;
  return Promise.all(
    batch.items.map((item) =>
      runActionActivity(
        { ...base, ...item },
        {
          ...execution,
          action_execution_id: item.key,
          ...('with_items_index' in execution ? { with_items_index: item.itemIndex } : {}),
        },
        options,
      ),
    ),
  );
}
