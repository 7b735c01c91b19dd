import { describe, expect, it } from 'vitest';
import { anomalyFinding } from '../../src/analyze/anomaly/findings';
import { summarize } from '../../src/analyze/summary';
import type { SpendAnomaly } from '../../src/domain/anomaly';
import type { Note } from '../../src/domain/note';
import {
  type ActionsBlock,
  actions,
  type Block,
  button,
  clip,
  escapeMrkdwn,
  SLACK_LIMITS,
  section,
  withinLimits,
} from '../../src/notify/blocks';
import { ACTION, findingActions } from '../../src/notify/buttons';
import { buildDigest, type DigestInput } from '../../src/notify/digest';
import { type DigestSection, plainEntry, sectionToBlocks, sectionToLines } from '../../src/notify/section';
import { anomaliesSection } from '../../src/notify/sections/anomalies';
import { savingsSection } from '../../src/notify/sections/savings';
import { renderText } from '../../src/notify/text';
import { spendAnomaly } from '../analyze/anomaly/helpers';
import { storedFinding } from '../ledger/helpers';
import { spendOf } from './spend-fixture';

const stepUp = (day: string) => (day >= '2026-11-01' ? 20 : 10);

function input(
  overrides: Partial<DigestInput> = {},
  services: Record<string, (d: string) => number> = {},
): DigestInput {
  const spend = spendOf(
    '2026-08-01',
    '2026-11-19',
    { EC2: stepUp, ...services },
    {
      forecast: { start: '2026-11-20', end: '2026-12-01', amount: 220, lower: 200, upper: 250 },
    },
  );
  return {
    asOf: '2026-11-20',
    sample: false,
    summary: summarize(spend, '2026-11-20'),
    sections: [],
    notes: [],
    ...overrides,
  };
}

/** Every mrkdwn or plain text in the blocks, with where it sits (for limit checks). */
function texts(blocks: Block[]): { where: string; text: string }[] {
  return blocks.flatMap((b): { where: string; text: string }[] => {
    if (b.type === 'header') return [{ where: 'header', text: b.text.text }];
    if (b.type === 'section') {
      return [
        ...(b.text ? [{ where: 'section', text: b.text.text }] : []),
        ...(b.fields ?? []).map((f) => ({ where: 'field', text: f.text })),
      ];
    }
    if (b.type === 'context')
      return b.elements.flatMap((e) => ('text' in e ? [{ where: 'context', text: e.text }] : []));
    return [];
  });
}
const all = (blocks: Block[]) =>
  texts(blocks)
    .map((t) => t.text)
    .join('\n');

const bigSection = (i: number, blocks: number): DigestSection => ({
  id: `s${i}`,
  title: `Section ${i}`,
  blocks: Array.from({ length: blocks }, (_, j) => ({
    entries: [{ lines: [[`finding ${i}.${j} ${'x'.repeat(5000)}`], ['y'.repeat(2500)]] }],
  })),
});

