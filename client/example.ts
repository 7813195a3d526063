/**
 * A runnable example of the TS client: store a workflow, start it by name, wait, print the result and its tasks.
 *
 *   npm start                      # in another terminal: dev server + worker
 *   npx tsx client/example.ts
 */
import { Tramontane, TramontaneError } from './index';

const DEFINITION = `version: '2.0'
client_example:
  input:
    - hosts
  tasks:
    ping:
      with-items: host in <% $.hosts %>
      action: std.echo output="pong from <% $.host %>"
      publish:
        replies: <% task().result %>
  output:
    replies: <% $.replies %>
`;

async function main(): Promise<void> {
  const t = await Tramontane.connect(); // TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TRAMONTANE_TASK_QUEUE
  try {
    if (await t.getWorkflow('client_example')) await t.updateWorkflow(DEFINITION);
    else await t.createWorkflow(DEFINITION);
    const execution = await t.startExecution('client_example', { hosts: ['web-1', 'web-2'] }, { wait: true });
    console.log(`${execution.id}: ${execution.state}`, execution.output);
    for (const task of await t.listTasks(execution.id)) console.log(`  ${task.name}: ${task.state} (${task.action_executions} actions)`);
  } finally {
    await t.close();
  }
}

main().catch((err) => {
  console.error(err instanceof TramontaneError ? err.message : err);
  process.exit(1);
});
