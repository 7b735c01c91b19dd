import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleResponder } from '../../fixtures/sample';
import { SAMPLE_ACCOUNTS } from '../../fixtures/sample/estate';
import { type AwsCall, awsError } from '../../src/aws/replay';
import { collectAccounts } from '../../src/collect/accounts';
import { loadConfig } from '../../src/config';
import { usd } from '../../src/domain/money';
import type { Note } from '../../src/domain/note';
import { runDaily } from '../../src/jobs/daily';
import { accountScope, collectOrganization } from '../../src/jobs/organization';
import { respondingAws, sampleOrganization } from '../helpers/sample-aws';
import { tempDir } from '../ledger/helpers';

const AS_OF = '2026-11-20';
const STAGING = '222222222222';

/** The sample organization with `refuse` deciding which calls fail, as IAM, an SCP or STS would. */
function refusing(refuse: (call: AwsCall) => Error | undefined) {
  const sample = sampleResponder({ asOf: AS_OF, seed: 1 });
  return respondingAws((call) => {
    const error = refuse(call);
    if (error) throw error;
    return sample(call);
  });
}
const read = async (aws: ReturnType<typeof refusing>, env: Record<string, string> = {}) => {
  const notes: Note[] = [];
  const config = loadConfig(env);
  const scope = accountScope(config, aws.mode);
  if (scope === 'self') throw new Error('the sample reads its organization');
  const org = await collectOrganization(aws, config, { asOf: AS_OF, self: '111111111111', scope }, notes);
  return { ...org, notes };
};

