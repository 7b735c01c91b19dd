/** A test responder shared by the intraday and IAM tests. */

import { sampleResponder } from '../../../fixtures/sample';
import type { AwsCall } from '../../../src/aws/replay';

/** The sample account, with production Lambda running $30 an hour over expected for the last six hours read. */
export function withRunaway(asOf: string) {
  const sample = sampleResponder({ asOf, seed: 1 });
  return async (call: AwsCall) => {
    const out = (await sample(call)) as {
      ResultsByTime?: { Groups?: { Keys?: string[]; Metrics?: Record<string, { Amount?: string }> }[] }[];
    };
    // The last page holds the last hours.
    if (call.input.Granularity !== 'HOURLY' || !out.ResultsByTime || 'NextPageToken' in out) return out;
    const results = structuredClone(out);
    for (const r of (results.ResultsByTime ?? []).slice(-6)) {
      for (const g of r.Groups ?? []) {
        const cost = g.Metrics?.UnblendedCost;
        if (cost && g.Keys?.join('|') === '111111111111|AWS Lambda') cost.Amount = String(Number(cost.Amount) + 30);
      }
    }
    return results;
  };
}
