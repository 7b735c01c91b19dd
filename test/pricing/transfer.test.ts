import { describe, expect, it } from 'vitest';
import {
  CLOUDFRONT_TIERS,
  cloudFrontCost,
  INTERNET_EGRESS_TIERS,
  interRegionRate,
  tieredCost,
} from '../../src/pricing/transfer';

const TB = 1024;

describe('data transfer prices', () => {
  it('fills the internet egress tiers in order, each GB at its own tier', () => {
    // Golden, 200 TB: 10,240 × $0.09 + 40,960 × $0.085 + 102,400 × $0.07 + 51,200 × $0.05 (infracost
    // data_transfer_test) = $921.60 + $3,481.60 + $7,168.00 + $2,560.00 = $14,131.20.
    expect(tieredCost(INTERNET_EGRESS_TIERS, 200 * TB, 'us-east-1')?.monthlyUsd).toBe(14_131.2);
    expect(tieredCost(INTERNET_EGRESS_TIERS, 100, 'us-east-1')).toMatchObject({ monthlyUsd: 9, method: 'price-table' });
    expect(tieredCost(INTERNET_EGRESS_TIERS, 100, 'eu-west-1')?.method).toBe('price-table-approx');
  });

  it("prices CloudFront's tiers up to the last, and its HTTPS requests", () => {
    // Golden, 6 PB of 1,024 GB to the TB (CloudFront pricing page, US, Mexico and Canada): 10,240 × $0.085 + 40,960 ×
    // $0.08 + 102,400 × $0.06 + 358,400 × $0.04 + 536,576 × $0.03 + 4,194,304 × $0.025 + 1,048,576 × $0.02 = $870.40 +
    // $3,276.80 + $6,144.00 + $14,336.00 + $16,097.28 + $104,857.60 + $20,971.52 = $166,553.60.
    expect(CLOUDFRONT_TIERS).toHaveLength(7);
    expect(tieredCost(CLOUDFRONT_TIERS, 6 * TB * TB, 'us-east-1')?.monthlyUsd).toBe(166_553.6);
    // 1,000 GB and a million requests: $85.00 + 100 × $0.01 per 10,000.
    expect(cloudFrontCost(1000, 1_000_000)?.monthlyUsd).toBe(86);
  });

  it('charges $0.01 a GB between us-east-1 and us-east-2, and $0.02 to the other regions', () => {
    expect(interRegionRate('us-east-2', 'us-east-1')?.usd).toBe(0.01);
    expect(interRegionRate('us-east-1', 'us-west-2')?.usd).toBe(0.02);
    expect(interRegionRate('eu-west-1', 'us-east-1')).toMatchObject({ usd: 0.02, method: 'price-table-approx' });
  });
});
