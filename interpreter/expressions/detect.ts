/** How Mistral finds expressions in a string value (the regular expressions of its two evaluators). */

/** Mistral's `INLINE_YAQL_REGEXP`: `<% ... %>`, non-greedy, on one line. */
export const YAQL_PATTERN = /<%.*?%>/g;
/** Mistral's `JINJA_REGEXP`: `{{ ... }}`, non-greedy, on one line (group 1 is the inner text). */
export const JINJA_EXPRESSION_PATTERN = /\{\{(.*?)\}\}/g;
/** Mistral's `JINJA_BLOCK_REGEXP`: `{% ... %}`. */
export const JINJA_BLOCK_PATTERN = /\{%(.*?)%\}/;

/** True if Mistral treats the string as Jinja (`{{ }}` or `{% %}` somewhere). */
export function isJinja(s: string): boolean {
  return /\{\{.*?\}\}/.test(s) || JINJA_BLOCK_PATTERN.test(s);
}

/** True if Mistral treats the string as YAQL (`<% %>` somewhere). */
export function isYaql(s: string): boolean {
  return /<%.*?%>/.test(s);
}

/** Every `<% %>` occurrence, in order, with its offset. */
export function findYaql(s: string): { text: string; index: number }[] {
  return [...s.matchAll(YAQL_PATTERN)].map((m) => ({ text: m[0], index: m.index! }));
}

/** Python's `str.strip("<%>")`: removes any of `<`, `%`, `>` from both ends (Mistral's way to unwrap `<% %>`). */
export function stripYaqlDelimiters(text: string): { inner: string; lead: number } {
  let a = 0;
  let b = text.length;
  while (a < b && '<%>'.includes(text[a])) a++;
  while (b > a && '<%>'.includes(text[b - 1])) b--;
  return { inner: text.slice(a, b), lead: a };
}

/**
 * True if a string contains a YAQL or Jinja expression, by Mistral's detection rules (`<% %>`, `{{ }}`, `{% %}`,
 * each on one line).
 */
export function hasExpression(value: string): boolean {
  return isJinja(value) || isYaql(value);
}
