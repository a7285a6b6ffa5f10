import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownFileName } from '../../src/core/conversation/exportFileName';

test('a plain title becomes the file name, with the .md extension', () => {
  assert.equal(markdownFileName('Explain add.ts'), 'Explain add.ts.md');
});

test('characters a file name cannot hold become one space each run, never a path separator', () => {
  assert.equal(markdownFileName('Fix: src/app.ts?'), 'Fix src app.ts.md');
  assert.equal(markdownFileName('a / b'), 'a b.md');
  assert.equal(markdownFileName('..\\..\\etc\\passwd'), '.. .. etc passwd.md');
  assert.equal(markdownFileName('line one\nline two\ttabbed'), 'line one line two tabbed.md');
});

test('a title with nothing usable gives "chat.md"', () => {
  assert.equal(markdownFileName(''), 'chat.md');
  assert.equal(markdownFileName('   '), 'chat.md');
  assert.equal(markdownFileName('///???'), 'chat.md');
  assert.equal(markdownFileName('...'), 'chat.md');
});

test('names Windows keeps for devices are not proposed', () => {
  assert.equal(markdownFileName('CON'), 'chat.md');
  assert.equal(markdownFileName('nul'), 'chat.md');
  assert.equal(markdownFileName('com1'), 'chat.md');
  assert.equal(markdownFileName('Console output'), 'Console output.md', 'only the whole name is reserved');
});

test('a name never ends in a dot or a space, which Windows would silently drop', () => {
  assert.equal(markdownFileName('What is this...'), 'What is this.md');
  assert.equal(markdownFileName('Why? '), 'Why.md');
});

test('a long title is cut at 80 characters without splitting an emoji or leaving a trailing space', () => {
  const long = `${'a'.repeat(79)}😀 and more`;
  const name = markdownFileName(long);
  assert.equal(name, `${'a'.repeat(79)}😀.md`);
  assert.equal(markdownFileName(`${'b'.repeat(79)} tail`), `${'b'.repeat(79)}.md`);
  assert.ok(!name.includes('\ufffd'));
});
