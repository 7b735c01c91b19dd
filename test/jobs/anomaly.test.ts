import { describe, expect, it } from 'vitest';
import { collectSpend } from '../../src/collect/spend';
import { loadConfig } from '../../src/config';
import type { AnomalyState } from '../../src/domain/anomaly';
import type { Note } from '../../src/domain/note';
import { anomalyStep } from '../../src/jobs/anomaly';
import { sectionToLines } from '../../src/notify/section';
import { sampleAws } from '../helpers/sample-aws';

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
