// An event whose firing can be awaited: fire() resolves once every listener's returned promise settled, in the
// order they subscribed. The host uses it where the sender must know the receivers are done, e.g. a fork's full
// state has reached the chat view before its answer starts (docs/architecture.md#lifecycle).
import { type IDisposable, toDisposable } from './disposable';

export type AsyncListener<T> = (value: T) => unknown;
/** Subscribes `listener`; disposing the result unsubscribes it. */
export type AsyncEvent<T> = (listener: AsyncListener<T>) => IDisposable;

export class AsyncEmitter<T> implements IDisposable {
  private listeners: AsyncListener<T>[] = [];
  private disposed = false;

  readonly event: AsyncEvent<T> = (listener) => {
    if (this.disposed) {
      return toDisposable(() => undefined);
    }
    // A wrapper per subscription, so subscribing the same function twice is two subscriptions, removed one by one.
    const entry: AsyncListener<T> = (value) => listener(value);
    this.listeners.push(entry);
    return toDisposable(() => {
      this.listeners = this.listeners.filter((other) => other !== entry);
    });
  };

  /** Runs the listeners one after another; a listener that throws or rejects does not stop the others. The first failure is rethrown at the end. */
  async fire(value: T): Promise<void> {
    const failures: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        await listener(value);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      throw failures[0];
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}
