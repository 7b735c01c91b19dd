/**
 * Regional prices from the AWS Price List API (pricing:GetProducts), for runs that want exact figures outside
 * us-east-1 (DURION_PRICE_REFRESH=true): EC2 instance types, one filtered query per region and type in the inventory,
 * and every other unit price a finding used there (storage, IOPS, NAT, load balancers, RDS, ElastiCache, Lambda,
 * Fargate, DynamoDB, OpenSearch and SageMaker instances), one query per region and price key, found by its usage type.
 * A failure, an ambiguous answer or one in another unit is a note, and the bundled us-east-1 price (with its stated
 * approximation) is used instead.
 */
import { type Filter, PricingClient, paginateGetProducts } from '@aws-sdk/client-pricing';
import type { Aws } from '../aws';
import type { Note } from '../domain/note';
import type { RegionalEc2Prices } from '../domain/resources';
import { type PriceKey, type RegionalUnitPrices, tableUnit } from '../pricing';
import { billedUsageTypes, usageTypeOf } from '../pricing/usage-types';
import { MalformedAnswer } from './amounts';
import { guard } from './guard';

/** The Price List API answers from a few regions only; us-east-1 serves every region's prices. */
export const PRICING_API_REGION = 'us-east-1';

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

/** The On-Demand hourly USD of a Price List product (a JSON document), or undefined when it has none. */
export function onDemandHourly(product: string): number | undefined {
  const doc = JSON.parse(product) as {
    terms?: {
      OnDemand?: Record<
        string,
        { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }
      >;
    };
  };
  for (const offer of Object.values(doc.terms?.OnDemand ?? {})) {
    for (const dim of Object.values(offer.priceDimensions ?? {})) {
      const usd = Number(dim.pricePerUnit?.USD);
      if (dim.unit?.startsWith('Hr') && Number.isFinite(usd) && usd > 0) return usd;
    }
  }
  return undefined;
}

/** Prices of Linux, shared-tenancy instance types by region (regions other than us-east-1: that one is bundled). */
export async function fetchEc2Prices(
  aws: Aws,
  wanted: { region: string; instanceType: string }[],
  notes: Note[],
): Promise<RegionalEc2Prices> {
  const client = aws.client(PricingClient, PRICING_API_REGION);
  const prices: RegionalEc2Prices = {};
  const pairs = [...new Set(wanted.map((w) => `${w.region}|${w.instanceType}`))].sort();
  for (const pair of pairs) {
    const [region = '', instanceType = ''] = pair.split('|');
    await guard(notes, { source: 'pricing:GetProducts', region }, async () => {
      const filters = [
        term('regionCode', region),
        term('instanceType', instanceType),
        term('operatingSystem', 'Linux'),
        term('tenancy', 'Shared'),
        term('preInstalledSw', 'NA'),
        term('capacitystatus', 'Used'),
      ];
      for await (const page of paginateGetProducts({ client }, { ServiceCode: 'AmazonEC2', Filters: filters })) {
        for (const product of page.PriceList ?? []) {
          const usd = onDemandHourly(String(product));
          if (usd !== undefined) {
            prices[region] = { ...prices[region], [instanceType]: usd };
            return;
          }
        }
      }
    });
  }
  return prices;
}

/**
 * The Price List service code of a price key, with the attributes that single out its product where the usage type
 * alone does not (load balancer kinds share `LoadBalancerUsage`; RDS engines and deployments share instance usage
 * types; ElastiCache engines share node usage types). A key with no entry is not looked up.
 */
const PRODUCTS: [RegExp, (m: RegExpExecArray) => { service: string; filters: Filter[] }][] = [
  [/^(ebs|ec2\.cpu_credits|vpc\.nat_gateway)/, () => ({ service: 'AmazonEC2', filters: [] })],
  [/^vpc\.public_ipv4$/, () => ({ service: 'AmazonVPC', filters: [] })],
  [
    /^elb\.(alb|nlb|clb)/,
    (m) => ({
      service: 'AWSELB',
      filters: [
        term(
          'productFamily',
          { alb: 'Load Balancer-Application', nlb: 'Load Balancer-Network', clb: 'Load Balancer' }[m[1] as 'alb'],
        ),
      ],
    }),
  ],
  [
    /^rds\.(mysql|postgres)\.db\.[a-z0-9.]+\.(single_az|multi_az)$/,
    (m) => ({
      service: 'AmazonRDS',
      filters: [
        term('databaseEngine', m[1] === 'mysql' ? 'MySQL' : 'PostgreSQL'),
        term('deploymentOption', m[2] === 'multi_az' ? 'Multi-AZ' : 'Single-AZ'),
      ],
    }),
  ],
  [/^rds\.(storage|backup)/, () => ({ service: 'AmazonRDS', filters: [] })],
  [/^elasticache\./, () => ({ service: 'AmazonElastiCache', filters: [term('cacheEngine', 'Redis')] })],
  [/^lambda\./, () => ({ service: 'AWSLambda', filters: [] })],
  [/^fargate\./, () => ({ service: 'AmazonECS', filters: [] })],
  [/^dynamodb\./, () => ({ service: 'AmazonDynamoDB', filters: [] })],
  [/^opensearch\./, () => ({ service: 'AmazonES', filters: [] })],
  [/^sagemaker\./, () => ({ service: 'AmazonSageMaker', filters: [] })],
];

