import { describe, expect, it } from 'vitest';
import { sampleResponder } from '../../fixtures/sample';
import { slackVerdicts } from '../../src/analyze/anomaly/merge';
import type { AwsCall } from '../../src/aws/replay';
import { collectSpend } from '../../src/collect/spend';
import { loadConfig } from '../../src/config';
import { type AnomalyState, VERDICT_REASONS, type Verdict } from '../../src/domain/anomaly';
import type { Finding } from '../../src/domain/finding';
import type { Note } from '../../src/domain/note';
import { anomalyStep } from '../../src/jobs/anomaly';
import { sectionToLines } from '../../src/notify/section';
import { respondingAws, sampleAws } from '../helpers/sample-aws';

async function step(asOf: string, previous: AnomalyState | undefined, env: Record<string, string> = {}) {
  const config = loadConfig(env);
  const aws = sampleAws(asOf);
  const notes: Note[] = [];
  const spend = await collectSpend(aws, { asOf, ...config.spend }, undefined, notes);
  const before = aws.calls.forService('ce');
  const result = await anomalyStep(aws, { asOf, spend, accountId: '111111111111', config, notes, previous });
  return { result, ceRequests: aws.calls.forService('ce') - before, notes };
}

describe('anomalyStep on the sample account', () => {
  it('finds, explains and alerts the planted anomalies within three Cost Explorer requests', async () => {
    const { result, ceRequests, notes } = await step('2026-11-20', undefined);
    expect(result.anomalies).toHaveLength(3);
    expect(result.anomalies.every((a) => (a.contributors ?? []).some((c) => c.by === 'usage-type'))).toBe(true);
    expect(result.alerts.map((a) => a.key)).toHaveLength(3);
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual([
      'anomaly:level-shift',
      'anomaly:new',
      'anomaly:spike',
    ]);
    expect(sectionToLines(result.section()!).join('\n')).toContain('SageMaker');
    expect(ceRequests).toBeLessThanOrEqual(3);
    expect(notes).toEqual([]);
    const input = result.publishInput(result.alerts[0]!, 'arn:aws:sns:us-east-1:111111111111:t');
    expect(input.MessageStructure).toBe('json');
  });

  it('does not alert again unless the impact grew by the configured share since the last alert', async () => {
    const first = await step('2026-11-20', undefined);
    const state = first.result.stateAfter(first.result.alerts.map((a) => a.key));
    expect(state.sent).toEqual({ day: '2026-11-20', count: 3 });
    const same = await step('2026-11-20', JSON.parse(JSON.stringify(state)));
    expect(same.result.alerts).toEqual([]);

    // The staging NAT level shift is now ~$455 over expected: as if it had been alerted at $400, then at $250.
    const id = 'account-service|222222222222|EC2 - Other|2026-11-10';
    const at = (impact: number) => ({ ...state, alerted: { ...state.alerted, [id]: impact } });
    expect((await step('2026-11-20', at(400))).result.alerts).toEqual([]);
    const grown = await step('2026-11-20', at(250));
    expect(grown.result.alerts.map((a) => a.key)).toEqual([
      expect.stringMatching(/^anomaly:account-service\|222222222222\|EC2 - Other\|2026-11-10@\d+$/),
    ]);
    const after = grown.result.stateAfter(grown.result.alerts.map((a) => a.key));
    expect(after.alerted[id]).toBeGreaterThan(440);
    expect(after.sent.count).toBe(4);
  });

  it('caps the alerts of a day and summarizes the rest', async () => {
    const { result } = await step('2026-11-20', undefined, { DURION_ANOMALY_ALERT_CAP: '2' });
    expect(result.alerts.map((a) => a.key.split(':')[0])).toEqual(['anomaly', 'anomaly-overflow']);
  });
});

describe('feedback settles the merged anomaly', () => {
  const AS_OF = '2026-11-20';
  /** The sample account, with AWS's copy of the staging NAT level shift marked as planned activity. */
  const plannedInAws = () => {
    const sample = sampleResponder({ asOf: AS_OF, seed: 1 });
    return respondingAws(async (call: AwsCall) => {
      const answer = (await sample(call)) as { Anomalies?: { AnomalyId: string; Feedback?: string }[] };
      if (call.operation !== 'GetAnomalies') return answer;
      return {
        ...answer,
        Anomalies: answer.Anomalies?.map((a) =>
          a.AnomalyId.includes('level-shift') ? { ...a, Feedback: 'PLANNED_ACTIVITY' } : a,
        ),
      };
    });
  };

  const run = async (aws: ReturnType<typeof sampleAws>, verdicts?: ReadonlyMap<string, Verdict>) => {
    const config = loadConfig({});
    const notes: Note[] = [];
    const spend = await collectSpend(aws, { asOf: AS_OF, ...config.spend }, undefined, notes);
    return anomalyStep(aws, { asOf: AS_OF, spend, accountId: '111111111111', config, notes, verdicts });
  };

  it('publishes no alert for our own detection of an event AWS has as planned, and lists it as planned', async () => {
    const plain = await run(sampleAws(AS_OF));
    const settled = await run(plannedInAws());
    const shift = settled.anomalies.find((a) => a.kind === 'level-shift');

    expect(plain.alerts.some((a) => a.key === `anomaly:${shift?.id}`)).toBe(true);
    expect(shift?.sources).toEqual(['durion-cost', 'aws-cost-anomaly-detection']);
    expect(shift?.verdict).toEqual({ is: 'planned', by: 'aws' });
    expect(settled.alerts.map((a) => a.key)).not.toContain(`anomaly:${shift?.id}`);
    const finding = settled.findings.find((f) => f.resourceId === shift?.id);
    expect(finding).toMatchObject({ status: 'info', monthlyImpactUsd: 0 });
    expect(finding?.reason).toMatch(/Settled as planned spend \(feedback in AWS Cost Anomaly Detection\): no alert\./);
    expect(sectionToLines(settled.section()!).join('\n')).toMatch(/EC2 - Other .*Settled as planned spend/);
  });

  it('settles the same way from a Slack verdict on an anomaly only durion-cost saw', async () => {
    const plain = await run(sampleAws(AS_OF));
    const sagemaker = plain.anomalies.find((a) => a.service === 'Amazon SageMaker');
    expect(plain.alerts.some((a) => a.key === `anomaly:${sagemaker?.id}`)).toBe(true);
    const kept: Finding = {
      ...(plain.findings.find((f) => f.resourceId === sagemaker?.id) as Finding),
      id: 'f-sagemaker',
      score: 0,
      priority: 3,
      state: 'kept',
      history: [{ state: 'kept', at: `${AS_OF}T09:00:00Z`, by: 'U0ALICE', reason: VERDICT_REASONS['false-positive'] }],
      firstSeen: AS_OF,
      lastSeen: AS_OF,
    };

    const settled = await run(sampleAws(AS_OF), slackVerdicts([kept]));

    expect(settled.anomalies.find((a) => a.id === sagemaker?.id)?.verdict).toEqual({
      is: 'false-positive',
      by: 'slack',
    });
    expect(settled.alerts.map((a) => a.key)).not.toContain(`anomaly:${sagemaker?.id}`);
  });
});
