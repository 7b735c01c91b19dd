import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../src/domain/note';
import { openStore } from '../../src/ledger/store';
import type { Store } from '../../src/ledger/types';
import {
  IN_FLIGHT_MS,
  type Message,
  type Outbox,
  outboxUntil,
  record,
  recordAndSend,
  SendError,
  sendAll,
  type Transport,
} from '../../src/notify/outbox';
import { tempDir } from '../ledger/helpers';

/** What the services received: a Slack channel's messages (with the key in their metadata) and SNS publishes. */
interface World {
  channel: { key: string; ts: string }[];
  published: string[];
}

/** Fakes of the two services with their real semantics: Slack can be searched by key, SNS cannot. */
function transports(world: World): Record<'slack' | 'sns', Transport> {
  return {
    slack: {
      name: 'slack',
      source: 'slack:chat.postMessage',
      send: async (_payload, key) => {
        const ts = `${world.channel.length + 1}.0`;
        world.channel.push({ key, ts });
        return ts;
      },
      find: async (_payload, key) => world.channel.find((m) => m.key === key)?.ts,
    },
    sns: {
      name: 'sns',
      source: 'sns:Publish',
      send: async (_payload, key) => {
        world.published.push(key);
        return `m-${world.published.length}`;
      },
    },
  };
}

/** Thrown out of a run the test stops: the process died at that point, nothing after it runs. */
class Killed extends Error {}

/**
 * Every store write and every service call of a run, numbered; at call `at` the process dies, `before` the call is
 * made or `after` it took effect but before its answer was used (for a send: Slack posted, SNS published, and the
 * process never heard). A dead process never settles its promise, so nothing after it runs.
 */
function killable(store: Store, ts: Record<string, Transport>, kill: { at: number; when: 'before' | 'after' }) {
  let n = 0;
  let died: (reason: Killed) => void = () => undefined;
  const dead = new Promise<never>((_, reject) => {
    died = reject;
  });
  const step = async <T>(call: () => Promise<T>): Promise<T> => {
    const i = n++;
    if (i === kill.at && kill.when === 'before') {
      died(new Killed());
      return dead;
    }
    const out = await call();
    if (i === kill.at && kill.when === 'after') {
      died(new Killed());
      return dead;
    }
    return out;
  };
  const wrappedStore: Store = {
    ...store,
    enqueue: (e, until) => step(() => store.enqueue(e, until)),
    markOutbox: (...args) => step(() => store.markOutbox(...args)),
    unsent: () => store.unsent(),
    getOutbox: (key) => store.getOutbox(key),
  };
  const wrapped = Object.fromEntries(
    Object.entries(ts).map(([name, t]) => [
      name,
      {
        ...t,
        send: (p: unknown, k: string) => step(() => t.send(p, k)),
        ...(t.find
          ? { find: (p: unknown, k: string, s: string) => step(() => t.find?.(p, k, s) as Promise<string>) }
          : {}),
      },
    ]),
  );
  return { store: wrappedStore, transports: wrapped, calls: () => n, dead };
}

const messagesFor = (day: string): Message[] => [
  { key: `alert#forecast:${day}`, transport: 'sns', payload: { Message: 'forecast' } },
  { key: `alert#anomaly:${day}:a`, transport: 'sns', payload: { Message: 'anomaly a' } },
  { key: `alert#anomaly:${day}:b`, transport: 'sns', payload: { Message: 'anomaly b' } },
  { key: `digest#${day}#C-MAIN`, transport: 'slack', payload: { channel: 'C-MAIN', text: 'digest' } },
  { key: `digest#${day}#C-DATA`, transport: 'slack', payload: { channel: 'C-DATA', text: 'owner digest' } },
];

/** One run's delivery as the daily job does it: record everything, then send every unsent entry. */
async function deliverRun(store: Store, ts: Record<string, Transport>, messages: Message[], now: Date) {
  const outbox: Outbox = { store, notes: [], now: () => now };
  await record(outbox, messages, outboxUntil('2026-11-20'));
  return { delivered: await sendAll(outbox, ts, await store.unsent()), notes: outbox.notes };
}

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeAll(async () => {
  tmp = tempDir();
  store = await openStore({ storeDir: tmp.dir });
});
afterAll(async () => {
  await store.close();
  tmp.cleanup();
});

const T0 = new Date('2026-11-20T07:00:00Z');
const LATER = new Date(T0.getTime() + 2 * IN_FLIGHT_MS);

// 5 records, then per message: mark sending, send, mark sent; the process dies before or after each of those calls.
const KILL_POINTS = Array.from({ length: 5 + 3 * 5 }, (_, at) =>
  (['before', 'after'] as const).map((when) => ({ at, when })),
).flat();

