import type { Command } from '../command';
import { sourceAnswer } from '../extra';
import { actionable } from '../findings';

export const anomalies: Command = {
  name: 'anomalies',
  usage: '',
  summary: 'spend anomalies found by durion-cost and by AWS Cost Anomaly Detection',
  async run({ store, snapshot, now }) {
    const [snap, findings] = await Promise.all([snapshot(), store.listFindings()]);
    return sourceAnswer(
      'Anomalies',
      snap,
      'anomalies',
      actionable(findings, now, ['alarm', 'info']),
      'anomaly',
      now,
      'no anomaly detection has run on this store (the anomaly analyzer adds it to the daily run).',
    );
  },
};
