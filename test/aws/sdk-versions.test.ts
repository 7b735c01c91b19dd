/**
 * One AWS SDK across the clients: one @aws-sdk/core and one credential chain in the tree (a second copy cost the
 * daily bundle 197 KB). The Cost Optimization Hub client has no release newer than 3.893.0 in the registry we
 * install from, so package.json's `overrides` give it the core and credential chain every other client uses; the
 * second test proves it still speaks its protocol on those, against a local server: signed, serialized, parsed.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CostOptimizationHubClient,
  GetPreferencesCommand,
  ListRecommendationsCommand,
} from '@aws-sdk/client-cost-optimization-hub';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};

/** Every version of a package the lockfile installs, wherever it is nested. */
const versionsOf = (name: string) => [
  ...new Set(
    Object.entries(lock.packages)
      .filter(([path]) => path.endsWith(`node_modules/${name}`))
      .map(([, p]) => p.version),
  ),
];

describe('the AWS SDK in the tree', () => {
  it.each(['@aws-sdk/core', '@aws-sdk/credential-provider-node', '@aws-sdk/nested-clients', '@smithy/core'])(
    'installs one copy of %s',
    (name) => {
      expect(versionsOf(name)).toHaveLength(1);
    },
  );

  it('lets the Cost Optimization Hub client sign, send and parse on the shared core', async () => {
    const seen: { target?: string; auth: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const target = String(req.headers['x-amz-target']);
        seen.push({ target, auth: String(req.headers.authorization), body });
        const denied = target.endsWith('GetPreferences') && seen.length > 2;
        res.writeHead(denied ? 400 : 200, { 'content-type': 'application/x-amz-json-1.0' });
        if (denied) res.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'not enrolled' }));
        else if (target.endsWith('GetPreferences'))
          res.end(JSON.stringify({ savingsEstimationMode: 'AfterDiscounts' }));
        else res.end(JSON.stringify({ items: [{ recommendationId: 'r1', estimatedMonthlySavings: 12.5 }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = new CostOptimizationHubClient({
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
        maxAttempts: 1,
      });
      const list = await client.send(new ListRecommendationsCommand({ maxResults: 10 }));
      expect(list.items).toEqual([{ recommendationId: 'r1', estimatedMonthlySavings: 12.5 }]);
      expect((await client.send(new GetPreferencesCommand({}))).savingsEstimationMode).toBe('AfterDiscounts');
      await expect(client.send(new GetPreferencesCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException' });
      expect(seen[0]).toMatchObject({
        target: 'CostOptimizationHubService.ListRecommendations',
        body: '{"maxResults":10}',
      });
      expect(seen[0]?.auth).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cost-optimization-hub\//,
      );
    } finally {
      server.close();
    }
  });
});
