import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analyze/summary';
import { groupThousands, usd, usdCents } from '../../src/domain/money';
import { sparkline } from '../../src/notify/format';
import { plainEntry } from '../../src/notify/section';
import { renderText } from '../../src/notify/text';
import { spendOf } from './spend-fixture';

const spend = spendOf('2026-08-01', '2026-11-19', {
  'Amazon Elastic Compute Cloud - Compute': (d) => (d >= '2026-11-13' ? 300 : 100),
  'Amazon Simple Storage Service': () => 7.5,
  'AWS Lambda': () => 0.25,
});
const summary = summarize(spend, '2026-11-20');

describe('renderText', () => {
  it('aligns the overview values in one column', () => {
    const text = renderText({ asOf: '2026-11-20', sample: false, summary, sections: [], notes: [] });
    const rows = text.split('\n').slice(2, 6);

    expect(rows[0]).toMatch(/^Yesterday \(Nov 19\) +\$307\.75 {2}/);
    expect(rows[2]).toMatch(/^November 2026 forecast \(month end\) +n\/a {2}no forecast from Cost Explorer$/);
    const valueEnds = rows.map((r) => r.indexOf('  ', r.search(/\$|n\/a/)));
    expect(valueEnds).toEqual([valueEnds[0], valueEnds[0], valueEnds[0], valueEnds[0]]);
  });

  it('prints the services with sparklines and change, the movers, the sections and the notes', () => {
    const text = renderText({
      asOf: '2026-11-20',
      sample: true,
      summary,
      sections: [
        {
          id: 'savings',
          title: 'Savings waiting',
          blocks: [{ entries: [plainEntry('$3.65/month: idle public IPv4')] }],
        },
      ],
      notes: [
        {
          kind: 'opt-in',
          source: 'compute-optimizer:GetEC2InstanceRecommendations',
          message: 'OptInRequiredException: not opted in',
        },
      ],
    });

    expect(text.split('\n')[0]).toBe('Cost digest for 2026-11-20 · SAMPLE ACCOUNT — not real data');
    expect(text).toContain('  ▁▁▁▁▁▁▁███████   $3,300  +$1,400 (+74%)  Amazon Elastic Compute Cloud - Compute\n');
    expect(text).toContain('  ▄▄▄▄▄▄▄▄▄▄▄▄▄▄  $142.50  $0.00 (0.0%)    Amazon Simple Storage Service\n');
    expect(text).toContain('    Amazon Elastic Compute Cloud - Compute: +$1,400 (+200%), $2,100 over 7 days\n');
    expect(text).toContain('\nSavings waiting\n  $3.65/month: idle public IPv4\n');
    expect(text).toContain(
      '\nNotes\n  - opt-in: compute-optimizer:GetEC2InstanceRecommendations: OptInRequiredException: not opted in\n',
    );
  });
});

describe('sparkline', () => {
  it('scales between the minimum and maximum', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([0, 0])).toBe('▁▁');
    expect(sparkline([])).toBe('');
  });
});

describe('dollars', () => {
  it('rounds for display and keeps the cents in reasons', () => {
    expect(usd(1234.5)).toBe('$1,235');
    expect(usd(-12.345)).toBe('-$12.35');
    expect(usdCents(1234.5)).toBe('$1,234.50');
    expect(usdCents(3.1)).toBe('$3.10');
  });

  it('words cents as Intl does: the shortest decimal form rounded half away from zero', () => {
    expect(usdCents(1.005)).toBe('$1.01');
    expect(usdCents(2.675)).toBe('$2.68');
    expect(usdCents(0.994)).toBe('$0.99');
    expect(usdCents(999.995)).toBe('$1,000.00');
    expect(usdCents(1234567.891)).toBe('$1,234,567.89');
    expect(usdCents(-1234.565)).toBe('$-1,234.57');
    expect(usdCents(-0.001)).toBe('$-0.00');
    expect(usdCents(0)).toBe('$0.00');
    expect(usdCents(1e21)).toBe('$1,000,000,000,000,000,000,000.00');
  });

  it('groups the thousands of the leading digits only', () => {
    expect(groupThousands('1234567.891')).toBe('1,234,567.891');
    expect(groupThousands('123456')).toBe('123,456');
    expect(groupThousands('999.5')).toBe('999.5');
    expect(groupThousands('-1234')).toBe('-1234');
    expect(groupThousands('1e+21')).toBe('1e+21');
  });
});