/** The query that finds a key's price in a region, or undefined when it has no usage type or product to look up. */
export function unitPriceQuery(key: string, region: string): { service: string; filters: Filter[] } | undefined {
  const usageType = usageTypeOf(key);
  const billed = usageType ? billedUsageTypes(usageType, region)[0] : undefined;
  for (const [re, product] of PRODUCTS) {
    const m = re.exec(key);
    if (!m || !billed) continue;
    const { service, filters } = product(m);
    return { service, filters: [term('regionCode', region), term('usagetype', billed), ...filters] };
  }
  return undefined;
}

type Dimension = { unit?: string; beginRange?: string; pricePerUnit?: { USD?: string } };

/** The On-Demand first-tier USD of a product and its Price List unit, or undefined when it has none above zero. */
function firstTier(product: string): { usd: number; unit: string } | undefined {
  const doc = JSON.parse(product) as {
    terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, Dimension> }> };
  };
  const dims = Object.values(doc.terms?.OnDemand ?? {}).flatMap((o) => Object.values(o.priceDimensions ?? {}));
  const priced = dims
    .map((d) => ({ usd: Number(d.pricePerUnit?.USD), unit: d.unit ?? '', begin: Number(d.beginRange ?? 0) }))
    .filter((d) => Number.isFinite(d.usd) && d.usd > 0)
    .sort((a, b) => a.begin - b.begin);
  return priced[0];
}

/** Whether a Price List unit ("Hrs", "GB-Mo", "IOPS-Mo") bills by the hour as the table's unit does. */
const sameUnitKind = (listUnit: string, ours: string): boolean =>
  /^hrs?$/i.test(listUnit) === /-hour|per hour/.test(ours);

/** One key's price in one region: its single product's first tier, or why there is none (thrown, so a note). */
async function readUnitPrice(client: PricingClient, key: string, region: string): Promise<number | undefined> {
  const query = unitPriceQuery(key, region);
  if (!query) return undefined;
  const found: { usd: number; unit: string }[] = [];
  const pages = paginateGetProducts({ client }, { ServiceCode: query.service, Filters: query.filters });
  for await (const page of pages) {
    for (const product of page.PriceList ?? []) {
      const tier = firstTier(String(product));
      if (tier) found.push(tier);
    }
  }
  const prices = [...new Set(found.map((f) => f.usd))];
  if (prices.length > 1)
    throw new MalformedAnswer(
      `${key} in ${region}: ${prices.length} products with different prices (${prices.join(', ')}); the us-east-1 price is used`,
    );
  const [first] = found;
  if (first && !sameUnitKind(first.unit, tableUnit(key) ?? '')) {
    throw new MalformedAnswer(
      `${key} in ${region}: the Price List bills it per ${first.unit}, the table per "${tableUnit(key)}"; the us-east-1 price is used`,
    );
  }
  return first?.usd;
}

/**
 * The unit prices of these regions and keys (us-east-1 is bundled and never read), added to what `kept` already
 * holds; each key with no usage type to look it up by, or no product, stays an approximation without a note. Each
 * failure is one note.
 */
export async function fetchUnitPrices(
  aws: Aws,
  wanted: { region: string; key: PriceKey }[],
  kept: RegionalUnitPrices,
  notes: Note[],
  fetchedOn: string,
): Promise<RegionalUnitPrices> {
  const client = aws.client(PricingClient, PRICING_API_REGION);
  const prices: RegionalUnitPrices = Object.fromEntries(Object.entries(kept).map(([r, keys]) => [r, { ...keys }]));
  for (const { region, key } of wanted) {
    if (region === 'us-east-1' || prices[region]?.[key]) continue;
    const usd = await guard(notes, { source: 'pricing:GetProducts', region }, () => readUnitPrice(client, key, region));
    if (usd !== undefined) prices[region] = { ...prices[region], [key]: { usd, fetchedOn } };
  }
  return prices;
}
