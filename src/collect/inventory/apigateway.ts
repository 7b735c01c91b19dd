/** API Gateway REST APIs of one region, with what marks them REST-only and their request count. */
import { APIGatewayClient, paginateGetRestApis, type RestApi as SdkRestApi } from '@aws-sdk/client-api-gateway';
import type { ResourceInventory } from '../../domain/resources';
import type { RestApi } from '../../domain/resources-compute';
import { guard } from '../guard';
import { iso, type RegionContext } from './context';

/**
 * Features of a REST API that an HTTP API lacks, as far as GetRestApis shows them ("Choose between REST APIs and
 * HTTP APIs", API Gateway Developer Guide). Usage plans, API keys, caching, request validation, WAF and
 * edge-optimized distribution are per stage or method and not read here.
 */
export function restOnlyFeatures(api: SdkRestApi): string[] {
  const types = api.endpointConfiguration?.types ?? [];
  return [
    types.includes('PRIVATE') ? 'private endpoint' : '',
    types.includes('EDGE') ? 'edge-optimized endpoint' : '',
    api.policy ? 'resource policy' : '',
    api.apiKeySource === 'AUTHORIZER' ? 'API keys from an authorizer' : '',
    api.minimumCompressionSize !== undefined ? 'payload compression' : '',
  ].filter(Boolean);
}

/** Read the REST APIs of one region (tags come with GetRestApis). */
export async function collectRestApis(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(APIGatewayClient, region);
  const apis = await guard(notes, { source: 'apigateway:GetRestApis', region, accountId }, async () => {
    const list: RestApi[] = [];
    for await (const page of paginateGetRestApis({ client }, {})) {
      for (const a of page.items ?? []) {
        if (!a.id || !a.name) continue;
        list.push({
          accountId,
          region,
          id: a.id,
          arn: `arn:aws:apigateway:${region}::/restapis/${a.id}`,
          tags: a.tags ?? {},
          name: a.name,
          endpointTypes: a.endpointConfiguration?.types ?? [],
          createdDate: iso(a.createdDate),
          restOnly: restOnlyFeatures(a),
        });
      }
    }
    return list;
  });
  for (const a of apis ?? []) ctx.metrics.want(a, 'AWS/ApiGateway', 'Count', { ApiName: a.name }, 'count');
  return apis ? { restApis: apis } : {};
}
