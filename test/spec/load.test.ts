import { describe, expect, it } from 'vitest';
import { SpecValidationError, loadDefinition } from '../../interpreter/spec';

describe('loadDefinition (real expression checker)', () => {
  it('returns the definition when everything is valid', () => {
    const def = loadDefinition("version: '2.0'\nwf:\n  tasks:\n    t1:\n      action: std.echo output=<% $.a + 1 %>\n", 'wf.yaml');
    expect(def.workflows.wf.tasks.t1.inlineParams).toEqual({ output: '<% $.a + 1 %>' });
  });

  it('throws SpecValidationError with expression syntax errors located in the file (oracle also rejects at upload)', () => {
    const text = "version: '2.0'\nwf:\n  tasks:\n    t1:\n      action: std.echo output=<% $.a + %>\n      publish:\n        x: <% 1 %> {{ 2 }}\n";
    let caught: unknown;
    try {
      loadDefinition(text, 'wf.yaml');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SpecValidationError);
    const errors = (caught as SpecValidationError).errors;
    expect(errors.map((e) => `${e.line}:${e.col}`)).toEqual(['5:39', '7:12']);
    expect(errors[1].message).toBe(
      "The line already contains an expression of type 'jinja'. Mixing expression types in a single line is not allowed.",
    );
  });

  it('uses <definition> as the file when none is given', () => {
    expect(() => loadDefinition('version: 3\nwf:\n  tasks:\n    t1: {action: std.noop}\n')).toThrow(
      /^<definition>:1:10: Unsupported DSL version: 3$/,
    );
  });
});
