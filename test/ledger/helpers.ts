import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, FindingDraft } from '../../src/domain/finding';

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'durion-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A plausible alarm draft (an unattached EBS volume priced from the list); override what the test is about. */
export function draft(overrides: Partial<FindingDraft> = {}): FindingDraft {
  return {
    source: 'rule',
    ruleId: 'ebs-unattached-volume',
    action: 'delete',
    title: 'EBS volume unattached',
    strategy: 'unused-resources',
    wellArchitected: 'COST04-BP05 (2024-06-27)',
    severity: 'medium',
    accountId: '111111111111',
    region: 'us-east-1',
    service: 'EC2 - Other',
    resourceId: 'vol-0abc',
    status: 'alarm',
    reason: 'Volume vol-0abc (100 GiB gp3) has been unattached for 30 days.',
    monthlySavingsUsd: 8,
    savingsMethod: 'price-table',
    savingsBasis: '100 GiB × $0.08/GiB-month list price',
    confidence: 'high',
    effort: 'low',
    evidence: {},
    ...overrides,
  };
}

/** A plausible rightsizing draft: an EC2 instance the low-utilization rule found oversized. */
export const rightsizeDraft = (overrides: Partial<FindingDraft> = {}): FindingDraft =>
  draft({
    action: 'rightsize',
    ruleId: 'ec2-low-utilization',
    title: 'EC2 instance with low utilization',
    strategy: 'right-sizing',
    wellArchitected: 'COST06-BP02 (2024-06-27)',
    severity: 'low',
    service: 'Amazon Elastic Compute Cloud - Compute',
    resourceId: 'i-0a1b2c3d4e5f60718',
    reason: 'CPU max of daily averages 3.1% over 30 days.',
    monthlySavingsUsd: 140.16,
    savingsBasis: '730 h at list price',
    confidence: 'medium',
    effort: 'medium',
    evidence: { cpuMax: 3.1 },
    ...overrides,
  });

let stored = 0;
/** A stored finding seen on 2026-11-20, open, each on its own resource with its own id; override what the test is about. */
export function storedFinding(o: Partial<Finding> = {}): Finding {
  stored++;
  return {
    ...draft({ resourceId: `vol-${stored}`, monthlySavingsUsd: 10 }),
    id: `f${stored}`,
    score: 10,
    priority: 3,
    state: 'open',
    history: [],
    firstSeen: '2026-11-20',
    lastSeen: '2026-11-20',
    ...o,
  };
}
