import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DraftKeeper, chipOf, draftView, isEmptyDraft } from '../../src/core/chat/draftKeeper';
import type { CodeContext, Draft } from '../../src/shared/conversation';

const code = (path: string, uri = `file:///work/${path}`): CodeContext => ({
  path,
  languageId: 'typescript',
  startLine: 3,
  endLine: 5,
  code: 'const a = 1;\nconst b = 2;\n',
  uri,
});

function keeper(): DraftKeeper {
  let next = 0;
  return new DraftKeeper(() => `chip-${++next}`);
}

describe('DraftKeeper', () => {
  test('an attached context becomes a chip with an opaque id, its label and size, and neither its file nor its code', () => {
    const { draft, entry } = keeper().attach(undefined, code('src/a.ts'));
    assert.equal(draft.contexts.length, 1);
    const chip = chipOf(entry);
    assert.deepEqual(chip, { id: 'chip-1', path: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 5, chars: 26, tokens: 7 });
    assert.ok(!JSON.stringify(draftView(draft)).includes('file:///'), 'no URI reaches the webview');
    assert.ok(!JSON.stringify(draftView(draft)).includes('const a'), 'no code reaches the webview');
  });

  test('a whole file becomes a chip marked as a file, with its estimated tokens, and still no URI or code', () => {
    const { draft, entry } = keeper().attach(undefined, { ...code('src/a.ts'), startLine: 1, endLine: 2, wholeFile: true });
    assert.deepEqual(chipOf(entry), {
      id: 'chip-1',
      path: 'src/a.ts',
      languageId: 'typescript',
      startLine: 1,
      endLine: 2,
      chars: 26,
      tokens: 7,
      wholeFile: true,
    });
    assert.ok(!JSON.stringify(draftView(draft)).includes('file:///'), 'no URI reaches the webview');
  });

  test('a send names chips by id; ids the host did not issue are ignored, repeats count once', () => {
    const drafts = keeper();
    const first = drafts.attach(undefined, code('src/a.ts'));
    const second = drafts.attach(first.draft, code('src/b.ts'));
    const resolved = drafts.resolve(['chip-2', 'forged', 'chip-1', 'chip-2']);
    assert.deepEqual(
      resolved.map((c) => c.path),
      ['src/b.ts', 'src/a.ts'],
    );
    assert.deepEqual(drafts.resolve(['/etc/passwd']), []);
    assert.equal(second.draft.contexts.length, 2);
  });

  test("the webview's update sets the text and keeps only the chips it still shows, in its order", () => {
    const drafts = keeper();
    const one = drafts.attach(undefined, code('src/a.ts'));
    const two = drafts.attach(one.draft, code('src/b.ts'));
    const next = drafts.update(two.draft, 'why?', ['chip-2']);
    assert.equal(next?.text, 'why?');
    assert.deepEqual(
      next?.contexts.map((e) => e.id),
      ['chip-2'],
    );
    assert.equal(drafts.update(next, 'why?', ['chip-2']), undefined, 'an unchanged draft is not saved again');
  });

  test('an update written before a chip arrived does not lose that chip for the next update', () => {
    const drafts = keeper();
    const attached = drafts.attach({ text: 'typed', contexts: [] }, code('src/a.ts'));
    // The webview's throttled update, sent before it saw the chip, drops it from the draft...
    const stale = drafts.update(attached.draft, 'typed more', []);
    assert.deepEqual(stale?.contexts, []);
    // ...and its next update, which shows the chip, brings it back.
    const fresh = drafts.update(stale, 'typed more', ['chip-1']);
    assert.deepEqual(
      fresh?.contexts.map((e) => e.context.path),
      ['src/a.ts'],
    );
  });

  test('after a reset only the chips of the newly open conversation are known', () => {
    const drafts = keeper();
    drafts.attach(undefined, code('src/a.ts'));
    const saved: Draft = { text: 'saved', contexts: [{ id: 'saved-1', context: code('src/c.ts') }] };
    drafts.reset(saved);
    assert.deepEqual(
      drafts.resolve(['chip-1', 'saved-1']).map((c) => c.path),
      ['src/c.ts'],
    );
  });

  test('an empty draft is empty; text or a chip is not', () => {
    assert.equal(isEmptyDraft(undefined), true);
    assert.equal(isEmptyDraft({ text: '', contexts: [] }), true);
    assert.equal(isEmptyDraft({ text: ' ', contexts: [] }), false);
    assert.deepEqual(draftView(undefined), { text: '', chips: [] });
  });
});
