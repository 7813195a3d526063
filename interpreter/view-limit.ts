/**
 * The `execution` query answers with the execution view, and that answer must fit Temporal's payload limit like any
 * payload: an oversized answer fails the query, so `tramontane run`, `execution-get` and the Web UI would show an
 * error instead of the execution. When the view is too large, the largest values go first (task results, published
 * values, the output, the input, the params), each replaced by a note saying how large it was; states, names, state
 * infos and counts stay. Only when that is not enough (tens of thousands of tasks) are the last tasks left out.
 */
import type { ExecutionView } from './engine/types';
import { PAYLOAD_LIMIT_BYTES, jsonBytes } from './payload-limit';

/** What replaces a value left out of the answer. */
export function omittedNote(bytes: number): string {
  return `<${bytes} bytes, left out: the execution view is over Temporal's payload limit>`;
}

/** The view, or a copy of it that fits in `limit` bytes as JSON. */
export function viewWithinLimit(view: ExecutionView, limit = PAYLOAD_LIMIT_BYTES): ExecutionView {
  let size = jsonBytes(view);
  if (size <= limit) return view;
  const out = JSON.parse(JSON.stringify(view)) as ExecutionView;
  const slots: { bytes: number; put: (note: string) => void }[] = [];
  const add = (value: unknown, put: (note: string) => void): void => {
    const bytes = jsonBytes(value ?? null);
    if (bytes > 256) slots.push({ bytes, put });
  };
  add(out.output, (n) => (out.output = n));
  add(out.input, (n) => (out.input = { omitted: n }));
  add(out.params, (n) => (out.params = { omitted: n }));
  for (const t of out.tasks) {
    add(t.result, (n) => (t.result = n));
    add(t.published, (n) => (t.published = { omitted: n }));
  }
  slots.sort((a, b) => b.bytes - a.bytes);
  for (const slot of slots) {
    if (size <= limit) break;
    const note = omittedNote(slot.bytes);
    slot.put(note);
    size -= slot.bytes - jsonBytes(note) - 14; // about what `{"omitted":…}` adds
  }
  size = jsonBytes(out);
  if (size > limit) {
    let keep = out.tasks.length;
    while (keep > 0 && size > limit) size -= jsonBytes(out.tasks[--keep]) + 1;
    out.tasks_omitted = out.tasks.length - keep;
    out.tasks = out.tasks.slice(0, keep);
  }
  return out;
}
