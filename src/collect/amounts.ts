/**
 * Cost Explorer sends its numbers as decimal strings ("12.3400000000"). They are parsed once, here, by the collector
 * that reads them: a value that does not parse is counted and read as 0 where a sum needs one (or as unknown where a
 * figure has no meaningful 0), and the read ends in one note saying how many and which, so no NaN reaches the store,
 * the digest or an alert. An answer whose lists are not lists is refused outright, as a note: that read is lost, not
 * quietly read as $0.
 */
import type { Note } from '../domain/note';

export class Amounts {
  private bad = 0;
  private example = '';
  constructor(
    private readonly source: string,
    private readonly what: string,
  ) {}

  /** The value as a number. Absent is 0 (a group with no cost); one that does not parse is counted, and 0. */
  usd(value: unknown, where = ''): number {
    return this.maybe(value, where) ?? 0;
  }

  /** The value as a number; absent or empty is undefined; one that does not parse is counted, and undefined. */
  maybe(value: unknown, where = ''): number | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (Number.isFinite(n)) return n;
    if (this.bad++ === 0) this.example = `${JSON.stringify(value)}${where ? ` for ${where}` : ''}`;
    return undefined;
  }

  /** One note for everything that did not parse in this read, if anything. */
  note(notes: Note[]): void {
    if (this.bad === 0) return;
    notes.push({
      kind: 'error',
      source: this.source,
      message: `${this.bad} ${this.what} from AWS did not parse as numbers (e.g. ${this.example}) and were read as no amount`,
    });
  }
}

/** What a malformed answer throws; `guard` makes it a note like any refused call. */
export class MalformedAnswer extends Error {
  override name = 'MalformedAnswer';
}

/** The list at `value`, or a MalformedAnswer naming the field when it is there but is not one. */
export function listOf<T>(value: T[] | undefined, field: string): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedAnswer(`the answer's ${field} is not a list (${typeof value})`);
  return value;
}
