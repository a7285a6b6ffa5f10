import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Disposable, DisposableStore, disposeAll, toDisposable } from '../../src/shared/disposable';

class Owner extends Disposable {
  own(cleanUp: () => void): void {
    this.register(toDisposable(cleanUp));
  }
  get gone(): boolean {
    return this.isDisposed;
  }
}

test('dispose releases every child once, newest first, and a second dispose does nothing', () => {
  const order: string[] = [];
  const owner = new Owner();
  owner.own(() => order.push('first'));
  owner.own(() => order.push('second'));
  owner.dispose();
  owner.dispose();
  assert.deepEqual(order, ['second', 'first']);
  assert.equal(owner.gone, true);
});

test('a child that throws does not keep the others alive; its error is rethrown after all were released', () => {
  const released: string[] = [];
  const owner = new Owner();
  owner.own(() => released.push('a'));
  owner.own(() => {
    throw new Error('boom');
  });
  owner.own(() => released.push('c'));
  assert.throws(() => owner.dispose(), /boom/);
  assert.deepEqual(released, ['c', 'a']);
});

test('several failures come back together', () => {
  const failing = (message: string) =>
    toDisposable(() => {
      throw new Error(message);
    });
  assert.throws(
    () => disposeAll([failing('one'), failing('two')]),
    (error: unknown) => error instanceof AggregateError && error.errors.length === 2,
  );
});

test('a child registered after dispose is released at once instead of leaking', () => {
  const store = new DisposableStore();
  store.dispose();
  let released = false;
  store.add(toDisposable(() => (released = true)));
  assert.equal(released, true);
});
