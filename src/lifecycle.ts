/**
 * Owned lifetimes, free of VS Code so the core can use them too. `vscode.Disposable` objects fit the
 * `Disposable` shape, and a class extending `Owner` disposes what it registered when it is disposed.
 */
export interface Disposable {
  dispose(): void;
}

/**
 * Something that owns disposables. `register(x)` returns `x`, so construction reads as one line per
 * owned piece; registering after disposal disposes at once, so a late subscription cannot leak.
 * Disposal runs in reverse order of registration, like unwinding a stack.
 */
export class Owner implements Disposable {
  private readonly owned: Disposable[] = [];
  private ended = false;

  protected get isDisposed(): boolean {
    return this.ended;
  }

  protected register<T extends Disposable>(value: T): T {
    if (this.ended) value.dispose();
    else this.owned.push(value);
    return value;
  }

  dispose(): void {
    if (this.ended) return;
    this.ended = true;
    for (const value of this.owned.splice(0).reverse()) {
      try {
        value.dispose();
      } catch {
        // One piece failing to let go must not keep the others alive.
      }
    }
  }
}

/** A disposable made of a function, for the one-off cleanups (a timer, a listener set entry). */
export function toDisposable(dispose: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      dispose();
    },
  };
}
