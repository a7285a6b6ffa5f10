// The awaited event the host uses where the sender must know its listeners are done (a fork's state reaches the
// chat view before its answer starts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncEmitter } from '../../src/shared/asyncEmitter';

test('fire resolves after every listener finished, in the order they subscribed', async () => {
  const emitter = new AsyncEmitter<string>();
  const seen: string[] = [];
  emitter.event(async (value) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    seen.push(`slow ${value}`);
  });
  emitter.event((value) => seen.push(`quick ${value}`));
  await emitter.fire('x');
  assert.deepEqual(seen, ['slow x', 'quick x']);
});

test('a failing listener does not keep the others from running, and its failure reaches the sender', async () => {
  const emitter = new AsyncEmitter<void>();
  let ran = false;
  emitter.event(() => Promise.reject(new Error('replay failed')));
  emitter.event(() => {
    ran = true;
  });
  await assert.rejects(emitter.fire(), /replay failed/);
  assert.equal(ran, true);
});

test('a disposed subscription, or any after the emitter is disposed, is not called', async () => {
  const emitter = new AsyncEmitter<number>();
  const calls: number[] = [];
  const listener = (value: number) => calls.push(value);
  const first = emitter.event(listener);
  emitter.event(listener);
  first.dispose();
  await emitter.fire(1);
  emitter.dispose();
  emitter.event(listener);
  await emitter.fire(2);
  assert.deepEqual(calls, [1]);
});
