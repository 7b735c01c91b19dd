import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { fetchEc2Prices, onDemandHourly } from '../../src/collect/prices';
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
