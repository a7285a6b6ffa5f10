import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lexer, type Tokens } from 'marked';
import { buildContext, explainInstruction, fenceFor, looksBinary, renderUserMessage, type SelectionInput } from '../../src/core/selection/selectionPrompt';
import type { CodeContext } from '../../src/shared/conversation';
import { contextLabel, formatCount, formatLineRange, truncationNotice } from '../../src/shared/selectionText';

function input(overrides: Partial<SelectionInput> = {}): SelectionInput {
  return { path: 'src/app.ts', languageId: 'typescript', startLine: 3, endLine: 5, text: 'a();\nb();\nc();', maxChars: 100_000, ...overrides };
}

function built(overrides: Partial<SelectionInput> = {}): CodeContext {
  const result = buildContext(input(overrides));
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.context;
}

/** The code blocks a CommonMark parser finds in the rendered message: what the model will see as code. */
function codeBlocksOf(markdown: string): Tokens.Code[] {
  return new Lexer().lex(markdown).filter((token): token is Tokens.Code => token.type === 'code');
}

function lines(count: number, width = 9): string {
  return Array.from({ length: count }, (_, i) => `${String(i + 1).padStart(width - 1, '0')};`).join('\n');
}

describe('renderUserMessage', () => {
  it('puts the instruction first, then the path and line range, then the code fenced with the language id', () => {
    const text = renderUserMessage({ text: 'Explain this.', contexts: [built()] });
    assert.equal(text, 'Explain this.\n\nsrc/app.ts, lines 3-5:\n```typescript\na();\nb();\nc();\n```');
  });

  it('keeps code containing ``` as one code block, byte for byte', () => {
    const code = 'const md = `\n```js\nalert(1)\n```\n`;\nconsole.log(md);';
    const blocks = codeBlocksOf(renderUserMessage({ text: 'What does this print?', contexts: [built({ text: code, languageId: 'javascript' })] }));
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0]?.text, code);
    assert.equal(blocks[0]?.lang, 'javascript');
  });

  it('keeps code containing ```` (a longer run) as one code block', () => {
    const code = '````md\n```ts\nx\n```\n````';
    const rendered = renderUserMessage({ text: '', contexts: [built({ text: code, languageId: 'markdown' })] });
    assert.ok(rendered.includes('`````markdown\n'), rendered);
    const blocks = codeBlocksOf(rendered);
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0]?.text, code);
  });

  it('sends several contexts in the order given, each with its own header', () => {
    const first = built({ path: 'src/b.ts', startLine: 40, endLine: 40, text: 'second();' });
    const second = built({ path: 'src/a.py', languageId: 'python', startLine: 1, endLine: 2, text: 'def f():\n    pass' });
    const rendered = renderUserMessage({ text: 'Compare these.', contexts: [first, second] });
    assert.ok(rendered.indexOf('src/b.ts, line 40:') < rendered.indexOf('src/a.py, lines 1-2:'), rendered);
    assert.deepEqual(
      codeBlocksOf(rendered).map((block) => [block.lang, block.text]),
      [
        ['typescript', 'second();'],
        ['python', 'def f():\n    pass'],
      ],
    );
  });

  it('names untitled documents and notebook cells by the label it was given', () => {
    const rendered = renderUserMessage({
      text: 'x',
      contexts: [
        built({ path: 'Untitled-1', languageId: 'plaintext', startLine: 1, endLine: 1, text: 'hello' }),
        built({ path: 'nb.ipynb, cell 3', languageId: 'python', startLine: 1, endLine: 1, text: 'print(1)' }),
      ],
    });
    assert.match(rendered, /^Untitled-1, line 1:\n```plaintext\nhello\n```$/m);
    assert.match(rendered, /^nb\.ipynb, cell 3, line 1:$/m);
  });

  it('sends Windows line endings as plain line breaks and drops the final one a whole-line selection has', () => {
    const rendered = renderUserMessage({ text: '', contexts: [built({ text: 'a();\r\nb();\r\n' })] });
    assert.equal(rendered, 'src/app.ts, lines 3-5:\n```typescript\na();\nb();\n```');
  });

  it('sends only the code when the person typed nothing', () => {
    assert.equal(renderUserMessage({ text: '  ', contexts: [built({ text: 'x' })] }), 'src/app.ts, lines 3-5:\n```typescript\nx\n```');
    assert.equal(renderUserMessage({ text: 'just text' }), 'just text');
  });
});

describe('fenceFor', () => {
  it('is three backticks for ordinary code and one longer than the longest run otherwise', () => {
    assert.equal(fenceFor('plain'), '```');
    assert.equal(fenceFor('a `b` c'), '```');
    assert.equal(fenceFor('```'), '````');
    assert.equal(fenceFor('x ````` y ``` z'), '``````');
  });
});

