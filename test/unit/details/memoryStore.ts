// An in-memory stand-in for context.globalState (a Memento) for the unit tests: values are stored as copies, as
// VS Code stores them (JSON), and keys() and get() with a fallback work as a Memento's.
import type { KeyValueStore } from '../../../src/tickets/categoryNames';

export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, fallback: T): T;
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }

  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}
