// Whole files attached with Add File to Chat, as chips in the input: named as the file, with their size in
// tokens and a visible mark when the file was cut to fit; they survive a reload and leave by id only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContextChip } from '../../src/shared/protocol';
import { createHarness, stateMessage } from './uiHarness';

const fileChip: ContextChip = {
  id: 'file-1',
  path: 'src/add.ts',
  languageId: 'typescript',
  startLine: 1,
  endLine: 3,
  chars: 58,
  tokens: 1234,
  wholeFile: true,
};

describe('file chips', () => {
  it('a whole file is named by its file name (no line range) and shows its estimated tokens', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.host({ type: 'attachContext', chip: fileChip });
    assert.equal(h.$('.context-chip-label').textContent, 'add.ts');
    assert.equal(h.$('.context-chip-tokens').textContent, '~1,234 tokens');
    assert.equal(h.all('.context-chip-cut').length, 0, 'a file sent whole has no cut mark');
    assert.equal(h.$('.context-chip-remove').getAttribute('aria-label'), 'Remove add.ts');
  });

  it('a file cut to fit says so on the chip, with the lines that will be sent in its tooltip', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.host({ type: 'attachContext', chip: { ...fileChip, endLine: 9000, truncatedAtLine: 2300, totalLines: 9000 } });
    const cut = h.$('.context-chip-cut');
    assert.equal(cut.textContent, 'cut to fit');
    assert.equal(cut.getAttribute('title'), 'lines 1-2,300 of 9,000 included');
    assert.equal(h.$('.context-chip').getAttribute('title'), 'src/add.ts (lines 1-2,300 of 9,000 included)');
  });

  it('survives a reload through the draft and is sent by its id only', () => {
    const h = createHarness();
    h.host(stateMessage([], { draft: { text: 'Explain this file', chips: [fileChip] } }));
    assert.equal(h.$('.context-chip-label').textContent, 'add.ts');
    h.key(h.$('#prompt-input'), 'Enter');
    assert.deepEqual(h.postedOfType('send'), [{ type: 'send', text: 'Explain this file', contextIds: ['file-1'] }]);
  });
});

describe('the active file offered as a one-click chip', () => {
  it("shows the editor's file from the state, and a click asks the host for the active file without naming it", () => {
    const h = createHarness();
    h.host(stateMessage([], { activeFile: { path: 'src/add.ts' } }));
    const offer = h.$<HTMLButtonElement>('.context-offer');
    assert.equal(offer.textContent, 'add.ts');
    assert.equal(offer.getAttribute('aria-label'), 'Attach src/add.ts, the file open in the editor');
    assert.equal(h.$('#context-chips').hidden, false, 'the offer shows even with nothing attached');
    offer.click();
    assert.deepEqual(h.postedOfType('attachActiveFile'), [{ type: 'attachActiveFile' }]);
  });

  it('follows the editor, hides once that file is attached, and goes when no file editor is left', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    assert.equal(h.all('.context-offer').length, 0);
    h.host({ type: 'activeFile', file: { path: 'src/add.ts' } });
    assert.equal(h.$('.context-offer').textContent, 'add.ts');
    h.host({ type: 'attachContext', chip: fileChip });
    assert.equal(h.all('.context-offer').length, 0, 'no offer for a file already attached');
    h.host({ type: 'activeFile', file: { path: 'lib/other.py' } });
    assert.equal(h.$('.context-offer').textContent, 'other.py');
    h.host({ type: 'activeFile' });
    assert.equal(h.all('.context-offer').length, 0);
  });
});
