/**
 * The `<kind>-create/update/list/get/get-definition/delete/validate` commands of workflows, workbooks and ad-hoc
 * actions, as python-mistralclient has them, over the definition store.
 */
import type { Command } from 'commander';
import { parseForKind } from '../../store/registry-state';
import type { DefinitionKind, PutResult } from '../../store/types';
import type { Tramontane } from '../../client/index';
import { readDefinitionFile } from './args';
import { formatOf, printList, printOne, type Column, withFormat } from './format';
import { offline, withTramontane } from './session';

/** What differs between workflows, workbooks and actions. */
export interface DefinitionKindSpec<R extends { name: string; definition?: string }> {
  kind: DefinitionKind;
  /** Word used in help and messages: `workflow`, `workbook`, `action`. */
  noun: string;
  columns: Column<R>[];
  /** Records a write returned, to print. */
  written(res: PutResult): R[];
  /** All records for `list` (actions add the system ones). */
  list(t: Tramontane, namespace?: string): Promise<R[]>;
  /** One record by name or id. */
  get(t: Tramontane, identifier: string, namespace: string): Promise<R | undefined>;
  /** Mistral's not-found message. */
  notFound(identifier: string, namespace: string): string;
}

interface NsOpts {
  namespace?: string;
  public?: boolean;
  format?: string;
}

/** Registers the seven commands of one definition kind. */
export function registerDefinitionCommands<R extends { name: string; definition?: string }>(program: Command, spec: DefinitionKindSpec<R>): void {
  const { kind, noun } = spec;
  for (const mode of ['create', 'update'] as const) {
    withFormat(
      program
        .command(`${noun}-${mode}`)
        .description(`${mode === 'create' ? 'Create' : 'Update'} ${noun === 'action' ? 'ad-hoc actions' : `${noun}s`} from a Mistral v2 file (refused with file:line:col errors when invalid)`)
        .argument('<file>', `${noun} definition file (YAML)`)
        .option('--namespace <namespace>', 'Mistral namespace', '')
        .option('--public', "scope 'public' (default 'private')"),
    ).action((file: string, o: NsOpts) =>
      withTramontane(async (t) => {
        const format = formatOf(o);
        const text = readDefinitionFile(file);
        const res = await t.store.putDefinition({ kind, mode, text, file, namespace: o.namespace ?? '', scope: o.public ? 'public' : 'private' });
        printList(spec.written(res), spec.columns, format);
      }),
    );
  }

  withFormat(
    program
      .command(`${noun}-list`)
      .description(`List ${noun === 'action' ? 'actions (system and ad-hoc)' : `${noun}s`} of every namespace, or of one`)
      .option('--namespace <namespace>', 'only this namespace'),
  ).action((o: NsOpts) =>
    withTramontane(async (t) => {
      const format = formatOf(o);
      printList(await spec.list(t, o.namespace), spec.columns, format);
    }),
  );

  withFormat(
    program
      .command(`${noun}-get`)
      .description(`Show ${noun === "action" ? "an" : "a"} ${noun} by name or id`)
      .argument('<identifier>', 'name or id')
      .option('--namespace <namespace>', 'Mistral namespace', ''),
  ).action((identifier: string, o: NsOpts) =>
    withTramontane(async (t) => {
      const format = formatOf(o);
      const rec = await spec.get(t, identifier, o.namespace ?? '');
      if (!rec) throw new Error(spec.notFound(identifier, o.namespace ?? ''));
      printOne(rec, spec.columns, format);
    }),
  );

  program
    .command(`${noun}-get-definition`)
    .description(`Print the stored definition text of ${noun === "action" ? "an" : "a"} ${noun}`)
    .argument('<identifier>', 'name or id')
    .option('--namespace <namespace>', 'Mistral namespace', '')
    .action((identifier: string, o: NsOpts) =>
      withTramontane(async (t) => {
        const rec = await spec.get(t, identifier, o.namespace ?? '');
        if (!rec) throw new Error(spec.notFound(identifier, o.namespace ?? ''));
        if (rec.definition === undefined) throw new Error(`${rec.name} is a system action: it has no definition`);
        process.stdout.write(rec.definition.endsWith('\n') ? rec.definition : `${rec.definition}\n`);
      }),
    );

  program
    .command(`${noun}-delete`)
    .description(`Delete ${noun}s by name or id${noun === 'workbook' ? ' (with their workflows and actions)' : ''}`)
    .argument('<identifier...>', 'names or ids')
    .option('--namespace <namespace>', 'Mistral namespace', '')
    .action((identifiers: string[], o: NsOpts) =>
      withTramontane(async (t) => {
        let failed = 0;
        for (const identifier of identifiers) {
          try {
            await t.store.delete({ kind, identifier, namespace: o.namespace ?? '' });
            console.log(`Request to delete ${noun} ${identifier} has been accepted.`);
          } catch (err) {
            failed++;
            process.stderr.write(`${(err as Error).message}\n`);
          }
        }
        if (failed) throw new Error(`Unable to delete the specified ${noun}(s).`);
      }),
    );

  withFormat(
    program
      .command(`${noun}-validate`)
      .description(`Validate ${noun === "action" ? "an" : "a"} ${noun} file without storing it (errors as file:line:col: message)`)
      .argument('<file>', `${noun} definition file (YAML)`),
  ).action((file: string, o: NsOpts) =>
    offline(() => {
      const format = formatOf(o);
      const text = readDefinitionFile(file);
      let error: string | null = null;
      try {
        parseForKind({ kind, mode: 'create', text, file });
      } catch (err) {
        error = (err as Error).message;
      }
      const result = { valid: error === null, error };
      printOne(result, [['Valid', (r) => r.valid], ['Error', (r) => r.error]], format);
      return error === null ? 0 : 1;
    }),
  );
}
