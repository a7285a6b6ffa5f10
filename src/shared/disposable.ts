// One way to own listeners, timers and child objects, on both sides of the postMessage boundary: register each
// child when it is made, and dispose() releases all of them once. VS Code's own Disposable type fits
// `IDisposable`, so host classes register vscode subscriptions here too. See docs/architecture.md#lifecycle.

export interface IDisposable {
  dispose(): void;
}

/** Wraps a clean-up function so it can be registered like any other child. */
export function toDisposable(cleanUp: () => void): IDisposable {
  let done = false;
  return {
    dispose: () => {
      if (!done) {
        done = true;
        cleanUp();
      }
    },
  };
}

/**
 * Disposes every child, newest first, even when one throws; the first failure is rethrown afterwards (all of
 * them, as an AggregateError, when several failed), so a broken child never keeps the others alive.
 */
export function disposeAll(children: Iterable<IDisposable>): void {
  const failures: unknown[] = [];
  for (const child of [...children].reverse()) {
    try {
      child.dispose();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) {
    throw failures[0];
  }
  if (failures.length > 1) {
    throw new AggregateError(failures, 'Several children failed to dispose');
  }
}

/** The base class of everything that owns listeners. dispose() is idempotent. */
export abstract class Disposable implements IDisposable {
  private readonly children = new Set<IDisposable>();
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `child`. Registering after dispose() disposes the child at once: nothing leaks. */
  protected register<T extends IDisposable>(child: T): T {
    if (this.disposed) {
      child.dispose();
    } else {
      this.children.add(child);
    }
    return child;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    const children = [...this.children];
    this.children.clear();
    disposeAll(children);
  }
}

/** A bag of children with its own lifetime, for owners whose children come and go (a view that is recreated). */
export class DisposableStore extends Disposable {
  add<T extends IDisposable>(child: T): T {
    return this.register(child);
  }
}
