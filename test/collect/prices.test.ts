import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { fetchEc2Prices, fetchUnitPrices, onDemandHourly, unitPriceQuery } from '../../src/collect/prices';
import type { Note } from '../../src/domain/note';
import { ec2Price, monthlyCost } from '../../src/pricing';

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());

/** A Price List product document as GetProducts returns it (shape of the AWS CLI example). */
const product = (usd: string, unit = 'Hrs') =>
  JSON.stringify({
    product: {
      productFamily: 'Compute Instance',
      attributes: { instanceType: 'm5.large', regionCode: 'eu-west-1' },
      sku: 'SKU1',
    },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        'SKU1.JRTCKXETXF': {
          priceDimensions: {
            'SKU1.JRTCKXETXF.6YS6EN2CT7': {
              unit,
              pricePerUnit: { USD: usd },
              description: `$${usd} per On Demand Linux m5.large Instance Hour`,
            },
          },
          sku: 'SKU1',
          offerTermCode: 'JRTCKXETXF',
        },
      },
    },
  });

describe('Price List API refresh', () => {
  it('reads the On-Demand hourly price of each region and type with filtered queries', async () => {
    pricing.on(GetProductsCommand).resolves({ FormatVersion: 'aws_v1', PriceList: [product('0.1070000000')] });
    const aws = createAws({ mode: 'live', homeRegion: 'eu-west-1' });
    const notes: Note[] = [];
    const prices = await fetchEc2Prices(
      aws,
      [
        { region: 'eu-west-1', instanceType: 'm5.large' },
        { region: 'eu-west-1', instanceType: 'm5.large' },
      ],
      notes,
    );
    expect(prices).toEqual({ 'eu-west-1': { 'm5.large': 0.107 } });
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(1);
    expect(pricing.commandCalls(GetProductsCommand)[0]?.args[0].input.Filters).toContainEqual({
      Type: 'TERM_MATCH',
      Field: 'regionCode',
      Value: 'eu-west-1',
    });
    expect(await pricing.commandCalls(GetProductsCommand)[0]?.thisValue.config.region()).toBe('us-east-1');
    expect(notes).toEqual([]);
  });

  it('makes a refused call a note and leaves the type to the bundled table', async () => {
    pricing.on(GetProductsCommand).rejects(awsError('AccessDeniedException', 'pricing:GetProducts denied'));
    const notes: Note[] = [];
    const prices = await fetchEc2Prices(
      createAws({ mode: 'live', homeRegion: 'us-east-1' }),
      [{ region: 'eu-west-1', instanceType: 'm5.large' }],
      notes,
    );
    expect(prices).toEqual({});
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'denied', source: 'pricing:GetProducts', region: 'eu-west-1' }),
    ]);
  });

  it('prices from what was read, saying so, and falls back to the stated approximation', () => {
    const regional = { 'eu-west-1': { 'm5.large': 0.107 } };
    const read = ec2Price('m5.large', 'eu-west-1', regional);
    expect(read?.method).toBe('price-list-api');
    expect(monthlyCost(read!).basis).toContain('eu-west-1 list price from the Price List API');
    expect(ec2Price('m5.xlarge', 'eu-west-1', regional)?.method).toBe('price-table-approx');
  });

  it('finds no price in a product without an hourly On-Demand term', () => {
    expect(onDemandHourly(product('0.1380000000', 'GB-Mo'))).toBeUndefined();
    expect(onDemandHourly(product('0.0000000000'))).toBeUndefined();
    expect(onDemandHourly(JSON.stringify({ terms: {} }))).toBeUndefined();
  });
});

/** A product whose On-Demand term has these tiers (beginRange, USD, unit). */
const tiered = (tiers: [string, string, string][]) =>
  JSON.stringify({
    product: { sku: 'SKU2', attributes: {} },
    terms: {
      OnDemand: {
        'SKU2.JRTCKXETXF': {
          priceDimensions: Object.fromEntries(
            tiers.map(([beginRange, usd, unit], i) => [`SKU2.D${i}`, { beginRange, unit, pricePerUnit: { USD: usd } }]),
          ),
        },
      },
    },
  });

