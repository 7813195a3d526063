import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defOf, errorsOf } from './helpers';

const TASKS = '  tasks:\n    t1:\n      action: std.noop\n';

describe('document level', () => {
  it("accepts version '2.0' and 2.0", () => {
    expect(defOf(`version: '2.0'\nwf:\n${TASKS}`).kind).toBe('workflows');
    expect(defOf(`version: 2.0\nwf:\n${TASKS}`).kind).toBe('workflows');
  });

  it('rejects another version with Mistral\'s message (Mistral 15 only checks it for workbooks: oracle)', () => {
    expect(errorsOf(`version: '2.1'\nwf:\n${TASKS}`)).toEqual(['wf.yaml:1:10: Unsupported DSL version: 2.1']);
    expect(errorsOf(`version: 1.0\nwf:\n${TASKS}`)).toEqual(['wf.yaml:1:10: Unsupported DSL version: 1']);
  });

  it('requires a version (oracle: "\'version\' is a required property")', () => {
    expect(errorsOf(`wf:\n${TASKS}`)).toEqual(["wf.yaml:1:1: Invalid DSL: 'version' is a required property"]);
  });

  it('rejects an empty file, a list and a file with no workflow', () => {
    expect(errorsOf('')).toEqual(["wf.yaml:1:1: Invalid DSL: the definition is empty ('version' is a required property)"]);
    expect(errorsOf('- a\n- b\n')).toEqual([
      "wf.yaml:1:1: Invalid DSL: the definition must be a dict ('version' and workflows), got a list",
    ]);
    expect(errorsOf("version: '2.0'\n")).toEqual([
      'wf.yaml:1:1: At least one item must be in the list: the file defines no workflow',
    ]);
  });

  it('reads several workflows from one file, in order', () => {
    const def = defOf(`version: '2.0'\nfirst:\n${TASKS}second:\n  type: reverse\n${TASKS}`);
    expect(Object.keys(def.workflows)).toEqual(['first', 'second']);
    expect(def.workflows.second.type).toBe('reverse');
    expect(def.workflows.first.pos).toEqual({ line: 2, col: 1 });
  });

  it('rejects a workflow named like a UUID (oracle message)', () => {
    expect(errorsOf(`version: '2.0'\n12345678-1234-1234-1234-123456789012:\n${TASKS}`)).toEqual([
      'wf.yaml:2:1: Workflow name cannot be in the format of UUID.',
    ]);
  });

  it('rejects a workflow that is not a dict', () => {
    expect(errorsOf("version: '2.0'\nwf: 5\n")).toEqual(["wf.yaml:2:5: Invalid DSL: workflow 'wf' must be a dict, got 5"]);
  });
});

