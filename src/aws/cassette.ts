/**
 * Cassettes: DIR/<service>/<Operation>.json, each a JSON array of { input, output } or { input, error }, with optional
 * region; the calls made in a member account through its role in a folder of their own,
 * DIR/accounts/<account id>/<service>/<Operation>.json (or, hand-written, an entry's `account`). A call gets the entry whose input equals the actual input, else the first whose input is
 * contained in it (hand-written entries may leave out what does not matter; recorded pages replay in order). Keys
 * may come in any order.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CassetteError } from '../domain/errors';
import { type AwsCall, awsError, canonical, type Responder } from './replay';

export interface CassetteEntry {
  input: Record<string, unknown>;
  output?: unknown;
  error?: { name: string; message: string };
  region?: string;
  account?: string;
}

/**
 * True when every key of `expected` is in `actual` with a contained value; arrays and scalars compare exactly. Key
 * order never matters.
 */
export function contains(expected: unknown, actual: unknown): boolean {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => contains(v, (actual as Record<string, unknown>)[k]));
  }
  return canonical(expected) === canonical(actual);
}

function readEntries(file: string): CassetteEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new CassetteError(`cassette file ${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  if (!Array.isArray(parsed) || !parsed.every((e) => e && typeof e === 'object' && 'input' in e)) {
    throw new CassetteError(`cassette file ${file} must be a JSON array of { "input": ..., "output" | "error": ... }`);
  }
  return parsed as CassetteEntry[];
}

/** The folder of the member accounts' calls inside a cassette. */
const ACCOUNTS = 'accounts';

/** Load a cassette folder (all files, eagerly, so bad JSON is reported before the run starts). */
export function loadCassette(dir: string): Responder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CassetteError(`cassette folder ${dir} does not exist`);
  }
  const entries = new Map<string, CassetteEntry[]>();
  const readFolder = (folder: string, account?: string) => {
    for (const service of readdirSync(folder)) {
      const serviceDir = join(folder, service);
      if (service === ACCOUNTS || !statSync(serviceDir).isDirectory()) continue;
      for (const file of readdirSync(serviceDir).filter((f) => f.endsWith('.json'))) {
        const key = `${service}/${file.slice(0, -'.json'.length)}`;
        const read = readEntries(join(serviceDir, file)).map((e) => (account ? { ...e, account } : e));
        entries.set(key, [...(entries.get(key) ?? []), ...read]);
      }
    }
  };
  readFolder(dir);
  const members = join(dir, ACCOUNTS);
  if (existsSync(members)) for (const account of readdirSync(members)) readFolder(join(members, account), account);
  if (entries.size === 0) throw new CassetteError(`cassette folder ${dir} holds no <service>/<Operation>.json files`);

  return (call: AwsCall) => {
    const candidates = (entries.get(`${call.service}/${call.operation}`) ?? []).filter(
      (e) =>
        (e.region === undefined || e.region === call.region) &&
        (e.account ?? '') === (call.accountId ?? '') &&
        contains(e.input, call.input),
    );
    // An exact match wins over the first containing one: a recorded page one is contained in the call for page two.
    const exact = canonical(call.input);
    const hit = candidates.find((e) => canonical(e.input) === exact) ?? candidates[0];
    if (!hit) {
      throw new CassetteError(
        `cassette ${dir} has no answer for ${call.service} ${call.operation} in ${call.region} with input ${JSON.stringify(call.input)}`,
      );
    }
    if (hit.error) throw awsError(hit.error.name, hit.error.message);
    return hit.output ?? {};
  };
}

/**
 * Replaces account ids (and so the ARNs and names that hold them) with stable fakes, in order of first appearance.
 * Only text is scrubbed: numbers (sizes in bytes, counts) are never account ids, nor are decimals such as amounts.
 */
export class Scrubber {
  private readonly fakes = new Map<string, string>();

  fake(accountId: string): string {
    let fake = this.fakes.get(accountId);
    if (!fake) {
      fake = String(100000000000 + this.fakes.size + 1);
      this.fakes.set(accountId, fake);
    }
    return fake;
  }

  scrub<T>(value: T): T {
    if (typeof value === 'string') {
      return value.replace(/(?<![\d.])\d{12}(?![\d.])/g, (id) => this.fake(id)) as T;
    }
    if (Array.isArray(value)) return value.map((v) => this.scrub(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.scrub(k), this.scrub(v)])) as T;
    }
    return value;
  }
}

/** Collects calls during a live run and writes them as a scrubbed cassette. */
export class Recorder {
  private readonly entries = new Map<string, CassetteEntry[]>();
  private readonly scrubber = new Scrubber();

  record = (call: AwsCall, result: { output?: unknown; error?: { name: string; message: string } }): void => {
    // A member's calls go to its own folder, under its scrubbed id.
    const folder = call.accountId ? join(ACCOUNTS, this.scrubber.scrub(call.accountId)) : '';
    const key = join(folder, call.service, call.operation);
    const list = this.entries.get(key) ?? [];
    list.push(this.scrubber.scrub({ input: call.input, region: call.region, ...result }));
    this.entries.set(key, list);
  };

  /** A value with account ids replaced by the fakes this cassette uses. */
  scrub = <T>(value: T): T => this.scrubber.scrub(value);

  /** Write DIR/<service>/<Operation>.json and DIR/accounts/<id>/<service>/<Operation>.json; returns the file count. */
  write(dir: string): number {
    for (const [key, list] of this.entries) {
      mkdirSync(join(dir, key, '..'), { recursive: true });
      writeFileSync(join(dir, `${key}.json`), `${JSON.stringify(list, null, 2)}\n`);
    }
    return this.entries.size;
  }
}
