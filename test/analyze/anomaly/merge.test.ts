import { describe, expect, it } from 'vitest';
import { plantedAnomalies } from '../../../fixtures/sample/estate';
import { mergeAwsAnomalies } from '../../../src/analyze/anomaly/merge';
import { createAws } from '../../../src/aws';
import { awsError } from '../../../src/aws/replay';
import { collectAwsAnomalies } from '../../../src/collect/anomalies';
import type { Note } from '../../../src/domain/note';
import { sampleAws } from '../../helpers/sample-aws';
import { spendAnomaly as ours } from './helpers';

const ASOF = '2026-11-20';

const awsAnomaly = (id: string, extra: Record<string, unknown> = {}) => ({
  AnomalyId: id,
  AnomalyStartDate: '2026-11-15T00:00:00Z',
  AnomalyEndDate: '2026-11-16T00:00:00Z',
  DimensionValue: 'AmazonCloudWatch',
  RootCauses: [
    {
      Service: 'AmazonCloudWatch',
      LinkedAccount: '111111111111',
      UsageType: 'USE1-DataProcessing-Bytes',
      Impact: { Contribution: 400 },
    },
  ],
  AnomalyScore: { MaxScore: 0.9, CurrentScore: 0 },
  Impact: { MaxImpact: 240, TotalImpact: 400, TotalActualSpend: 500, TotalExpectedSpend: 100 },
  MonitorArn: 'arn:aws:ce::111111111111:anomalymonitor/m',
  ...extra,
});

describe('collectAwsAnomalies', () => {
  it('reads every page, passing each token on', async () => {
    const inputs: Record<string, unknown>[] = [];
    const aws = createAws({
      mode: 'sample',
      homeRegion: 'us-east-1',
      responder: (call) => {
        inputs.push(call.input);
        return call.input.NextPageToken
          ? { Anomalies: [awsAnomaly('b')] }
          : { Anomalies: [awsAnomaly('a')], NextPageToken: 'page-2' };
      },
    });
    const found = await collectAwsAnomalies(aws, ASOF, []);
    expect(found?.map((a) => a.id)).toEqual(['a', 'b']);
    expect(inputs[1]).toMatchObject({
      NextPageToken: 'page-2',
      DateInterval: { StartDate: '2026-11-06', EndDate: ASOF },
    });
    expect(aws.calls.forService('ce')).toBe(2);
    expect(found?.[0]).toMatchObject({ start: '2026-11-15', end: '2026-11-16', impactUsd: 400, expected: 100 });
  });

  it('turns a denied call into a note', async () => {
    const aws = createAws({
      mode: 'sample',
      homeRegion: 'us-east-1',
      responder: () => {
        throw awsError('AccessDeniedException', 'not allowed: ce:GetAnomalies');
      },
    });
    const notes: Note[] = [];
    expect(await collectAwsAnomalies(aws, ASOF, notes)).toBeUndefined();
    expect(notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'ce:GetAnomalies' })]);
  });

  it('gets from the sample account what AWS would see of the planted anomalies, a day late', async () => {
    const aws = sampleAws(ASOF);
    const found = (await collectAwsAnomalies(aws, ASOF, [])) ?? [];
    const planted = plantedAnomalies(ASOF).filter((p) => p.kind !== 'new-service');
    expect(found.map((a) => [a.rootCauses[0]?.accountId, a.dimensionValue, a.start]).sort()).toEqual(
      planted.map((p) => [p.accountId, p.service, p.start]).sort(),
    );
    const open = found.find((a) => a.end === undefined);
    expect(open?.dimensionValue).toBe('EC2 - Other');
  });
});

describe('mergeAwsAnomalies', () => {
  const aws = async (raw: Record<string, unknown>[]) => {
    const client = createAws({ mode: 'sample', homeRegion: 'us-east-1', responder: () => ({ Anomalies: raw }) });
    return (await collectAwsAnomalies(client, ASOF, [])) ?? [];
  };

  it('makes one anomaly naming both sources when both saw the event, with AWS root causes as contributors', async () => {
    const merged = mergeAwsAnomalies([ours()], await aws([awsAnomaly('x')]), ASOF);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      sources: ['durion-cost', 'aws-cost-anomaly-detection'],
      awsAnomalyId: 'x',
      impactUsd: 480,
    });
    expect(merged[0]?.contributors?.[0]).toMatchObject({
      by: 'usage-type',
      value: 'USE1-DataProcessing-Bytes',
      share: 1,
    });
  });

  it('keeps what only AWS saw, and leaves out what was marked not an anomaly or planned', async () => {
    const other = awsAnomaly('y', {
      DimensionValue: 'Amazon Simple Storage Service',
      RootCauses: [
        { Service: 'Amazon Simple Storage Service', LinkedAccount: '222222222222', Impact: { Contribution: 90 } },
      ],
      Impact: { TotalImpact: 90, TotalActualSpend: 190, TotalExpectedSpend: 100 },
    });
    const merged = mergeAwsAnomalies(
      [ours()],
      await aws([
        other,
        awsAnomaly('z', { Feedback: 'PLANNED_ACTIVITY', DimensionValue: 'AWS Lambda', RootCauses: [] }),
      ]),
      ASOF,
    );
    expect(merged.map((m) => [m.sources.join('+'), m.series])).toEqual([
      ['durion-cost', '111111111111|AmazonCloudWatch'],
      ['aws-cost-anomaly-detection', '222222222222|Amazon Simple Storage Service'],
    ]);
    expect(merged[1]).toMatchObject({ impactUsd: 90, expected: 100, actual: 190, awsAnomalyId: 'y' });
  });

  it('does not match a different account or days far apart', async () => {
    const elsewhere = mergeAwsAnomalies(
      [ours({ accountId: '333333333333', series: '333333333333|AmazonCloudWatch' })],
      await aws([awsAnomaly('x')]),
      ASOF,
    );
    expect(elsewhere.map((m) => m.sources.length)).toEqual([1, 1]);
    const earlier = mergeAwsAnomalies(
      [ours({ start: '2026-11-01', end: '2026-11-02' })],
      await aws([awsAnomaly('x')]),
      ASOF,
    );
    expect(earlier).toHaveLength(2);
  });
});
