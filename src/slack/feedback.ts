/** Verdicts on AWS-detected anomalies go back to Cost Anomaly Detection, which learns from them. */
import { CostExplorerClient, ProvideAnomalyFeedbackCommand } from '@aws-sdk/client-cost-explorer';
import type { Aws } from '../aws';
import type { SendFeedback } from './interactions';

/** ce:ProvideAnomalyFeedback through the client factory (counted; answered by a responder in tests). */
export const anomalyFeedback =
  (aws: Aws): SendFeedback =>
  async (anomalyId, feedback) => {
    await aws
      .client(CostExplorerClient)
      .send(new ProvideAnomalyFeedbackCommand({ AnomalyId: anomalyId, Feedback: feedback }));
  };
