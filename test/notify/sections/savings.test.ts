import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/domain/finding';
import { sectionToBlocks, sectionToLines } from '../../../src/notify/section';
import { savingsSection } from '../../../src/notify/sections/savings';
import { storedFinding } from '../../ledger/helpers';

const AS_OF = '2026-11-20';
const finding = (o: Partial<Finding>): Finding =>
  storedFinding({ monthlySavingsUsd: 16, score: 16, firstSeen: '2026-11-01', ...o });

describe('savingsSection', () => {
  it('totals open findings, ranks the top ones with owner and reason, and marks what is new', () => {
    const section = savingsSection(
      [
        finding({ monthlySavingsUsd: 660, score: 370, priority: 2, owner: 'bob', reason: 'io1 volume within gp3' }),
        finding({ monthlySavingsUsd: 32.85, score: 32.85, priority: 3, firstSeen: AS_OF, reason: 'NAT idle' }),
        finding({ monthlySavingsUsd: 1000, state: 'acknowledged', score: 1000, priority: 1 }),
        finding({ monthlySavingsUsd: 900, state: 'kept' }),
        finding({ monthlySavingsUsd: 500, lastSeen: '2026-11-19', state: 'resolved' }),
        finding({ monthlySavingsUsd: 0, status: 'ok' }),
      ],
      AS_OF,
    );
    expect(section?.id).toBe('savings');
    expect(sectionToLines(section!)[0]).toBe(
      '$1,693 a month across 3 open findings; new since yesterday: 1 ($32.85 a month). Estimates at list prices over 730 h unless a finding says otherwise, the largest per resource where findings are alternatives; all are in findings.csv.',
    );
    // Acknowledged is still waiting (someone is on it, nothing is saved yet); kept is not.
    expect(sectionToLines(section!)[1]).toMatch(/^\$1,000\/month · /);
    expect(sectionToLines(section!)[2]).toMatch(/^\$660\.00\/month · .* owner bob · io1 volume within gp3$/);
    expect(sectionToLines(section!)[3]).toMatch(/^NEW \$32\.85\/month · .* owner unknown · NAT idle$/);
    expect(sectionToBlocks(section!)).toHaveLength(4);
  });

  it('lists new findings beyond the top ones', () => {
    const many = Array.from({ length: 7 }, (_, i) => finding({ monthlySavingsUsd: 100 - i, score: 100 - i }));
    const late = finding({ monthlySavingsUsd: 1, score: 1, priority: 4, firstSeen: AS_OF, reason: 'late newcomer' });
    const section = savingsSection([...many, late], AS_OF, undefined, 5);
    expect(sectionToLines(section!)).toHaveLength(1 + 5 + 1);
    expect(sectionToLines(section!).at(-1)).toContain('late newcomer');
  });

  it('counts alternatives on one resource once, at the largest saving', () => {
    const a = finding({ resourceId: 'i-1', monthlySavingsUsd: 124.1, ruleId: 'ec2-instance-low-utilization' });
    const b = finding({ resourceId: 'i-1', monthlySavingsUsd: 49.64, ruleId: 'ec2-graviton-candidate' });
    expect(sectionToLines(savingsSection([a, b], AS_OF)!)[0]).toMatch(/^\$124\.10 a month across 2 open findings/);
  });

  it('leaves anomalies to their own section: their run rate is not a saving', () => {
    const rule = finding({ resourceId: 'vol-1', monthlySavingsUsd: 8 });
    const anomaly = finding({ source: 'anomaly', resourceId: 'account-service|1|EC2', monthlySavingsUsd: 1384.62 });
    expect(sectionToLines(savingsSection([rule, anomaly], AS_OF)!)[0]).toMatch(
      /^\$8\.00 a month across 1 open findings/,
    );
    expect(savingsSection([anomaly], AS_OF)).toBeUndefined();
  });

  it('is absent when nothing is open', () => {
    expect(savingsSection([finding({ state: 'snoozed', snoozedUntil: '2026-12-01' })], AS_OF)).toBeUndefined();
  });
});