describe('unit prices of other regions', () => {
  const aws = () => createAws({ mode: 'live', homeRegion: 'us-east-1' });

  it('finds each key by its region-coded usage type, with the attributes that single its product out', () => {
    expect(unitPriceQuery('ebs.gp3.storage', 'eu-west-1')).toEqual({
      service: 'AmazonEC2',
      filters: [
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
        { Type: 'TERM_MATCH', Field: 'usagetype', Value: 'EU-EBS:VolumeUsage.gp3' },
      ],
    });
    expect(unitPriceQuery('elb.alb.hour', 'eu-central-1')?.filters).toContainEqual({
      Type: 'TERM_MATCH',
      Field: 'productFamily',
      Value: 'Load Balancer-Application',
    });
    expect(unitPriceQuery('rds.postgres.db.t3.large.multi_az', 'eu-west-1')?.filters).toEqual(
      expect.arrayContaining([
        { Type: 'TERM_MATCH', Field: 'usagetype', Value: 'EU-Multi-AZUsage:db.t3.large' },
        { Type: 'TERM_MATCH', Field: 'databaseEngine', Value: 'PostgreSQL' },
        { Type: 'TERM_MATCH', Field: 'deploymentOption', Value: 'Multi-AZ' },
      ]),
    );
    expect(unitPriceQuery('opensearch.c4.2xlarge.search', 'eu-west-1')).toEqual({
      service: 'AmazonES',
      filters: [
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
        { Type: 'TERM_MATCH', Field: 'usagetype', Value: 'EU-ESInstance:c4.2xlarge' },
      ],
    });
    expect(unitPriceQuery('sagemaker.notebook.ml.t3.medium', 'eu-central-1')).toEqual({
      service: 'AmazonSageMaker',
      filters: [
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-central-1' },
        { Type: 'TERM_MATCH', Field: 'usagetype', Value: 'EUC1-Notebk:ml.t3.medium' },
      ],
    });
    // No usage type of its own (EFS's is shared with S3 and Logs), or a region with no billing code: not looked up.
    expect(unitPriceQuery('efs.standard.storage', 'eu-west-1')).toBeUndefined();
    expect(unitPriceQuery('ebs.gp3.storage', 'xx-nowhere-1')).toBeUndefined();
  });

  it('reads the first priced tier, keeps what was kept, and never reads us-east-1', async () => {
    pricing.on(GetProductsCommand).resolves({
      PriceList: [
        tiered([
          ['0', '0.0000166667', 'Lambda-GB-Second'],
          ['6000000000', '0.000015', 'Lambda-GB-Second'],
        ]),
      ],
    });
    const kept = { 'eu-west-1': { 'ebs.gp3.storage': { usd: 0.088, fetchedOn: '2026-11-01' } } };
    const notes: Note[] = [];
    const prices = await fetchUnitPrices(
      aws(),
      [
        { region: 'eu-west-1', key: 'ebs.gp3.storage' },
        { region: 'eu-west-1', key: 'lambda.duration_x86_first_6B' },
        { region: 'us-east-1', key: 'ebs.gp2.storage' },
        { region: 'eu-west-1', key: 'efs.standard.storage' },
      ],
      kept,
      notes,
      '2026-11-20',
    );
    expect(prices).toEqual({
      'eu-west-1': {
        'ebs.gp3.storage': { usd: 0.088, fetchedOn: '2026-11-01' },
        'lambda.duration_x86_first_6B': { usd: 0.0000166667, fetchedOn: '2026-11-20' },
      },
    });
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(1);
    expect(pricing.commandCalls(GetProductsCommand)[0]?.args[0].input).toMatchObject({ ServiceCode: 'AWSLambda' });
    expect(notes).toEqual([]);
  });

  it('refuses an ambiguous answer or one in another unit, as a note, and keeps the approximation', async () => {
    pricing
      .on(GetProductsCommand, { ServiceCode: 'AWSELB' })
      .resolves({ PriceList: [tiered([['0', '0.0252', 'Hrs']]), tiered([['0', '0.0270', 'Hrs']])] })
      .on(GetProductsCommand, { ServiceCode: 'AmazonEC2' })
      .resolves({ PriceList: [tiered([['0', '0.096', 'Hrs']])] });
    const notes: Note[] = [];
    const prices = await fetchUnitPrices(
      aws(),
      [
        { region: 'eu-west-1', key: 'elb.alb.hour' },
        { region: 'eu-west-1', key: 'ebs.gp3.storage' },
      ],
      {},
      notes,
      '2026-11-20',
    );
    expect(prices).toEqual({});
    expect(notes.map((n) => n.message)).toEqual([
      expect.stringMatching(/elb\.alb\.hour in eu-west-1: 2 products with different prices \(0\.0252, 0\.027\)/),
      expect.stringMatching(
        /ebs\.gp3\.storage in eu-west-1: the Price List bills it per Hrs, the table per "USD per GB-month"/,
      ),
    ]);
  });

  it('turns a denied read into a note', async () => {
    pricing.on(GetProductsCommand).rejects(awsError('AccessDeniedException', 'no pricing:GetProducts'));
    const notes: Note[] = [];
    await fetchUnitPrices(aws(), [{ region: 'eu-west-1', key: 'ebs.gp2.storage' }], {}, notes, '2026-11-20');
    expect(notes).toMatchObject([{ kind: 'denied', source: 'pricing:GetProducts', region: 'eu-west-1' }]);
  });
});
