/**
 * Mistral's one-line parameter syntax: `std.http url="x" method="GET" n=1`, `fail msg=<% $.m %>`,
 * `fail(msg='x')`, `count=3 delay=1 break-on=<% ... %>`.
 *
 * Same rules as Mistral's `_parse_cmd_and_input`: a value is a double- or single-quoted string (kept as a string,
 * quotes removed), an expression (kept as written), a `[...]` list, `true`, `false`, `null` or digits (JSON-decoded
 * when possible). Anything else (an unquoted word such as `output=hello`, a negative or decimal number's tail) is
 * silently DROPPED, exactly like Mistral (checked with the oracle: `std.echo output=hello` → "missing output").
 */

const QUOTED = String.raw`"[^"]*"\s*`;
const APOSTROPHED = String.raw`'[^']*'\s*`;
const EXPRESSION = String.raw`\{\{.*?\}\}|<%.*?%>`;
const BRACKETS = String.raw`\[.*\]\s*`;
const VALUE = [QUOTED, APOSTROPHED, EXPRESSION, BRACKETS, 'true', 'false', 'null', String.raw`\d+`].join('|');
const PARAMS = new RegExp(String.raw`([-_\w]+)=(${VALUE})`, 'g');
const COMMAND = /^([\w.]+[^=(\s"]*|<%.*?%>|\{\{.*\}\}|\{%.*%\})/;

/** One parsed `key=value`; `index` is where the (unquoted) value text starts in the parsed string. */
export interface InlineParam {
  key: string;
  value: unknown;
  /** The value's text as written, without quotes. */
  text: string;
  index: number;
}

export interface ParsedCommand {
  /** The command part: an action/workflow/task name or an expression. */
  name: string;
  params: Record<string, unknown>;
  found: InlineParam[];
}

/**
 * Splits `name k=v ...` into the name and its parameters. Returns undefined when the string has parameters but does
 * not start with a name or an expression (Mistral: "Invalid action/workflow task property: ...").
 * A string without spaces or `(` is a bare name.
 */
export function parseCommand(text: string): ParsedCommand | undefined {
  if (!/[\s(]/.test(text)) return { name: text, params: {}, found: [] };
  const cmd = COMMAND.exec(text);
  if (!cmd) return undefined;
  const found = parseParams(text);
  const params: Record<string, unknown> = {};
  for (const p of found) params[p.key] = p.value;
  return { name: cmd[0], params, found };
}

/** Finds every `key=value` in `text` (values decoded as described in the file comment). */
export function parseParams(text: string): InlineParam[] {
  const out: InlineParam[] = [];
  for (const m of text.matchAll(PARAMS)) {
    const key = m[1];
    const raw = m[2];
    const stripped = raw.trim();
    let index = (m.index ?? 0) + key.length + 1;
    let value: unknown;
    let shown = stripped;
    if (stripped.startsWith('"') || stripped.startsWith("'")) {
      shown = stripped.slice(1, -1);
      value = shown;
      index += 1;
    } else {
      value = decodeJson(stripped);
    }
    out.push({ key, value, text: shown, index });
  }
  return out;
}

function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
