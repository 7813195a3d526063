/**
 * Argument readers shared by the Mistral-style commands: definition files and JSON-or-file arguments as
 * python-mistralclient takes them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** Reads a definition file; a clear error names the file when it cannot be read. */
export function readDefinitionFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`${path}: cannot read file${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`);
  }
}

/**
 * Reads a JSON object argument as mistralclient does (`input_json|file`): inline JSON, a path to a JSON or YAML file,
 * or `@file`. Errors name the argument.
 */
export function readObject(value: string | undefined, what: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const path = value.startsWith('@') ? value.slice(1) : !value.trim().startsWith('{') && existsSync(value) ? value : undefined;
  let parsed: unknown;
  if (path !== undefined) {
    const text = readDefinitionFile(path);
    try {
      parsed = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
    } catch (err) {
      throw new Error(`${what}: ${path} is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'} (${(err as Error).message.split('\n')[0]})`);
    }
  } else {
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      throw new Error(`${what}: not valid JSON and not a file (${(err as Error).message})`);
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${what}: a JSON object is expected`);
  return parsed as Record<string, unknown>;
}
