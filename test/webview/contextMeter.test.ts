// The context meter under the input, as a person sees it: hidden in a new chat, a share of the model's window
// once there is something to send, growing with what is typed and attached, and a warning before it would not fit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContextBudget, ContextChip } from '../../src/shared/protocol';
import { answer, createHarness, stateMessage, userMessage } from './uiHarness';

const budget: ContextBudget = {
  model: 'gpt-5-mini',
  windowTokens: 10_000,
  windowSource: 'rules',
  budgetTokens: 64_000,
  fixedTokens: 3,
  turnTokens: [],
  totalTurns: 0,
};

const bigFile: ContextChip = {
  id: 'f1',
  path: 'src/big.ts',
  languageId: 'typescript',
  startLine: 1,
  endLine: 900,
  chars: 40_000,
  tokens: 9_000,
  wholeFile: true,
};

function percentShown(label: string): number {
  const match = /\((\d+)%\)/.exec(label);
  assert.ok(match, `the label shows a share: ${label}`);
  return Number(match[1]);
}

describe('context meter', () => {
  it('stays out of the way in a new chat, and appears with the first words typed', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.host({ type: 'contextBudget', budget });
    assert.equal(h.$('#context-meter').hidden, true);
    h.type('How do I sort a map by value?');
    assert.equal(h.$('#context-meter').hidden, false);
    assert.match(h.$('.context-meter-label').textContent ?? '', /^~\d+ of 10,000 tokens \(0%\)$/);
    assert.match(h.$('#context-meter').title, /Context window of gpt-5-mini: 10,000 tokens/);
    assert.equal(h.$('.context-meter-warning').hidden, true);
  });

  it('grows with an attached file and warns, before sending, when it would not fit', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.host({ type: 'contextBudget', budget });
    h.type('Review this');
    const before = percentShown(h.$('.context-meter-label').textContent ?? '');
    h.host({ type: 'attachContext', chip: bigFile });
    const after = percentShown(h.$('.context-meter-label').textContent ?? '');
    assert.ok(after >= 90, `the file takes most of the window: ${before}% -> ${after}%`);
    assert.equal(h.$('#context-meter').dataset.level, 'near');
    assert.match(h.$('.context-meter-warning').textContent ?? '', /Close to gpt-5-mini's context window/);

    h.host({ type: 'attachContext', chip: { ...bigFile, id: 'f2', path: 'src/bigger.ts' } });
    assert.equal(h.$('#context-meter').dataset.level, 'over');
    const warning = h.$('.context-meter-warning');
    assert.equal(warning.hidden, false);
    assert.equal(warning.getAttribute('role'), 'status', 'a screen reader hears the warning');
    assert.match(warning.textContent ?? '', /larger than gpt-5-mini's context window \(10,000 tokens\).*Remove attachments/);

    h.$('.context-chip-remove').click();
    assert.equal(h.$('#context-meter').dataset.level, 'near', 'removing a file brings the meter down at once');
  });

  it('counts the earlier turns the host lists, and says in its tooltip which ones are left out', () => {
    const h = createHarness();
    h.host(stateMessage([userMessage('u1', 'Hi'), answer('a1', 'Hello')]));
    h.host({ type: 'contextBudget', budget: { ...budget, budgetTokens: 2_000, turnTokens: [1_500, 1_500], totalTurns: 2 } });
    assert.equal(h.$('#context-meter').hidden, false, 'a conversation with history shows what the next question carries');
    assert.match(h.$('.context-meter-label').textContent ?? '', /\(15%\)/);
    assert.match(h.$('#context-meter').title, /1 earlier turn will be left out to fit cometapi\.maxContextTokens \(2,000\)/);
  });

  it('follows a new budget (another model) without waiting for a keystroke, and empties when the question is sent', () => {
    const h = createHarness();
    h.host(stateMessage([]));
    h.host({ type: 'contextBudget', budget });
    h.type('x'.repeat(8_000)); // about 2,000 tokens
    assert.equal(h.$('#context-meter').dataset.level, 'ok');
    h.host({ type: 'contextBudget', budget: { ...budget, model: 'tiny', windowTokens: 1_024 } });
    assert.equal(h.$('#context-meter').dataset.level, 'over');
    assert.match(h.$('.context-meter-warning').textContent ?? '', /tiny's context window \(1,024 tokens\)/);
    h.key(h.$('#prompt-input'), 'Enter');
    assert.equal(h.$('#context-meter').hidden, true, 'nothing left to measure in a chat with no history');
    assert.equal(h.$('.context-meter-warning').hidden, true);
  });
});
