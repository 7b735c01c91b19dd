/** Lambda duration pricing (first tier, which covers all but the largest accounts). */
import { HOURS_PER_MONTH } from '../domain/money';
import { price, type Rate } from './index';

/** Days in a 730-hour month. */
const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/** Price per GB-second by architecture, or undefined. */
export const lambdaDurationPrice = (architecture: string, region: string): Rate | undefined =>
  price(architecture === 'arm64' ? 'lambda.duration_arm_first_7_5B' : 'lambda.duration_x86_first_6B', region);

/** GB-seconds a month, from invocations and mean duration (ms) over a window of days, at a memory size. */
export const monthlyGbSeconds = (invocations: number, meanDurationMs: number, windowDays: number, memoryMb: number) =>
  (invocations / windowDays) * DAYS_PER_MONTH * (meanDurationMs / 1000) * (memoryMb / 1024);