describe('the outbox when the process dies at any point of the send sequence', () => {
  it.each(KILL_POINTS)(
    'killed $when call $at: nothing lost, no digest twice, an alert twice only if SNS took it',
    async ({ at, when }) => {
      const messages = messagesFor(`${when}-${at}`);
      const world: World = { channel: [], published: [] };
      const k = killable(store, transports(world), { at, when });
      const first = deliverRun(k.store, k.transports, messages, T0);
      await expect(Promise.race([first, k.dead])).rejects.toBeInstanceOf(Killed);

      // The rerun (the Lambda's retry, or the next run) builds the same messages.
      await deliverRun(store, transports(world), messages, LATER);

      for (const m of messages.filter((x) => x.transport === 'slack')) {
        expect(world.channel.filter((c) => c.key === m.key)).toHaveLength(1);
      }
      // SNS took it and the process never heard: after an alert's send, or before it was marked sent.
      const alertStep = at >= 5 && at < 5 + 3 * 3 ? (at - 5) % 3 : -1;
      const repeatable = (when === 'after' && alertStep === 1) || (when === 'before' && alertStep === 2);
      // Entries go out oldest first, then by key: the three alerts, then the two digests.
      const sentAt = messages.map((m) => m.key).sort()[Math.floor((at - 5) / 3)];
      for (const m of messages.filter((x) => x.transport === 'sns')) {
        const times = world.published.filter((p) => p === m.key).length;
        expect(times).toBe(repeatable && m.key === sentAt ? 2 : 1);
      }
      expect((await store.unsent()).filter((e) => messages.some((m) => m.key === e.key))).toEqual([]);
    },
  );
});

describe('the outbox on a bad day', () => {
  const one = (key: string): Message[] => [{ key, transport: 'slack', payload: { channel: 'C1' } }];

  it('finds a post Slack made after the client gave up, and does not post it again', async () => {
    const world: World = { channel: [], published: [] };
    const slow = transports(world);
    slow.slack = {
      ...slow.slack,
      send: async (p, k) => {
        await transports(world).slack.send(p, k);
        throw new SendError('chat.postMessage to C1: no answer (timeout)', 'unknown');
      },
    };
    const first = await recordAndSend(
      { store, notes: [], now: () => T0 },
      slow,
      one('digest#slow#C1'),
      outboxUntil('2026-11-20'),
    );
    expect(first.map((d) => d.delivery)).toEqual(['unknown']);
    const again = await deliverRun(store, transports(world), one('digest#slow#C1'), LATER);
    expect(again.delivered.map((d) => d.delivery)).toEqual(['found']);
    expect(world.channel).toHaveLength(1);
  });

  it('sends again next time what the service refused, and says so', async () => {
    const world: World = { channel: [], published: [] };
    const refusing = transports(world);
    refusing.slack = {
      ...refusing.slack,
      send: async () => Promise.reject(new SendError('not_in_channel', 'refused')),
    };
    const notes: Note[] = [];
    await recordAndSend({ store, notes, now: () => T0 }, refusing, one('digest#refused#C1'), outboxUntil('2026-11-20'));
    expect(notes[0]?.message).toMatch(/^digest#refused#C1: not_in_channel; the next run sends it/);
    const again = await deliverRun(store, transports(world), one('digest#refused#C1'), T0);
    expect(again.delivered.map((d) => d.delivery)).toEqual(['sent']);
    expect(world.channel).toHaveLength(1);
  });

  it('posts again, with a note, when it cannot look in the history; leaves one another run is sending', async () => {
    const world: World = { channel: [], published: [] };
    const key = 'digest#blind#C1';
    await record({ store, notes: [], now: () => T0 }, one(key), outboxUntil('2026-11-20'));
    await store.markOutbox(key, 'pending', 'sending', T0);
    const soon = await deliverRun(store, transports(world), one(key), new Date(T0.getTime() + 1000));
    expect(soon.delivered.map((d) => d.delivery)).toEqual(['in-flight']);

    const blind = transports(world);
    blind.slack = { ...blind.slack, find: async () => Promise.reject(new SendError('missing_scope', 'refused')) };
    const later = await deliverRun(store, blind, one(key), LATER);
    expect(later.delivered.map((d) => d.delivery)).toEqual(['sent']);
    expect(later.notes[0]?.message).toMatch(
      /could not be looked for \(missing_scope\); sent again, so it may show twice/,
    );
  });

  it('sends the payload first recorded, not what a rerun built', async () => {
    const world: World = { channel: [], published: [] };
    const seen: unknown[] = [];
    const t = transports(world);
    const { send } = t.sns;
    t.sns = {
      ...t.sns,
      send: async (p, k) => {
        seen.push(p);
        return send(p, k);
      },
    };
    const key = 'alert#payload';
    await record(
      { store, notes: [], now: () => T0 },
      [{ key, transport: 'sns', payload: { v: 1 } }],
      outboxUntil('2026-11-20'),
    );
    await deliverRun(store, t, [{ key, transport: 'sns', payload: { v: 2 } }], T0);
    expect(seen).toEqual([{ v: 1 }]);
  });
});
