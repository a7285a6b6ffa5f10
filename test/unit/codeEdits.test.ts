import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitInsertion, fitReplacement, locateOriginal, withLineBreaks } from '../../src/core/selection/codeEdits';

describe('locateOriginal', () => {
  it('finds the original code in the lines it came from, even when the selection started mid-line', () => {
    const region = '  const x = compute(a, b);\n';
    const span = locateOriginal(region, 'compute(a, b)');
    assert.deepEqual(span, { start: 12, end: 25 });
    assert.equal(region.slice(span?.start, span?.end), 'compute(a, b)');
  });

  it('finds a whole-line selection that includes its final line break', () => {
    assert.deepEqual(locateOriginal('a();\nb();\n', 'a();\nb();\n'), { start: 0, end: 10 });
  });

  it('reports changed code as not found', () => {
    assert.equal(locateOriginal('a();\nB();\n', 'a();\nb();\n'), undefined);
  });

  it('refuses to guess when the code appears twice', () => {
    assert.equal(locateOriginal('x = x + 1', 'x'), undefined);
  });
});

describe('fitReplacement', () => {
  it('keeps the line break a whole-line selection ended with, so the next line stays on its own line', () => {
    assert.equal(fitReplacement('old();\n', 'fresh();', '', '\n'), 'fresh();\n');
  });

  it('does not add a line break the replaced text did not have', () => {
    assert.equal(fitReplacement('old()', 'fresh()\n', 'x = ', '\n'), 'fresh()');
  });

  it('indents flush-left code like the lines it replaces', () => {
    const replaced = '    if (a) {\n      b();\n    }\n';
    assert.equal(fitReplacement(replaced, 'if (a) {\n  c();\n}', '', '\n'), '    if (a) {\n      c();\n    }\n');
  });

  it('indents only the following lines when the selection started after the indentation', () => {
    assert.equal(fitReplacement('if (a) {\n    b();\n    }', 'if (a) {\n  c();\n}', '    ', '\n'), 'if (a) {\n      c();\n    }');
  });

  it('leaves code the model indented itself alone', () => {
    assert.equal(fitReplacement('    a();\n', '    b();\n    c();', '', '\n'), '    b();\n    c();\n');
  });

  it("writes the document's own line endings", () => {
    assert.equal(fitReplacement('a();\r\nb();\r\n', 'c();\nd();\n', '', '\r\n'), 'c();\r\nd();\r\n');
  });
});

describe('fitInsertion', () => {
  it("puts code inserted in a line's indentation on lines of its own, ahead of that line's text", () => {
    // Cursor after the indentation of "    return x;".
    assert.equal(fitInsertion('log(x);\nlog(y);\n', '    ', 'return x;', '\n'), 'log(x);\n    log(y);\n    ');
  });

  it('inserts into an empty line without adding a blank line', () => {
    assert.equal(fitInsertion('a();\n', '', '', '\n'), 'a();');
  });

  it('inserts mid-line code as it is', () => {
    assert.equal(fitInsertion('b', 'f(a, ', ')', '\n'), 'b');
  });

  it("writes the document's own line endings", () => {
    assert.equal(fitInsertion('a();\nb();', '', '', '\r\n'), 'a();\r\nb();');
    assert.equal(withLineBreaks('a\r\nb\rc\nd', '\n'), 'a\nb\nc\nd');
  });
});
