import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeProblem,
  problemQuestion,
  problemWindow,
  problemsOnLine,
  type ProblemFact,
  type ProblemQuestionInput,
} from '../../src/core/selection/problemPrompt';
import { renderUserMessage } from '../../src/core/selection/selectionPrompt';

function fact(overrides: Partial<ProblemFact> = {}): ProblemFact {
  return {
    message: "Type 'string' is not assignable to type 'number'.",
    severity: 'error',
    startLine: 7,
    startColumn: 7,
    endLine: 7,
    source: 'ts',
    code: '2322',
    ...overrides,
  };
}

/** A 20-line document "line 1" … "line 20" and the text of lines `from`-`to` as the editor would give it. */
function linesText(from: number, to: number): string {
  return Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`).join('\n');
}

function question(overrides: Partial<ProblemQuestionInput> = {}): ProblemQuestionInput {
  return {
    action: 'fix',
    path: 'src/broken.ts',
    languageId: 'typescript',
    uri: 'file:///w/src/broken.ts',
    problems: [fact()],
    window: { startLine: 1, endLine: 17, text: linesText(1, 17) },
    problem: { startLine: 7, endLine: 7, text: linesText(7, 7) },
    maxChars: 100_000,
    ...overrides,
  };
}

describe('problemsOnLine', () => {
  it('takes every diagnostic touching the line, in position order, and the lines they span', () => {
    const onLine = problemsOnLine(
      [
        fact({ startLine: 7, startColumn: 20, message: 'second' }),
        fact({ startLine: 3, endLine: 3, message: 'elsewhere' }),
        fact({ startLine: 6, endLine: 8, startColumn: 1, message: 'spans 6-8' }),
        fact({ startLine: 7, startColumn: 2, message: 'first' }),
      ],
      7,
    );
    assert.deepEqual(
      onLine?.problems.map((p) => p.message),
      ['spans 6-8', 'first', 'second'],
    );
    assert.equal(onLine?.startLine, 6);
    assert.equal(onLine?.endLine, 8);
  });

  it('is undefined when the line has no diagnostic any more', () => {
    assert.equal(problemsOnLine([fact({ startLine: 3, endLine: 3 })], 7), undefined);
  });
});

describe('problemWindow', () => {
  it('takes ten lines above and below, clipped to the document', () => {
    assert.deepEqual(problemWindow(15, 16, 100), { startLine: 5, endLine: 26 });
    assert.deepEqual(problemWindow(3, 3, 8), { startLine: 1, endLine: 8 });
    assert.deepEqual(problemWindow(1, 1, 1), { startLine: 1, endLine: 1 });
  });
});

describe('describeProblem', () => {
  it('names severity, code, source, line and column, and keeps a multi-line message one list item', () => {
    assert.equal(
      describeProblem(fact({ message: "Type '{ a: 1 }' is not assignable to type 'B'.\n  Property 'b' is missing." })),
      "- error 2322 (ts) at line 7, column 7: Type '{ a: 1 }' is not assignable to type 'B'.\n    Property 'b' is missing.",
    );
    assert.equal(
      describeProblem(fact({ code: undefined, source: undefined, severity: 'warning' })),
      "- warning at line 7, column 7: Type 'string' is not assignable to type 'number'.",
    );
  });
});

describe('problemQuestion', () => {
  it('Fix sends the messages, the code around the problem for reading, then the problem line as the replace target', () => {
    const built = problemQuestion(question({ problems: [fact(), fact({ startColumn: 15, message: 'Second message.', code: '2588' })] }));
    assert.ok(built.ok);
    assert.equal(built.contexts.length, 2);
    const [around, target] = built.contexts;
    assert.deepEqual([around?.startLine, around?.endLine, around?.uri], [1, 17, undefined], 'the window has no uri: Replace Selection never aims at it');
    assert.deepEqual([target?.startLine, target?.endLine, target?.uri, target?.code], [7, 7, 'file:///w/src/broken.ts', 'line 7']);
    const sent = renderUserMessage({ text: built.text, contexts: built.contexts });
    assert.ok(sent.startsWith('Fix these 2 problems reported on line 7 of src/broken.ts:\n'), sent);
    assert.ok(sent.includes("- error 2322 (ts) at line 7, column 7: Type 'string' is not assignable to type 'number'."), sent);
    assert.ok(sent.includes('- error 2588 (ts) at line 7, column 15: Second message.'), sent);
    assert.ok(sent.includes('Reply with the corrected line 7 in one code block that replaces exactly that line'), sent);
    assert.ok(sent.includes('src/broken.ts, lines 1-17:\n```typescript\nline 1\n'), sent);
    assert.ok(sent.endsWith('src/broken.ts, line 7:\n```typescript\nline 7\n```'), sent);
  });

  it('Explain asks what the problem means and lists it, with the same code', () => {
    const built = problemQuestion(question({ action: 'explain' }));
    assert.ok(built.ok);
    assert.match(built.text, /^Explain this problem reported on line 7 of src\/broken\.ts: what it means/);
    assert.ok(built.text.includes("Type 'string' is not assignable"));
    assert.equal(built.contexts.length, 2);
  });

  it('sends one context when the window is the problem itself (a one-line file)', () => {
    const built = problemQuestion(question({ window: { startLine: 1, endLine: 1, text: 'x' }, problem: { startLine: 1, endLine: 1, text: 'x' } }));
    assert.ok(built.ok);
    assert.deepEqual(
      built.contexts.map((c) => [c.startLine, c.uri]),
      [[1, 'file:///w/src/broken.ts']],
    );
  });

  it('a problem on a blank line (a missing brace at the end) makes the window the target', () => {
    const built = problemQuestion(
      question({ problem: { startLine: 17, endLine: 17, text: '   ' }, window: { startLine: 7, endLine: 17, text: linesText(7, 17) } }),
    );
    assert.ok(built.ok);
    assert.deepEqual(
      built.contexts.map((c) => [c.startLine, c.endLine, c.uri]),
      [[7, 17, 'file:///w/src/broken.ts']],
    );
    assert.ok(built.text.includes('Reply with the corrected lines 7-17 in one code block that replaces exactly those lines'), built.text);
  });

  it('a window longer than cometapi.maxContextCharacters is cut with a visible notice, and the fix asks only for what was sent', () => {
    const long = Array.from({ length: 17 }, (_, i) => `${String(i + 1).padStart(99, '0')}`).join('\n');
    const built = problemQuestion(
      question({
        window: { startLine: 1, endLine: 17, text: long },
        problem: { startLine: 7, endLine: 17, text: long.split('\n').slice(6).join('\n') },
        maxChars: 1000,
      }),
    );
    assert.ok(built.ok);
    const target = built.contexts[built.contexts.length - 1];
    assert.equal(target?.truncatedAtLine, 16, 'ten 100-character lines fit in 1,000 characters');
    assert.ok(renderUserMessage({ text: built.text, contexts: built.contexts }).includes('(cut to fit: lines 7-16 of 7-17 included)'));
    assert.ok(built.text.includes('Reply with the corrected lines 7-16'), built.text);
  });

  it('refuses, with the reason, when there is nothing but whitespace around the problem', () => {
    const built = problemQuestion(question({ window: { startLine: 1, endLine: 2, text: '\n' }, problem: { startLine: 2, endLine: 2, text: '' } }));
    assert.equal(built.ok, false);
    assert.match(built.ok ? '' : built.reason, /empty or only whitespace/);
  });
});
