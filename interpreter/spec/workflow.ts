/**
 * One workflow (direct or reverse): its keywords, its tasks, and the graph checks Mistral makes at upload time
 * (task references, start tasks, join inbound counts, reverse `requires`).
 */
import type { CheckContext } from './check-context';
import { inboundTasks, startTasks } from './defaults';
import { readInputParams } from './input-params';
import type { Transition, WorkflowSpec } from './model';
import { checkKeys, checkNonEmptyDict, checkString, checkUniqueStringList, entry, requireKey, showNode } from './schema';
import { readTask } from './task';
import { readTaskDefaults } from './task-defaults';
import { toPlain, type YMap, type YNode, type YScalar } from './yaml-tree';

const KEYS = ['type', 'description', 'tags', 'input', 'output', 'output-on-error', 'vars', 'task-defaults', 'tasks'];

/** Mistral's `uuidutils.is_uuid_like`: 32 hex digits once hyphens, braces and `urn:uuid:` are removed. */
export function isUuidLike(name: string): boolean {
  const s = name.toLowerCase().replace(/^urn:/, '').replace(/^uuid:/, '').replace(/[{}-]/g, '');
  return /^[0-9a-f]{32}$/.test(s);
}

/**
 * Reads and checks one workflow. `fullName` is `<workbook>.<name>` inside a workbook. Undefined when the workflow is
 * not a dict at all.
 */
export function readWorkflow(
  ctx: CheckContext,
  fullName: string,
  keyNode: YScalar,
  node: YNode,
  workbook?: string,
): WorkflowSpec | undefined {
  if (node.kind !== 'map') {
    ctx.error(node, `Invalid DSL: workflow '${fullName}' must be a dict, got ${showNode(node)}`);
    return undefined;
  }
  const errorsBefore = ctx.sink.errors.length;
  const shortName = workbook ? fullName.slice(workbook.length + 1) : fullName;
  if (isUuidLike(shortName)) ctx.error(keyNode, 'Workflow name cannot be in the format of UUID.');
  if (/\s/.test(shortName)) ctx.error(keyNode, `Workflow name must not contain spaces: '${shortName}'`);
  checkKeys(ctx, node, KEYS, 'a workflow');

  const typeNode = entry(node, 'type');
  let type: 'direct' | 'reverse' = 'direct';
  if (typeNode) {
    const v = typeNode.kind === 'scalar' ? typeNode.value : undefined;
    if (v === 'direct' || v === 'reverse') type = v;
    else ctx.error(typeNode, `Invalid DSL: workflow 'type' must be 'direct' or 'reverse', got ${showNode(typeNode)}`);
  }

  const wf: WorkflowSpec = {
    name: fullName,
    type,
    tags: [],
    input: [],
    vars: {},
    taskDefaults: readTaskDefaults(ctx, entry(node, 'task-defaults')),
    tasks: {},
    pos: keyNode.pos,
  };
  if (workbook) wf.workbook = workbook;
  const description = entry(node, 'description');
  if (description && checkString(ctx, description, 'description')) wf.description = String(description.value);
  const tags = entry(node, 'tags');
  if (tags) wf.tags = checkUniqueStringList(ctx, tags, 'tags');
  const input = entry(node, 'input');
  if (input) wf.input = readInputParams(ctx, input);
  for (const [key, field] of [['output', 'output'], ['output-on-error', 'outputOnError'], ['vars', 'vars']] as const) {
    const v = entry(node, key);
    if (v && checkNonEmptyDict(ctx, v, key)) {
      wf[field] = toPlain(v) as Record<string, unknown>;
      ctx.expressions(v);
    }
  }

  const tasksNode = entry(node, 'tasks');
  if (requireKey(ctx, node, 'tasks') && tasksNode) readTasks(ctx, wf, tasksNode);
  if (Object.keys(wf.tasks).length === 0) return wf;

  checkReferences(ctx, wf, type, tasksNode as YMap);
  if (ctx.sink.errors.length === errorsBefore && type === 'direct') checkGraph(ctx, wf, tasksNode as YMap);
  return wf;
}

function readTasks(ctx: CheckContext, wf: WorkflowSpec, tasksNode: YNode): void {
  if (tasksNode.kind !== 'map') {
    ctx.error(tasksNode, `Invalid DSL: 'tasks' must be a dict of tasks, got ${showNode(tasksNode)}`);
    return;
  }
  if (tasksNode.entries.length === 0) {
    ctx.error(tasksNode, "Workflow doesn't have any tasks");
    return;
  }
  for (const e of tasksNode.entries) {
    const task = readTask(ctx, e.key, e.keyNode, e.value, wf.type);
    if (task) wf.tasks[e.key] = task;
  }
}

/** `Task 'x' not found.` for every transition or requirement naming an unknown task. */
function checkReferences(ctx: CheckContext, wf: WorkflowSpec, type: 'direct' | 'reverse', tasksNode: YMap): void {
  const exists = (name: string) => Object.prototype.hasOwnProperty.call(wf.tasks, name);
  const checkNext = (next: Transition[]) => {
    for (const t of next) if (!t.command && !exists(t.target)) ctx.error(t.pos, `Task '${t.target}' not found.`);
  };
  if (type === 'direct') {
    for (const task of Object.values(wf.tasks)) {
      for (const c of [task.onSuccess, task.onError, task.onComplete]) if (c) checkNext(c.next);
    }
    for (const c of [wf.taskDefaults.onSuccess, wf.taskDefaults.onError, wf.taskDefaults.onComplete]) {
      if (c) checkNext(c.next);
    }
    return;
  }
  for (const task of Object.values(wf.tasks)) {
    const reqNode = entry(tasksNode.entries.find((e) => e.key === task.name)?.value as YMap, 'requires');
    for (const req of task.requires) {
      if (exists(req)) continue;
      const at = reqNode?.kind === 'seq' ? reqNode.items.find((i) => i.kind === 'scalar' && i.value === req) : reqNode;
      ctx.error(at ?? task.pos, `Task '${req}' not found.`);
    }
  }
  for (const req of wf.taskDefaults.requires) if (!exists(req)) ctx.error(wf.pos, `Task '${req}' not found.`);
}

/** Start tasks and join inbound counts (direct workflows). */
function checkGraph(ctx: CheckContext, wf: WorkflowSpec, tasksNode: YMap): void {
  if (startTasks(wf).length === 0) {
    ctx.error(
      tasksNode,
      'Failed to find start tasks in direct workflow. There must be at least one task without inbound transition. ' +
        `[workflow_name=${wf.name}]`,
    );
  }
  for (const task of Object.values(wf.tasks)) {
    if (task.join === undefined) continue;
    const inbound = inboundTasks(wf, task.name).length;
    const joinNode = entry(tasksNode.entries.find((e) => e.key === task.name)?.value as YMap, 'join');
    if (task.join === 'all' && inbound === 0) {
      ctx.error(joinNode, `No inbound tasks for task with 'join: all' [task_name=${task.name}]`);
    } else if (typeof task.join === 'number' && inbound < task.join) {
      ctx.error(
        joinNode,
        `Not enough inbound tasks for task with 'join' [task_name=${task.name}, join=${task.join}, inbound_tasks=${inbound}]`,
      );
    }
  }
}
