/**
 * One-line summaries of commands for the Temporal Web UI: task name, item index, action and a short hint of the
 * input — never the value of a parameter whose name looks secret.
 */

const SECRET = /password|private_key|secret|token|passphrase|credential/i;
const MAX = 120;

function hint(v: unknown): string {
  let text = typeof v === 'string' ? v : JSON.stringify(v) ?? 'null';
  text = text.replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** `k=v` pairs of an input, secrets shown as `***`, trimmed to a readable length. */
export function inputHint(input: Record<string, unknown>, secretParams: string[] = []): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    parts.push(SECRET.test(k) || secretParams.includes(k) ? `${k}=***` : `${k}=${hint(v)}`);
  }
  return parts.join(' ');
}

function clip(line: string): string {
  return line.length > MAX ? `${line.slice(0, MAX - 3)}...` : line;
}

/** `upgrade[3] std.ssh_proxied host=10.0.0.7 cmd=sudo apt...` */
export function actionSummary(task: string, item: number | null, action: string, input: Record<string, unknown>, secretParams: string[]): string {
  const head = item === null ? task : `${task}[${item}]`;
  const h = inputHint(input, secretParams);
  return clip(h ? `${head} ${action} ${h}` : `${head} ${action}`);
}

/** `deploy[0] workflow wb.install_host host=...` */
export function workflowSummary(task: string, item: number | null, workflow: string, input: Record<string, unknown>): string {
  const head = item === null ? task : `${task}[${item}]`;
  const h = inputHint(input);
  return clip(h ? `${head} workflow ${workflow} ${h}` : `${head} workflow ${workflow}`);
}
