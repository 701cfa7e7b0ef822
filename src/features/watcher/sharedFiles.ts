// The watcher's shared storage: small JSON files in a folder every window of the VS Code profile can read
// (context.globalStorageUri). Writes go to a temporary file that is then renamed over the target, so a reader sees the
// old file or the new one, never half of one. globalState is not used for this: other windows see its changes late.
import { promises as fs } from 'fs';
import * as path from 'path';

/** Read and write JSON documents by name; the watcher's view of storage (tests use an in-memory one). */
export interface SharedStore {
  read(name: string): Promise<unknown>;
  /**
   * options.folder: 'make' (the default) makes the folder and its parents; 'inside' makes only the folder itself,
   * inside a parent that must be there (an account's folder, which exists while the account is saved); 'existing'
   * only writes into a folder that is there. With 'inside' and 'existing' a folder removed meanwhile (its account
   * signed out in some window) is not made again, and nothing is written.
   */
  write(name: string, value: unknown, options?: WriteOptions): Promise<void>;
}

export interface WriteOptions {
  folder?: 'make' | 'inside' | 'existing';
}

/** A document's name: it becomes a file name in the folder, so nothing that could leave it. */
const DOCUMENT_NAME = /^[\w.-]+$/;

export class SharedFiles implements SharedStore {
  constructor(private readonly dir: string) {}

  /** The parsed document, or undefined when it is missing or not JSON (a file from another version, say). */
  async read(name: string): Promise<unknown> {
    try {
      return JSON.parse(await fs.readFile(this.file(name), 'utf8'));
    } catch {
      return undefined;
    }
  }

  async write(name: string, value: unknown, options: WriteOptions = {}): Promise<void> {
    const folder = options.folder ?? 'make';
    const gone = (error: unknown) => folder !== 'make' && (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (folder === 'make') await fs.mkdir(this.dir, { recursive: true });
    if (folder === 'inside') {
      try {
        await fs.mkdir(this.dir);
      } catch (error) {
        if (gone(error)) return;
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    const target = this.file(name);
    // Unique per writer and write (not a secret: it only keeps two windows' temporary files apart).
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fs.writeFile(temporary, JSON.stringify(value), 'utf8');
    } catch (error) {
      if (gone(error)) return;
      throw error;
    }
    try {
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  /** Removes the document; a name that could not be a document's is no document to remove. */
  async remove(name: string): Promise<void> {
    if (!DOCUMENT_NAME.test(name)) return;
    await fs.rm(this.file(name), { force: true });
  }

  private file(name: string): string {
    if (!DOCUMENT_NAME.test(name)) throw new Error(`not a shared file name: ${name}`);
    return path.join(this.dir, `${name}.json`);
  }
}

/** Same contract, in memory: for unit tests and the benchmark's baseline. */
export class MemoryStore implements SharedStore {
  readonly documents = new Map<string, string>();
  async read(name: string): Promise<unknown> {
    const text = this.documents.get(name);
    return text === undefined ? undefined : JSON.parse(text);
  }
  /** No folder to remove here: every write is kept. */
  async write(name: string, value: unknown): Promise<void> {
    this.documents.set(name, JSON.stringify(value));
  }
}