describe('buildContext truncation', () => {
  it('sends a selection within the limit whole, with no truncation fields', () => {
    const context = built({ text: 'short', maxChars: 5 });
    assert.equal(context.code, 'short');
    assert.equal(context.truncatedAtLine, undefined);
    assert.equal(truncationNotice(context), undefined);
  });

  it('cuts at a line boundary and says in the prompt how much was included', () => {
    // 9,000 lines of 10 characters each (9 + line break): 23,009 characters hold 2,300 lines but not 2,301.
    const context = built({ path: 'big.ts', startLine: 1, endLine: 9000, text: lines(9000), maxChars: 23_009 });
    assert.equal(context.truncatedAtLine, 2300);
    assert.equal(context.totalLines, 9000);
    assert.equal(context.code.length, 23_000);
    assert.ok(context.code.endsWith('00002300;\n'), 'the last kept line is whole');
    assert.equal(truncationNotice(context), 'lines 1-2,300 of 9,000 included');
    const rendered = renderUserMessage({ text: 'Explain', contexts: [context] });
    assert.ok(rendered.includes('big.ts, lines 1-9,000 (cut to fit: lines 1-2,300 of 9,000 included):'), rendered.slice(0, 200));
    assert.ok(!rendered.includes('00002301;'));
  });

  it('keeps a line whose line break ends exactly at the limit', () => {
    const context = built({ startLine: 1, endLine: 3, text: 'ab\ncd\nef', maxChars: 6 });
    assert.equal(context.code, 'ab\ncd\n');
    assert.equal(context.truncatedAtLine, 2);
    assert.equal(truncationNotice(context), 'lines 1-2 of 3 included');
  });

  it('names the original range when the selection does not start at line 1', () => {
    const context = built({ startLine: 101, endLine: 9100, text: lines(9000), maxChars: 23_000 });
    assert.equal(context.truncatedAtLine, 2400);
    assert.equal(truncationNotice(context), 'lines 101-2,400 of 101-9,100 included');
  });

  it('refuses, rather than cutting a line in half, when the first line alone is over the limit', () => {
    const result = buildContext(input({ text: 'x'.repeat(150_000), startLine: 1, endLine: 1, path: 'min.js', maxChars: 100_000 }));
    assert.equal(result.ok, false);
    assert.match(
      result.ok ? '' : result.reason,
      /Line 1 of min\.js alone is 150,000 characters, more than the 100,000 allowed by the cometapi\.maxContextCharacters setting/,
    );
  });

  it('refuses an empty or whitespace-only selection', () => {
    assert.equal(buildContext(input({ text: ' \n\t ' })).ok, false);
  });
});

describe('binary content', () => {
  it('refuses text with a NUL byte, saying why, and sends nothing', () => {
    const result = buildContext(input({ text: 'PK\u0003\u0004\u0000\u0000 header' }));
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.reason, /src\/app\.ts, lines 3-5 looks like binary content/);
  });

  it('refuses text made largely of control characters or undecodable bytes', () => {
    assert.equal(looksBinary('\u0001\u0002\u0003abc\u0005\u0006'), true);
    assert.equal(looksBinary('\ufffd\ufffdELF\ufffd\ufffd\u0002'), true);
  });

  it('accepts real text with tabs, CRLF, form feeds, ANSI colours and non-Latin letters', () => {
    assert.equal(looksBinary('\tif (x) {\r\n\t\tlog("\u001b[31mred\u001b[0m");\r\n}\f\n// 日本語 émoji 🎉'), false);
  });
});

describe('selection wording shared with the chat card', () => {
  it('groups thousands and says "line" for a single line', () => {
    assert.equal(formatCount(9000), '9,000');
    assert.equal(formatCount(1234567), '1,234,567');
    assert.equal(formatCount(999), '999');
    assert.equal(formatLineRange(1, 2300), 'lines 1-2,300');
    assert.equal(formatLineRange(12, 12), 'line 12');
    assert.equal(contextLabel({ path: 'a/b.go', startLine: 10_000, endLine: 10_020 }), 'a/b.go, lines 10,000-10,020');
  });
});

describe('explainInstruction', () => {
  it('names the language, and the number of pieces when there are several', () => {
    assert.match(explainInstruction('typescript'), /^Explain this TypeScript code: /);
    assert.match(explainInstruction('python', 3), /^Explain these 3 pieces of Python code: /);
    assert.match(explainInstruction(undefined, 2), /^Explain these 2 pieces of code: /);
    assert.match(explainInstruction('plaintext'), /^Explain this code: /);
  });
});