describe('workbooks', () => {
  const wb = `version: '2.0'
name: wb
description: My book
tags: [ops]
actions:
  greet:
    base: std.echo output="hi"
    input:
      - who
      - punct: '!'
    output: <% $ %>
workflows:
  version: '2.0'
  main:
    tasks:
      t1:
        action: greet who="me"
        on-success: t2
      t2:
        workflow: helper
  helper:
${TASKS.replace(/^/gm, '  ')}`;

  it('qualifies workflow and action names with the workbook name', () => {
    const def = defOf(wb);
    expect(def.kind).toBe('workbook');
    expect(def.name).toBe('wb');
    expect(def.description).toBe('My book');
    expect(def.tags).toEqual(['ops']);
    expect(Object.keys(def.workflows)).toEqual(['wb.main', 'wb.helper']);
    expect(def.workflows['wb.main'].workbook).toBe('wb');
    expect(def.actions['wb.greet']).toEqual({
      name: 'wb.greet',
      workbook: 'wb',
      tags: [],
      base: 'std.echo',
      baseInlineParams: { output: 'hi' },
      baseInput: {},
      input: [
        { name: 'who', required: true },
        { name: 'punct', required: false, default: '!' },
      ],
      output: '<% $ %>',
      pos: { line: 6, col: 3 },
    });
    // References stay as written: the engine resolves `<wb>.x` first, then `x`.
    expect(def.workflows['wb.main'].tasks.t1.action).toBe('greet');
    expect(def.workflows['wb.main'].tasks.t2.workflow).toBe('helper');
  });

  it('rejects unknown workbook keys and a missing name (oracle messages)', () => {
    expect(errorsOf(`version: '2.0'\nworkflows:\n  wf:\n  ${TASKS.replace(/\n(?=.)/g, '\n  ')}foo: 1\n`)).toEqual([
      "wf.yaml:1:1: Invalid DSL: 'name' is a required property",
      "wf.yaml:7:1: Invalid DSL: Additional properties are not allowed ('foo' was unexpected). Allowed in a workbook: version, name, description, tags, workflows, actions",
    ]);
  });

  it('rejects workbook workflow names with dots (oracle: does not match ^(?!version$)[\\w-]+$)', () => {
    expect(errorsOf(`version: '2.0'\nname: wb\nworkflows:\n  my.wf:\n  ${TASKS.replace(/\n(?=.)/g, '\n  ')}`)).toEqual([
      "wf.yaml:4:3: Invalid DSL: 'my.wf' is not a valid name in 'workflows' (letters, digits, '_' and '-' only)",
    ]);
  });

  it('checks the version of a section and of the workbook (oracle: "Unsupported DSL version: 2.1")', () => {
    expect(errorsOf(`version: '2.1'\nname: wb\nworkflows:\n  version: 3\n  wf:\n  ${TASKS.replace(/\n(?=.)/g, '\n  ')}`)).toEqual([
      'wf.yaml:1:10: Unsupported DSL version: 2.1',
      'wf.yaml:4:12: Unsupported DSL version: 3',
    ]);
  });
});

describe('ad-hoc action files', () => {
  it('reads a standalone action file', () => {
    const def = defOf("version: '2.0'\nsay:\n  base: std.echo\n  base-input:\n    output: <% $.text %>\n  input: [text]\n");
    expect(def.kind).toBe('actions');
    expect(def.actions.say.baseInput).toEqual({ output: '<% $.text %>' });
    expect(def.actions.say.output).toBeUndefined();
  });

  it('rejects unknown action keys, and requires base (oracle messages)', () => {
    expect(errorsOf("version: '2.0'\nname: wb\nactions:\n  a1:\n    input: [x]\n    foo: 1\n")).toEqual([
      "wf.yaml:5:5: Invalid DSL: 'base' is a required property",
      "wf.yaml:6:5: Invalid DSL: Additional properties are not allowed ('foo' was unexpected). Allowed in an ad-hoc action: base, base-input, input, output, description, tags",
    ]);
  });
});

describe('seed examples', () => {
  const dir = '/work/shared/examples';
  it('accepts the three valid examples', () => {
    for (const f of ['cinder_backup_workbook.yaml', 'upgrade_kernel.yaml', 'upgrade_kernel_v1.yaml']) {
      expect(errorsOf(readFileSync(`${dir}/${f}`, 'utf8')), f).toEqual([]);
    }
  });

  it('normalizes the cinder backup workbook', () => {
    const def = defOf(readFileSync(`${dir}/cinder_backup_workbook.yaml`, 'utf8'));
    const wf = def.workflows['sample_backup_workbook.create_backups_workflow'];
    expect(wf.input[0]).toEqual({ name: 'projects_id_list', required: false, default: null });
    const snap = wf.tasks.create_snapshots;
    expect(snap.action).toBe('cinder.volume_snapshots_create');
    expect(snap.inlineParams).toEqual({
      volume_id: '<% $.volume_id_to_snapshot %>',
      force: true,
      name: '<% $.snapshot_name %>',
      description: 'Temporaray snapshot created by Mistral for backup purpose',
    });
    expect(wf.tasks.create_backups.withItems).toEqual([
      { var: 'snap_id', collection: '<% task(create_snapshots).result.id %>' },
      { var: 'vol_id', collection: '<% task(create_snapshots).result.volume_id %>' },
    ]);
    expect(wf.tasks.wait_for_backups_completion.policies).toEqual({
      waitBefore: 10,
      timeout: 300,
      retry: { count: 30, delay: 10, continueOn: '<% creating in task(wait_for_backups_completion).result.status %>' },
    });
  });
});
