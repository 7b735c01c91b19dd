import type { Severity } from './finding';

/** An SNS alert before publishing: the fields subscribers filter on, and the text people read. */
export interface Alert {
  /** Dedup key: the same key is published once (more only if the impact grows, where the kind allows). */
  key: string;
  kind: 'forecast' | 'anomaly' | 'commitment';
  severity: Severity;
  accountId: string;
  service: string;
  impactUsd: number;
  subject: string;
  message: string;
}
