// A small seeded random source for the fuzz and differential tests: failures are reproducible from the seed.
import { seededRandom } from '../../emulator/seed';

export class Random {
  /** Uniform in [0, 1): the emulator's seeded generator, so both suites draw from one implementation. */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Text mixing ASCII, reserved characters, spaces, CJK, emoji, combining and bidi marks (never a lone surrogate). */
  text(maxLength: number, alphabet: 'any' | 'name' = 'any'): string {
    const length = this.int(0, maxLength);
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet === 'name' ? this.nameChar() : this.anyChar();
    return out;
  }

  private nameChar(): string {
    return this.pick([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-']);
  }

  private anyChar(): string {
    switch (this.int(0, 7)) {
      case 0:
        return this.pick([...' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}~']);
      case 1:
        return this.pick(['工', '单', '磁', '盘', 'é', 'ß', 'Ж', 'ع', '\u200b', '\u202e', '\u0301', '\u00a0']);
      case 2:
        return this.pick(['😀', '𝄞', '🇨🇳', '\u{10FFFF}']);
      case 3:
        return String.fromCharCode(this.int(0x20, 0x7e));
      case 4:
        return String.fromCharCode(this.int(0xa0, 0xd7ff));
      case 5:
        return this.pick(['%', '%2', '%20', '%zz', '+', '=', '&', '\t', '\n']);
      default:
        return this.nameChar();
    }
  }
}
