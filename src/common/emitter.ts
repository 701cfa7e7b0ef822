// A small typed event emitter for the services that sit below vscode (ticket service, explorer model, credential
// store): subscribe with `event(listener)`, get a disposable back. No vscode import, so the services stay testable.

export type Listener<T> = (event: T) => void;

export interface Subscription {
  dispose(): void;
}

/** Listeners subscribed to any Emitter and not yet removed: the soak (bench/soak) checks that it stays flat. */
let liveListeners = 0;

export function liveListenerCount(): number {
  return liveListeners;
}

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  /** Adds a listener; dispose() the result to remove it. */
  readonly event = (listener: Listener<T>): Subscription => {
    if (!this.listeners.has(listener)) liveListeners++;
    this.listeners.add(listener);
    return { dispose: () => void (this.listeners.delete(listener) && liveListeners--) };
  };

  /** Calls every listener, in subscription order. A listener that throws does not stop the others or the caller. */
  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // Nothing to do here: the listener's own code reports its failures.
      }
    }
  }

  dispose(): void {
    liveListeners -= this.listeners.size;
    this.listeners.clear();
  }
}
