import { describe, expect, it } from 'vitest';
import { SpecValidationError, formatSpecError } from '../../interpreter/spec/errors';
import { parseDefinition } from '../../interpreter/spec/parse';

describe('error reporting', () => {
  it('formats errors as file:line:col: message', () => {
    expect(formatSpecError({ file: 'a.yaml', line: 3, col: 7, message: "Task 'x' not found." })).toBe(
      "a.yaml:3:7: Task 'x' not found.",
    );
  });

  it('SpecValidationError carries every error and lists them all in its message, sorted by position', () => {
    const { errors, definition } = parseDefinition(
      "version: '2.0'\nwf:\n  tasks:\n    t1:\n      on-success: t3\n      bogus: 1\n    t2:\n      on-error: t4\n",
      { file: 'b.yaml' },
    );
    expect(definition).toBeUndefined();
    const err = new SpecValidationError(errors);
    expect(err.errors).toHaveLength(3);
    expect(err.message).toBe(errors.map(formatSpecError).join('\n'));
    expect(err.message.split('\n').map((l) => l.split(': ')[0])).toEqual(['b.yaml:5:19', 'b.yaml:6:7', 'b.yaml:8:17']);
    expect(err).toBeInstanceOf(Error);
  });

  it("uses '<definition>' as the file name when none is given", () => {
    expect(parseDefinition('- 1\n').errors[0].file).toBe('<definition>');
  });
});