describe('the sample organization on the local runner', () => {
  it('finds resources in every account, each member read through its role', async () => {
    const { resources, accounts, aws, slices } = await sampleOrganization(AS_OF);
    expect(accounts.map((a) => a.name)).toEqual(SAMPLE_ACCOUNTS.map((a) => a.name));
    const owners = new Set([...resources.instances, ...resources.dbInstances].map((r) => r.accountId));
    expect([...owners].sort()).toEqual(SAMPLE_ACCOUNTS.map((a) => a.id));
    // Two members assumed once each, whatever number of slices they have.
    expect(aws.calls.byOperation['sts:AssumeRole']).toBe(2);
    expect(slices).toEqual({ total: 9, unread: 3 }); // 3 accounts x 3 regions; the SCP-denied region in each
  });

  it('lists a generated organization page by page, every member a copy of staging under its own id', async () => {
    const aws = respondingAws(sampleResponder({ asOf: AS_OF, seed: 1, accounts: 45 }));
    const accounts = await collectAccounts(
      aws,
      { scope: 'organization', include: [], exclude: [] },
      '111111111111',
      [],
    );
    expect(accounts).toHaveLength(45);
    expect(aws.calls.byOperation['organizations:ListAccounts']).toBe(3); // 46 listed, 20 a page
    const copy = sampleResponder({ asOf: AS_OF, seed: 1, accounts: 45 });
    const answer = JSON.stringify(
      await copy({
        service: 'ec2',
        operation: 'DescribeInstances',
        region: 'us-east-1',
        accountId: '500000000042',
        input: {},
      }),
    );
    expect(answer).toContain('500000000042');
    expect(answer).not.toContain(STAGING);
  });

  it('reads members from the management account in Compute Optimizer, one per request, when the organization is enrolled', async () => {
    const seen = (enrolled: boolean) => {
      const calls: AwsCall[] = [];
      const sample = sampleResponder({ asOf: AS_OF, seed: 1 });
      const aws = respondingAws((call) => {
        if (call.service === 'compute-optimizer') calls.push(call);
        if (call.operation === 'GetEnrollmentStatus') return { status: 'Active', memberAccountsEnrolled: enrolled };
        return sample(call);
      });
      return { aws, calls };
    };
    const org = seen(true);
    const { optimizer } = await read(org.aws);
    const ec2 = org.calls.filter((c) => c.operation === 'GetEC2InstanceRecommendations');
    expect(ec2.every((c) => c.accountId === undefined)).toBe(true); // all sent with the management's own credentials
    expect(ec2.map((c) => c.input.accountIds ?? 'own').sort()).toEqual([
      ['222222222222'],
      ['222222222222'],
      ['333333333333'],
      ['333333333333'],
      'own',
      'own',
    ]);
    const owners = (o: typeof optimizer) => [...new Set(o.ec2.map((r) => r.accountId))].sort();
    expect(owners(optimizer)).toEqual(['111111111111', '333333333333']);

    // Not enrolled for the organization: each member's own, through its role, with nothing named.
    const alone = seen(false);
    const single = await read(alone.aws);
    const memberCalls = alone.calls.filter((c) => c.operation === 'GetEC2InstanceRecommendations' && c.accountId);
    expect([...new Set(memberCalls.map((c) => c.accountId))].sort()).toEqual(['222222222222', '333333333333']);
    expect(alone.calls.some((c) => c.input.accountIds)).toBe(false);
    expect(single.optimizer.ec2).toEqual(optimizer.ec2);
  });

  it('makes a member whose role cannot be assumed one note naming it, and reads the others', async () => {
    const aws = refusing((call) =>
      call.operation === 'AssumeRole' && String(call.input.RoleArn).includes(STAGING)
        ? awsError('AccessDenied', 'not authorized to perform: sts:AssumeRole')
        : undefined,
    );
    const { resources, notes } = await read(aws);
    const refused = notes.filter((n) => n.source === 'sts:AssumeRole');
    expect(refused).toEqual([
      expect.objectContaining({
        kind: 'denied',
        accountId: STAGING,
        message: expect.stringMatching(/^account 222222222222 not read: role durion-cost-member could not be assumed/),
      }),
    ]);
    const owners = new Set(resources.instances.map((r) => r.accountId));
    expect(owners.has(STAGING)).toBe(false);
    expect(owners.has('333333333333')).toBe(true);
  });

  it('goes on when STS throttles one member, and says so', async () => {
    const aws = refusing((call) =>
      call.operation === 'AssumeRole' && String(call.input.RoleArn).includes('333333333333')
        ? awsError('Throttling', 'Rate exceeded')
        : undefined,
    );
    const { notes, resources } = await read(aws);
    expect(notes.filter((n) => n.source === 'sts:AssumeRole').map((n) => [n.kind, n.accountId])).toEqual([
      ['throttled', '333333333333'],
    ]);
    expect(resources.instances.some((i) => i.accountId === STAGING)).toBe(true);
  });

  it('reads an explicit list, an account outside the organization included, with its ExternalId', async () => {
    const seen: AwsCall[] = [];
    const sample = sampleResponder({ asOf: AS_OF, seed: 1 });
    const aws = respondingAws((call) => {
      seen.push(call);
      return sample(call);
    });
    const { accounts, notes } = await read(aws, {
      DURION_ACCOUNTS: '333333333333,999999999999',
      DURION_MEMBER_EXTERNAL_ID: 'durion-ext-1',
    });
    expect(accounts.map((a) => a.id)).toEqual(['333333333333', '999999999999']);
    expect(seen.some((c) => c.service === 'organizations')).toBe(false);
    const assumed = seen.filter((c) => c.operation === 'AssumeRole').map((c) => c.input);
    expect(assumed).toContainEqual(
      expect.objectContaining({
        RoleArn: 'arn:aws:iam::333333333333:role/durion-cost-member',
        ExternalId: 'durion-ext-1',
      }),
    );
    // 999999999999 left the organization (or never had the role): a note, and the run goes on.
    expect(notes.find((n) => n.accountId === '999999999999')?.source).toBe('sts:AssumeRole');
  });

  it('posts the digest once with a failed member: its note is in the digest, nothing is lost', async () => {
    const tmp = tempDir();
    try {
      const aws = refusing((call) =>
        call.operation === 'AssumeRole' && String(call.input.RoleArn).includes(STAGING)
          ? awsError('AccessDenied', 'no role')
          : undefined,
      );
      const result = await runDaily({
        aws,
        asOf: AS_OF,
        outDir: join(tmp.dir, 'out'),
        storeDir: join(tmp.dir, 'store'),
        config: loadConfig({}),
      });
      expect(result.digestText).toContain(
        'account 222222222222 not read: role durion-cost-member could not be assumed',
      );
      expect(result.report.notes.some((n) => n.accountId === STAGING && n.source === 'sts:AssumeRole')).toBe(true);
      expect(result.report.findings.total).toBeGreaterThan(20);
      // The accounts section: each read account's spend and savings waiting; the refused one has none from its
      // resources, only what the bill (read in the payer) says of its data transfer.
      const lines = result.digestText.split('\n').filter((l) => /^ {2}durion-\w+ \d{12}: /.test(l));
      expect(lines.map((l) => l.trim().split(':')[0])).toEqual([
        'durion-production 111111111111',
        'durion-staging 222222222222',
        'durion-development 333333333333',
      ]);
      const staging = JSON.parse(readFileSync(join(tmp.dir, 'out', 'findings.json'), 'utf8')).filter(
        (f: { accountId: string; source: string }) => f.accountId === STAGING && f.source === 'rule',
      );
      expect(staging.map((f: { ruleId: string }) => f.ruleId)).toEqual(['data-transfer-internet-without-cloudfront']);
      expect(lines[1]).toContain(`savings waiting ${usd(staging[0].monthlySavingsUsd)} a month in 1 finding(s)`);
      const dollars = (t: string) => Number(t.replace(/[$,]/g, ''));
      const perAccount = lines.map((l) => dollars(/savings waiting (\$[\d,.]+)/.exec(l)?.[1] ?? 'NaN'));
      const total = dollars(/^ {2}(\$[\d,.]+) a month across/m.exec(result.digestText)?.[1] ?? 'NaN');
      expect(Math.abs(perAccount.reduce((a, b) => a + b, 0) - total)).toBeLessThan(1); // the total shows whole dollars
      // Organizations' names beside every account id: the digest's lines, its notes and findings.csv.
      expect(result.digestText).toContain('denied: inventory (ap-southeast-2, durion-development 333333333333)');
      expect(result.digestText).toMatch(/\(durion-production 111111111111, us-east-1\)/);
      const csv = readFileSync(join(tmp.dir, 'out', 'findings.csv'), 'utf8');
      expect(csv.split('\n')[0]).toContain('accountId,accountName,region');
      expect(csv).toContain('333333333333,durion-development,');
      // run.json counts calls by account: the members read, the refused one not at all.
      expect(result.report.callsByAccount['333333333333']?.['ec2:DescribeInstances']).toBe(3);
      expect(result.report.callsByAccount[STAGING]).toBeUndefined();
      expect(result.report.callsByAccount['(own)']?.['ce:GetCostAndUsage']).toBeGreaterThan(0);
    } finally {
      tmp.cleanup();
    }
  });
});