describe('buildDigest', () => {
  it('shows the headline figures with their windows and basis', () => {
    const { blocks, text } = buildDigest(input());
    const body = all(blocks);

    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Cost digest for 2026-11-20', emoji: true },
    });
    expect(body).toContain(
      '*Month-to-date (Nov 1–19)*\n*$380.00*\n+$190.00 (+100%) vs same days of October 2026 $190.00 (Oct 1–19)',
    );
    expect(body).toContain('*Yesterday (Nov 19)*\n*$20.00*\n$0.00 (0.0%) vs 7-day average $20.00 (Nov 12–18)');
    expect(body).toContain(
      '*November 2026 forecast (month end)*\n*$600.00*\nrange $580.00–$630.00; +$290.00 (+94%) vs last month $310.00 (Oct 1–31)',
    );
    expect(body).toContain(
      'Basis: Cost Explorer actuals, UnblendedCost; forecast: Cost Explorer forecast for Nov 20–30.',
    );
    expect(text).toContain('Month-to-date (Nov 1–19): $380.00');
    expect(text).not.toContain('SAMPLE');
  });

  it('lists top services with a 14-day sparkline and their change', () => {
    const { blocks } = buildDigest(input({}, { S3: (d) => (d >= '2026-11-13' ? 8 : 1) }));
    expect(all(blocks)).toContain('`▁▁▁▁▁▁▁███████`  *$68.00*  S3  +$49.00 (+258%)');
    expect(all(blocks)).toContain('sparkline: daily spend Nov 6–19');
  });

  it('says plainly when the account is the sample', () => {
    const { blocks, text } = buildDigest(input({ sample: true }));
    expect(texts(blocks)[0]).toEqual({
      where: 'header',
      text: 'Cost digest for 2026-11-20 · SAMPLE ACCOUNT — not real data',
    });
    expect(text).toMatch(/^Cost digest for 2026-11-20 · SAMPLE ACCOUNT — not real data\./);
  });

  it('escapes &, < and > in service names, account names and notes', () => {
    const spendInput = input(
      {
        notes: [{ kind: 'denied', source: 'ce:GetCostForecast', message: 'User <arn:aws:iam::1:user/x> & co denied' }],
      },
      { '<!channel> & <b>': (d) => (d >= '2026-11-13' ? 50 : 1) },
    );
    spendInput.summary.movers.accounts = [];

    const body = all(buildDigest(spendInput).blocks);

    expect(body).toContain('&lt;!channel&gt; &amp; &lt;b&gt;');
    expect(body).toContain('User &lt;arn:aws:iam::1:user/x&gt; &amp; co denied');
    expect(body).not.toMatch(/<!channel>|<b>|<arn/);
  });

  it('shows spend by tag with the values escaped', () => {
    const i = input();
    i.summary.tags = {
      key: 'team<x>',
      from: '2026-11-01',
      to: '2026-11-19',
      basis: 'Cost Explorer actuals, UnblendedCost',
      values: [{ value: '<@U123> & erp', usd: 300, share: 0.75 }],
      others: { count: 0, usd: 0 },
      untagged: { usd: 100, share: 0.25 },
    };

    const body = all(buildDigest(i).blocks);

    expect(body).toContain(
      'By tag "team&lt;x&gt;" (Nov 1–19): &lt;@U123&gt; &amp; erp $300.00 (75%), untagged $100.00 (25%)',
    );
    expect(body).not.toContain('<@U123>');
  });

  it('shows the closed month on the 1st and leaves out the duplicate last-month row', () => {
    const spend = spendOf('2026-08-01', '2026-11-30', { EC2: stepUp });
    const summary = summarize(spend, '2026-12-01');

    const body = all(buildDigest({ ...input(), asOf: '2026-12-01', summary }).blocks);

    expect(body).toContain('*November 2026, closed (Nov 1–30)*\n*$600.00*');
    expect(body).toContain('*December 2026 forecast (month end)*\n*n/a*\nno forecast from Cost Explorer');
    expect(body).not.toContain('Last month');
  });

  it('renders a new account with little history as "n/a" and the reason, never NaN', () => {
    const summary = summarize(spendOf('2026-11-17', '2026-11-19', { EC2: () => 5 }), '2026-11-20');

    const { blocks, text } = buildDigest({ ...input(), summary });
    const body = all(blocks);
    const terminal = renderText({ ...input(), summary });

    expect(body).toContain(
      '*Yesterday (Nov 19)*\n*$5.00*\nnot enough history (data from 2026-11-17, needed from 2026-11-12)',
    );
    expect(body).toContain('`▄▄▄`  *n/a*  EC2');
    expect(body).toContain('not enough history (data from 2026-11-17, needed from 2026-11-06)');
    for (const out of [body, text, terminal]) expect(out).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('notes estimated days and what could not be read', () => {
    const i = input({
      notes: [
        {
          kind: 'throttled',
          source: 'ce:GetCostAndUsage',
          message: 'ThrottlingException: slow down',
          region: 'us-east-1',
        },
      ],
    });
    i.summary.estimatedDays = ['2026-11-18', '2026-11-19'];

    const last = buildDigest(i).blocks.at(-1);

    expect(last?.type).toBe('context');
    expect(all([last!])).toBe(
      '*Notes*\n• Estimated by Cost Explorer (may still change): Nov 18–19\n• throttled: ce:GetCostAndUsage (us-east-1): ThrottlingException: slow down',
    );
  });

  it('keeps huge inputs within 50 blocks, 3,000 characters a section and 2,000 a field, counting what it cut', () => {
    const notes: Note[] = Array.from({ length: 300 }, (_, i) => ({
      kind: 'denied',
      source: `ec2:Describe${i}`,
      message: 'x'.repeat(200),
    }));
    const sections = Array.from({ length: 20 }, (_, i) => bigSection(i, 10));

    const { blocks } = buildDigest(input({ sections, notes }));
    const body = all(blocks);

    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const t of texts(blocks)) {
      const max = { header: 150, section: 3000, field: 2000, context: 3000 }[t.where as 'header'];
      expect(t.text.length, t.where).toBeLessThanOrEqual(max);
    }
    for (const b of blocks) if (b.type === 'section') expect(b.fields?.length ?? 0).toBeLessThanOrEqual(10);
    expect(body).toMatch(/… \d+ more not shown \(Slack's 50-block limit\); all are in findings\.csv/);
    expect(body).toMatch(/… 1[0-9] more sections in findings\.csv: Section \d+, /);
    expect(body).toMatch(/… \d+ more notes in run\.json$/);
    expect(blocks.at(-1)?.type).toBe('context');
  });

  it('shows a section whole when it fits, and cuts the one that does not with the count left out', () => {
    const small = { id: 'a', title: 'Savings', blocks: ['one', 'two'].map((t) => ({ entries: [plainEntry(t)] })) };
    const big = {
      id: 'b',
      title: 'Rightsizing',
      blocks: Array.from({ length: 60 }, (_, i) => ({ entries: [plainEntry(`r${i}`)] })),
    };

    const { blocks } = buildDigest(input({ sections: [small, big] }));
    const body = all(blocks);

    expect(blocks).toHaveLength(SLACK_LIMITS.blocks - 1); // one kept for a closing line that was not needed
    expect(body).toContain('*Savings*\none\ntwo\n');
    const shown = blocks.filter((b) => b.type === 'section' && /^r\d+$/.test(b.text?.text ?? '')).length;
    expect(body).toContain(`… ${60 - shown} more not shown (Slack's 50-block limit); all are in findings.csv`);
  });
});

describe('the 50-block cap', () => {
  const ASOF = '2026-11-20';
  const anomalies = Array.from({ length: 6 }, (_, i) =>
    spendAnomaly({
      id: `a${i}`,
      label: `Service ${i} in durion-production (111111111111)`,
      open: i < 4,
      detectedOn: i < 2 ? '2026-11-19' : '2026-11-12',
      impactUsd: 100 * (i + 1),
    }),
  );
  const buttons = (a: SpendAnomaly) => findingActions(storedFinding({ ...anomalyFinding(a), id: `finding-${a.id}` }));
  const savings = savingsSection(
    Array.from({ length: 60 }, (_, i) =>
      storedFinding({ monthlySavingsUsd: 1000 - i, score: 1000 - i, firstSeen: '2026-11-01' }),
    ),
    ASOF,
    findingActions,
    40,
  );
  const rightsizing: DigestSection = {
    id: 'rightsizing',
    title: 'Rightsizing',
    caption: '30 rightsizing changes',
    blocks: Array.from({ length: 30 }, (_, i) => ({ entries: [plainEntry(`resize r${i}`)] })),
    list: true,
  };
  const budgets: DigestSection = {
    id: 'budgets',
    title: 'Budgets',
    blocks: [{ entries: [plainEntry('team a: over')] }, { entries: [plainEntry('team b: under')] }],
  };
  const sections = [anomaliesSection(anomalies, ASOF, undefined, buttons), savings, rightsizing, budgets];

  it('keeps every anomaly with its three verdict buttons and cuts the lists, counting what each left out', () => {
    const { blocks } = buildDigest(input({ sections: sections.filter((s) => s !== undefined) }));
    const body = all(blocks);

    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const a of anomalies) {
      const at = blocks.findIndex((b) => b.type === 'section' && b.text?.text.includes(a.label));
      expect(at, a.label).toBeGreaterThan(0);
      const next = blocks[at + 1] as ActionsBlock;
      expect(next.type).toBe('actions');
      expect(next.elements.map((e) => ('action_id' in e ? [e.action_id, 'value' in e && e.value] : []))).toEqual([
        [ACTION.accurate, `finding-${a.id}`],
        [ACTION.falsePositive, `finding-${a.id}`],
        [ACTION.planned, `finding-${a.id}`],
        [ACTION.console, false],
      ]);
    }
    expect(body.indexOf('*Spend anomalies*')).toBeLessThan(body.indexOf('*Savings waiting*'));
    // The lists are shortened, each saying how many it left out; the section after them keeps every block.
    const cut = [...body.matchAll(/… (\d+) more not shown \(Slack's 50-block limit\); all are in findings\.csv/g)];
    expect(cut).toHaveLength(2);
    const savingsShown = blocks.filter((b) => b.type === 'section' && /\/month · /.test(b.text?.text ?? '')).length;
    const resizesShown = blocks.filter((b) => b.type === 'section' && /^resize r\d+$/.test(b.text?.text ?? '')).length;
    expect(savingsShown).toBeGreaterThan(0);
    expect(resizesShown).toBeGreaterThan(0);
    expect(Number(cut[0]?.[1])).toBe(40 - savingsShown);
    expect(Number(cut[1]?.[1])).toBe(30 - resizesShown);
    expect(body).toContain('*Budgets*\nteam a: over\nteam b: under');
    expect(body).not.toContain('more sections');
  });

  it('shows the text digest in the same order, uncut', () => {
    const text = renderText(input({ sections: sections.filter((s) => s !== undefined) }));
    const at = (title: string) => text.indexOf(`\n${title}\n`);
    expect(at('Spend anomalies')).toBeGreaterThan(0);
    expect(at('Spend anomalies')).toBeLessThan(at('Savings waiting'));
    expect(at('Savings waiting')).toBeLessThan(at('Rightsizing'));
    expect(at('Rightsizing')).toBeLessThan(at('Budgets'));
    expect(text).toContain('resize r29');
  });
});

describe('a section', () => {
  const ack = {
    type: 'actions' as const,
    elements: [{ type: 'button' as const, text: { type: 'plain_text' as const, text: 'Ack' }, action_id: 'ack' }],
  };
  const savings: DigestSection = {
    id: 'savings',
    title: 'Savings waiting',
    caption: 'list prices, 730 h a month <us-east-1>',
    blocks: Array.from({ length: 60 }, (_, i) => ({
      entries: [{ lines: [[{ strong: `$${i}.00/month` }, ` volume vol-${i} & co`]] }],
      ...(i === 0 ? { actions: ack } : {}),
    })),
  };

  it('keeps its caption and counts the items a cut leaves out', () => {
    const { blocks } = buildDigest(input({ sections: [savings] }));
    const body = all(blocks);

    expect(body).toContain(
      '*Savings waiting*\nlist prices, 730 h a month &lt;us-east-1&gt;\n*$0.00/month* volume vol-0 &amp; co',
    );
    const shown = savings.blocks.filter((_, i) => body.includes(`*$${i}.00/month* volume vol-${i} &amp; co\n`)).length;
    expect(body).toContain(`… ${60 - shown} more not shown (Slack's 50-block limit); all are in findings.csv`);
    const first = blocks.findIndex((b) => b.type === 'section' && b.text?.text.includes('vol-0 '));
    expect(blocks[first + 1]).toMatchObject({ type: 'actions', elements: [{ action_id: 'ack' }] });
    expect(blocks.filter((b) => b.type === 'actions')).toHaveLength(1);
  });

  it('gives the terminal every line', () => {
    const text = renderText(input({ sections: [savings] }));
    expect(text).toContain(
      '\nSavings waiting\n  list prices, 730 h a month <us-east-1>\n  $0.00/month volume vol-0 & co\n',
    );
    expect(text).toContain('  $59.00/month volume vol-59 & co\n');
  });

  it('renders one entry to Block Kit line by line and to the terminal as one line, the link in Slack only', () => {
    const entry = {
      lines: [[{ strong: '+$5.00' }, ' · ', { code: 'i-0<1>' }], ['why & how']],
      link: { label: 'Cost Explorer', url: 'https://console.example/ce' },
    };
    const one: DigestSection = { id: 'x', title: 'X', blocks: [{ entries: [entry, plainEntry('second')] }] };

    expect(sectionToBlocks(one)).toEqual([
      section('*+$5.00* · `i-0&lt;1&gt;`\nwhy &amp; how · <https://console.example/ce|Cost Explorer>\nsecond'),
    ]);
    expect(sectionToLines(one)).toEqual(['+$5.00 · i-0<1> · why & how', 'second']);
  });
});

describe('blocks', () => {
  it('escapes mrkdwn control characters', () => {
    expect(escapeMrkdwn('a & <b> c')).toBe('a &amp; &lt;b&gt; c');
  });

  it('brings blocks built elsewhere within the limits, buttons included', () => {
    const long = 'x'.repeat(100);
    const oversized: Block = {
      type: 'section',
      text: { type: 'mrkdwn', text: long.repeat(40) },
      accessory: { type: 'button', text: { type: 'plain_text', text: long }, action_id: 'a' },
    };
    const tooMany: Block = {
      type: 'actions',
      elements: Array.from({ length: 30 }, (_, i) => button(long, `b${i}`, { value: String(i) })),
    };

    const fitted = withinLimits(oversized);
    const row = withinLimits(tooMany);

    expect(fitted.type === 'section' && fitted.text?.text.length).toBe(3000);
    expect(fitted.type === 'section' && fitted.accessory).toMatchObject({ text: { text: `${'x'.repeat(74)}…` } });
    expect(row.type === 'actions' && row.elements).toHaveLength(25);
    expect(button(long, 'b').text.text).toHaveLength(75);
    expect(actions(Array.from({ length: 30 }, (_, i) => button('ok', `b${i}`)))).toMatchObject({
      elements: { length: 25 },
    });
  });

  it('clips without leaving half an entity or half a link', () => {
    expect(clip('abc &amp; def', 7)).toBe('abc …');
    expect(clip('see <https://example.com|here> now', 12)).toBe('see …');
    expect(clip('short', 10)).toBe('short');
  });
});
