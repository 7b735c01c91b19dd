import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors';
import { openStore } from '../../src/ledger/store';
import { escapeText } from '../../src/slack/blocks';
import { oneFindingId } from '../../src/slack/command';
import { snoozeUntil } from '../../src/slack/duration';
import { nearest, route, slashCommand } from '../../src/slack/router';
import { tempDir } from '../ledger/helpers';
import { DRAFTS, sampleSpend, seedStore } from './helpers';

const NOW = new Date('2026-11-20T12:00:00Z');

describe('snooze durations', () => {
  it.each([
    ['7d', '2026-11-27'],
    ['2w', '2026-12-04'],
    ['1m', '2026-12-20'],
    ['2026-12-31', '2026-12-31'],
  ])('reads %s as ending on %s', (input, until) => {
    expect(snoozeUntil(input, NOW)).toBe(until);
  });

  it.each([
    ['2027-01-31', '1m', '2027-02-28'],
    ['2028-01-31', '1m', '2028-02-29'],
    ['2026-08-31', '1m', '2026-09-30'],
    ['2026-10-31', '4m', '2027-02-28'],
    ['2026-12-15', '2m', '2027-02-15'],
  ])('counts months on the calendar: from %s, %s ends on %s', (today, input, until) => {
    expect(snoozeUntil(input, new Date(`${today}T09:00:00Z`))).toBe(until);
  });

  it.each([
    ['soon', 'cannot read the duration "soon"'],
    ['2026-02-30', 'cannot read the duration "2026-02-30"'],
    ['0d', 'must end after today'],
    ['2026-11-20', 'must end after today'],
    ['500d', 'at most a year'],
  ])('refuses %s, saying why', (input, message) => {
    expect(() => snoozeUntil(input, NOW)).toThrow(message);
  });
});

describe('escaping user text', () => {
  it('neutralizes broadcast mentions, user mentions and links', () => {
    const out = escapeText('<!channel> hi <@U123> <https://evil.example|click> @here & @everyone');
    expect(out).not.toMatch(/[<>]/);
    expect(out).not.toMatch(/@(here|everyone)\b/);
    expect(out).toContain('&amp;');
  });
});

describe('oneFindingId', () => {
  it('takes exactly one id and names the command otherwise', () => {
    expect(oneFindingId('ack', ['Ab3_x9-QzW'])).toBe('Ab3_x9-QzW');
    expect(() => oneFindingId('ack', [])).toThrow('ack takes one finding id');
    expect(() => oneFindingId('explain', ['Ab3_x9-QzW', 'extra'])).toThrow(UsageError);
  });
});

describe('nearest command', () => {
  const names = ['summary', 'savings', 'snooze', 'status', 'unused', 'explain'];
  it('suggests the command a typo was meant to be', () => {
    expect(nearest('unsued', names)).toBe('unused');
    expect(nearest('stauts', names)).toBe('status');
    expect(nearest('expl', names)).toBe('explain');
  });
  it('suggests nothing for unrelated words', () => {
    expect(nearest('pizza', names)).toBeUndefined();
  });
});

describe('durion-cost slash (the same router, plain text, from the local store)', () => {
  const tmp = tempDir();
  let id = '';
  beforeAll(async () => {
    const store = await openStore({ storeDir: tmp.dir });
    id = (await seedStore(store)).byResource('vol-0bbb').id;
    await store.close();
  });
  afterAll(() => tmp.cleanup());

  it('prints the summary as text, links and marks removed', async () => {
    const text = await slashCommand('', { store: tmp.dir, now: NOW });
    expect(text).toContain('SPEND AS OF 2026-11-20');
    expect(text).toContain('Month-to-date (Nov 1–19)\n$2,943\n');
    expect(text).not.toContain('*');
  });

  it('changes a state as the given user and shows it in explain', async () => {
    expect(await slashCommand(`snooze ${id} 1m budget review`, { store: tmp.dir, user: 'U0CLI', now: NOW })).toContain(
      'until 2026-12-20',
    );
    const text = await slashCommand(`explain ${id}`, { store: tmp.dir, now: NOW });
    expect(text).toContain('snoozed until 2026-12-20 by <@U0CLI>: “budget review”');
    expect(text).toContain('[Acknowledge] [Snooze 7 days] [Keep…] [Open in AWS console]');
  });
});

describe('summary', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('escapes service names in mrkdwn, as the digest does', async () => {
    const spend = sampleSpend();
    spend.byService = { '<!channel> & <b>': spend.total };
    const store = await openStore({ storeDir: tmp.dir });
    try {
      await seedStore(store, DRAFTS, spend);
      const caller = { userId: 'U0CLI', channelId: 'cli', canChange: false, owners: [] };
      const { answer } = await route('summary', { store, caller, now: NOW });
      const json = JSON.stringify(answer.blocks);
      expect(json).toContain('&lt;!channel&gt; &amp; &lt;b&gt;');
      expect(json).not.toMatch(/<!channel>|<b>/);
    } finally {
      await store.close();
    }
  });
});
