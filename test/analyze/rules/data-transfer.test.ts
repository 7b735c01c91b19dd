import { describe, expect, it } from 'vitest';
import dataTransferCrossAz from '../../../src/analyze/rules/data-transfer-cross-az';
import dataTransferInterRegion from '../../../src/analyze/rules/data-transfer-inter-region';
import dataTransferInternetWithoutCloudfront from '../../../src/analyze/rules/data-transfer-internet-without-cloudfront';
import type { DataTransferUsage } from '../../../src/domain/resources-network';
import { ruleCases, run } from './fixtures';

/** One usage type of one account's October bill. */
const usage = (o: Partial<DataTransferUsage> = {}): DataTransferUsage => ({
  accountId: '111111111111',
  region: 'us-east-1',
  id: 'USE1-DataTransfer-Regional-Bytes',
  tags: {},
  kind: 'cross-az',
  month: '2026-10',
  gb: 20_000,
  usd: 200,
  ...o,
});

const crossRegion = (o: Partial<DataTransferUsage> = {}) =>
  usage({ id: 'USE1-EU-AWS-Out-Bytes', kind: 'inter-region', toRegion: 'eu-west-1', gb: 10_000, usd: 200, ...o });
const egress = (o: Partial<DataTransferUsage> = {}) =>
  usage({ id: 'USE1-DataTransfer-Out-Bytes', kind: 'internet', gb: 20 * 1024, usd: 1792, ...o });

ruleCases(dataTransferCrossAz, {
  flagged: {
    // The other kinds are not this rule's.
    parts: { dataTransfer: [usage(), crossRegion(), egress()] },
    check: (f) => {
      // Golden: 50% (assumed, a guess) × 20,000 GB × $0.01 each direction (infracost data_transfer_test: 2,000 GB
      // intra-region = $20.00) = $100.00.
      expect(f.monthlySavingsUsd).toBe(100);
      expect(f).toMatchObject({
        savingsMethod: 'price-table',
        confidence: 'low',
        resourceId: 'USE1-DataTransfer-Regional-Bytes',
      });
      expect(f.reason).toBe(
        'Cross-AZ transfer USE1-DataTransfer-Regional-Bytes in us-east-1: 20,000 GB billed $200.00 in October 2026; zone-aware routing or co-locating chatty services would avoid an assumed 50% of it, $100.00 a month',
      );
      expect(f.savingsBasis).toBe(
        '50% (assumed share zone-aware routing or co-locating chatty services avoids, a guess) of 20,000 × $0.01 (data_transfer.inter_az.gb_each_direction, us-east-1 list price)',
      );
      // A resolved finding's claim is checked against this usage type on the bill.
      expect(f.usageTypes).toEqual(['DataTransfer-Regional-Bytes']);
    },
  },
  clean: { parts: { dataTransfer: [usage({ gb: 999, usd: 9.99 })] } },
  noData: { parts: { dataTransfer: [crossRegion(), egress()] }, empty: true },
});

ruleCases(dataTransferInterRegion, {
  flagged: {
    parts: { dataTransfer: [crossRegion(), usage()] },
    check: (f) => {
      // Golden: 50% (assumed, a guess) × 10,000 GB × $0.02 out of us-east-1 to other regions (infracost
      // data_transfer_test: 750 GB = $15.00) = $100.00.
      expect(f.monthlySavingsUsd).toBe(100);
      expect(f.reason).toBe(
        'Inter-region transfer USE1-EU-AWS-Out-Bytes from us-east-1 to eu-west-1: 10,000 GB billed $200.00 in October 2026; replicating only what is needed (S3 replication filters) or reading from a same-region copy would avoid an assumed 50% of it, $100.00 a month',
      );
      expect(f.savingsBasis).toContain(
        'a guess) of 10,000 × $0.02 (data_transfer.inter_region.us_east_1_to_other_regions.gb',
      );
      expect(f.usageTypes).toEqual(['EU-AWS-Out-Bytes']);
      expect(f.evidence).toMatchObject({ toRegion: 'eu-west-1', gb: 10_000, billedUsd: 200, month: '2026-10' });
    },
  },
  clean: { parts: { dataTransfer: [crossRegion({ gb: 499, usd: 9.98 })] } },
  noData: { parts: { dataTransfer: [usage()] }, empty: true },
});

