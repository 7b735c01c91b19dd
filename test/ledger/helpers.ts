import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FindingDraft } from '../../src/model';

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'durion-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A plausible alarm draft; override what the test is about. */
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
