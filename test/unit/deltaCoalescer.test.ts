import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CoalescedDelta, type CoalescerTimers, DeltaCoalescer } from '../../src/core/chat/deltaCoalescer';

/** A hand-driven clock, so the test checks what is sent per frame without sleeping. */
function manualTimers() {
  let now = 0;
  let pending: { at: number; callback: () => void } | undefined;
  const timers: CoalescerTimers = {
    now: () => now,
    setTimeout: (callback, ms) => (pending = { at: now + ms, callback }),
    clearTimeout: () => (pending = undefined),
  };
  const advance = (ms: number) => {
    now += ms;
    if (pending && pending.at <= now) {
      const { callback } = pending;
      pending = undefined;
      callback();
    }
  };
  return { timers, advance };
}

test('the first token goes out at once, so the answer visibly starts without waiting a frame', () => {
  const sent: CoalescedDelta[] = [];
  const { timers } = manualTimers();
  const coalescer = new DeltaCoalescer((delta) => sent.push(delta), 16, timers);
  coalescer.pushText('Hel');
  assert.deepEqual(sent, [{ text: 'Hel', reasoning: '' }]);
});

test('a burst of tokens inside one interval becomes one message holding only the new text', () => {
  const sent: CoalescedDelta[] = [];
  const { timers, advance } = manualTimers();
  const coalescer = new DeltaCoalescer((delta) => sent.push(delta), 16, timers);
  coalescer.pushText('A');
  for (const token of ['b', 'c', 'd', 'e']) {
    advance(2);
    coalescer.pushText(token);
  }
  assert.equal(sent.length, 1, 'nothing more before the interval has passed');
  advance(8);
  assert.deepEqual(sent, [
    { text: 'A', reasoning: '' },
    { text: 'bcde', reasoning: '' },
  ]);
});

test('1,000 tokens arriving 1 ms apart produce about one message per 16 ms, and no text is lost or repeated', () => {
  const sent: CoalescedDelta[] = [];
  const { timers, advance } = manualTimers();
  const coalescer = new DeltaCoalescer((delta) => sent.push(delta), 16, timers);
  let expected = '';
  for (let i = 0; i < 1000; i++) {
    const token = `t${i} `;
    expected += token;
    coalescer.pushText(token);
    advance(1);
  }
  coalescer.flush();
  assert.equal(sent.map((delta) => delta.text).join(''), expected);
  assert.ok(sent.length <= 1000 / 16 + 3, `sent ${sent.length} messages`);
  assert.ok(sent.length >= 1000 / 16 - 3, `sent ${sent.length} messages`);
});

test('reasoning and answer text travel in the same message but stay apart', () => {
  const sent: CoalescedDelta[] = [];
  const { timers, advance } = manualTimers();
  const coalescer = new DeltaCoalescer((delta) => sent.push(delta), 16, timers);
  coalescer.pushReasoning('think');
  advance(1);
  coalescer.pushReasoning('ing');
  coalescer.pushText('Answer');
  advance(20);
  assert.deepEqual(sent, [
    { text: '', reasoning: 'think' },
    { text: 'Answer', reasoning: 'ing' },
  ]);
});

test('flush sends what is pending immediately; discard drops it (a full replay already holds it)', () => {
  const sent: CoalescedDelta[] = [];
  const { timers, advance } = manualTimers();
  const coalescer = new DeltaCoalescer((delta) => sent.push(delta), 16, timers);
  coalescer.pushText('one');
  coalescer.pushText('two');
  coalescer.flush();
  assert.deepEqual(
    sent.map((delta) => delta.text),
    ['one', 'two'],
  );
  coalescer.pushText('three');
  coalescer.discard();
  advance(100);
  coalescer.flush();
  assert.deepEqual(
    sent.map((delta) => delta.text),
    ['one', 'two'],
  );
});