describe('data-transfer-inter-region rates', () => {
  it('prices us-east-1 to us-east-2 at $0.01, and another source region as an approximation', () => {
    const [east] = run(dataTransferInterRegion, {
      dataTransfer: [crossRegion({ id: 'USE1-USE2-AWS-Out-Bytes', toRegion: 'us-east-2' })],
    });
    // Golden: 50% × 10,000 GB × $0.01 (infracost data_transfer_test: 500 GB to US East regions = $5.00) = $50.00.
    expect(east?.monthlySavingsUsd).toBe(50);
    const [eu] = run(dataTransferInterRegion, {
      dataTransfer: [crossRegion({ id: 'EU-USE1-AWS-Out-Bytes', region: 'eu-west-1', toRegion: 'us-east-1' })],
    });
    expect(eu).toMatchObject({ monthlySavingsUsd: 100, savingsMethod: 'price-table-approx', confidence: 'low' });
    expect(eu?.savingsBasis).toContain('us-east-1 list price used for eu-west-1');
  });

  it('takes the guessed share from its parameter', () => {
    const [f] = run(dataTransferInterRegion, { dataTransfer: [crossRegion()] }, { avoidableShare: 0.2 });
    expect(f?.monthlySavingsUsd).toBe(40);
    expect(f?.reason).toContain('an assumed 20% of it, $40.00 a month');
  });
});

ruleCases(dataTransferInternetWithoutCloudfront, {
  flagged: {
    parts: { dataTransfer: [egress(), usage()] },
    check: (f) => {
      // Golden, 20 TB = 20,480 GB: straight out 10,240 × $0.09 + 10,240 × $0.085 = $1,792.00 (infracost
      // data_transfer_test tiers); through CloudFront 10,240 × $0.085 + 10,240 × $0.08 = $1,689.60 (CloudFront's
      // US tiers) plus 20,480 GB × 1,024 responses a GB (1 MB each, assumed) = 20,971,520 HTTPS requests × $0.01 per
      // 10,000 = $20.9715: $1,710.5715; saved $81.4285.
      expect(f.monthlySavingsUsd).toBe(81.4285);
      expect(f.reason).toBe(
        '20,480 GB went to the internet straight from us-east-1 (USE1-DataTransfer-Out-Bytes) in October 2026, billed $1,792.00; served through CloudFront (origin fetches free, an assumed 1024 KB a response) it would bill $81.43 a month less',
      );
      expect(f.savingsBasis).toBe(
        "now 10,240 × $0.09 (data_transfer.internet_egress.first_10tb.gb, us-east-1 list price) + 10,240 × $0.085 (data_transfer.internet_egress.next_40tb.gb, us-east-1 list price) = $1792.00; after 10,240 × $0.085 (cloudfront.us_mexico_canada.first_10tb.gb, us-east-1 list price) + 10,240 × $0.08 (cloudfront.us_mexico_canada.next_40tb.gb, us-east-1 list price) + 2097.152 × $0.01 (cloudfront.us_mexico_canada.https_requests.per_10k, us-east-1 list price) = $1710.57; free allowances not counted (100 GB a month of direct egress, CloudFront's 1 TB and 10 million requests: the payer's, once a month for all accounts); viewers assumed in the US, Mexico, Canada or Europe (one CloudFront price)",
      );
      // Moving to CloudFront changes usage types in other places too: not checkable against one of them.
      expect(f.usageTypes).toBeUndefined();
    },
  },
  // 1 TB: $92.16 straight out against $87.04 + 104.8576 × $0.01 = $88.0886 through CloudFront, $4.07 less.
  clean: { parts: { dataTransfer: [egress({ gb: 1024, usd: 92.16 })] } },
  noData: { parts: { dataTransfer: [usage(), crossRegion()] }, empty: true },
});

describe('data-transfer-internet-without-cloudfront requests', () => {
  it('lets small responses, whose request charge outweighs the cheaper transfer, stay ok', () => {
    // 20,480 GB in 100 KB responses: 214,748,365 requests × $0.01 per 10,000 = $214.75, more than the $102.40 saved.
    const [f] = run(dataTransferInternetWithoutCloudfront, { dataTransfer: [egress()] }, { meanResponseKb: 100 });
    expect(f?.status).toBe('ok');
    expect(f?.reason).toContain('CloudFront would bill under $10.00 a month less');
  });
});
