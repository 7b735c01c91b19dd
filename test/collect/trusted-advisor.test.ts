import {
  DescribeTrustedAdvisorCheckResultCommand,
  DescribeTrustedAdvisorChecksCommand,
  SupportClient,
} from '@aws-sdk/client-support';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { collectTrustedAdvisor } from '../../src/collect/trusted-advisor';
import type { Note } from '../../src/domain/note';

const support = mockClient(SupportClient);
afterEach(() => support.reset());

/** Checks as DescribeTrustedAdvisorChecks lists them (AWS CLI example's shape). */
const CHECKS = [
  {
    id: 'DAvU99Dc4C',
    name: 'Underutilized Amazon EBS Volumes',
    description: '',
    category: 'cost_optimizing',
    metadata: [
      'Region',
      'Volume ID',
      'Volume Name',
      'Volume Type',
      'Volume Size',
      'Monthly Storage Cost',
      'Snapshot ID',
      'Snapshot Name',
      'Snapshot Age',
    ],
  },
  { id: 'zXCkfM1nI3', name: 'IAM Use', description: '', category: 'security', metadata: [] },
  {
    id: 'cX3c2R1chu',
    name: 'Amazon EC2 Reserved Instance Optimization',
    description: '',
    category: 'cost_optimizing',
    metadata: [],
  },
];

describe('collectTrustedAdvisor', () => {
  const aws = () => createAws({ mode: 'live', homeRegion: 'eu-west-1' });

  it('reads the results of the cost checks it ingests, in us-east-1, leaving out suppressed and ok resources', async () => {
    support.on(DescribeTrustedAdvisorChecksCommand).resolves({ checks: CHECKS });
    support.on(DescribeTrustedAdvisorCheckResultCommand).resolves({
      result: {
        checkId: 'DAvU99Dc4C',
        timestamp: '2026-11-20T04:00:00Z',
        status: 'warning',
        resourcesSummary: { resourcesProcessed: 3, resourcesFlagged: 2, resourcesIgnored: 0, resourcesSuppressed: 1 },
        categorySpecificSummary: { costOptimizing: { estimatedMonthlySavings: 11, estimatedPercentMonthlySavings: 2 } },
        flaggedResources: [
          {
            status: 'warning',
            region: 'eu-west-1',
            resourceId: 'r1',
            metadata: ['eu-west-1', 'vol-0aaa', null, 'gp2', '100', '$11.00', null, null, null],
          },
          {
            status: 'warning',
            region: 'eu-west-1',
            resourceId: 'r2',
            isSuppressed: true,
            metadata: ['eu-west-1', 'vol-0bbb'],
          },
          { status: 'ok', resourceId: 'r3', metadata: ['eu-west-1', 'vol-0ccc'] },
        ],
      },
    });
    const notes: Note[] = [];
    const data = await collectTrustedAdvisor(aws(), notes);
    expect(data.status).toBe('read');
    expect(data.checks).toEqual([
      {
        id: 'DAvU99Dc4C',
        name: 'Underutilized Amazon EBS Volumes',
        columns: CHECKS[0]?.metadata,
        flagged: [
          {
            status: 'warning',
            region: 'eu-west-1',
            metadata: ['eu-west-1', 'vol-0aaa', null, 'gp2', '100', '$11.00', null, null, null],
          },
        ],
      },
    ]);
    // Only the ingested cost check is read; the Reserved Instance one is the commitments analyzer's.
    expect(support.commandCalls(DescribeTrustedAdvisorCheckResultCommand).map((c) => c.args[0].input.checkId)).toEqual([
      'DAvU99Dc4C',
    ]);
    expect(await support.commandCalls(DescribeTrustedAdvisorChecksCommand)[0]?.thisValue.config.region()).toBe(
      'us-east-1',
    );
    expect(notes).toEqual([]);
  });

  it('says a support plan without Trusted Advisor is an opt-in, and reads nothing more', async () => {
    support
      .on(DescribeTrustedAdvisorChecksCommand)
      .rejects(
        awsError('SubscriptionRequiredException', 'AWS Premium Support Subscription is required to use this service.'),
      );
    const notes: Note[] = [];
    const data = await collectTrustedAdvisor(aws(), notes);
    expect(data).toEqual({ status: 'unavailable', checks: [] });
    expect(notes).toMatchObject([{ kind: 'opt-in', source: 'support:DescribeTrustedAdvisorChecks' }]);
    expect(support.commandCalls(DescribeTrustedAdvisorCheckResultCommand)).toHaveLength(0);
  });
});
