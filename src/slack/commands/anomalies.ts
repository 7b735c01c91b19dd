import type { Command } from '../command';
import { sourceAnswer } from '../extra';
import { actionable } from '../findings';

export const anomalies: Command = {
  name: 'anomalies',
  usage: '',
  summary: 'spend anomalies found by durion-cost and by AWS Cost Anomaly Detection',
  async run({ store, snapshot, now }) {
    const [snap, findings] = await Promise.all([snapshot(), store.listFindings()]);
    return sourceAnswer({
      title: 'Anomalies',
      snap,
      findings: actionable(findings, now, ['alarm', 'info']),
      source: 'anomaly',
      now,
      missing: 'no open anomaly in the stored run (anomaly detection adds them to the daily run).',
    });
  },
};
