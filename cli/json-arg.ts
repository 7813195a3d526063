import { readFileSync } from 'node:fs';

/**
 * Reads a CLI JSON argument: inline JSON, `@file.json`, or a path to an existing .json/.yaml file (as mistralclient
 * accepts `input_json|file`). Must be an object. Errors name the option.
 */
export function readJsonArg(value: string | undefined, option: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch (err) {
      throw new Error(`${option}: cannot read ${value.slice(1)} (${(err as NodeJS.ErrnoException).code ?? err})`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${option}: not valid JSON (${(err as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${option}: a JSON object is expected`);
  }
  return parsed as Record<string, unknown>;
}
