import { expect } from 'vitest';
import apigwRestToHttp from '../../../src/analyze/rules/apigw-rest-to-http';
import lambdaProvisionedConcurrencyUnused from '../../../src/analyze/rules/lambda-provisioned-concurrency-unused';
import { flat, ruleCases } from './fixtures';
import { concurrency, restApi } from './fixtures-compute';

ruleCases(lambdaProvisionedConcurrencyUnused, {
  flagged: {
    parts: { provisionedConcurrency: [concurrency({ metrics: { ProvisionedConcurrencyUtilization: flat(0.2) } })] },
    check: (f) => {
      // Golden: 10 environments × 1 GB × 730 h × 3,600 s = 26,280,000 GB-s × $0.0000033333
      // (lambda.provisioned_concurrency.arm64.gb_second, infracost lambda_provisioned_concurrency_config_test
      // golden) = $87.5991; peak 20% keeps 2, so 8/10 of it = $70.0793.
      expect(f.monthlySavingsUsd).toBe(70.0793);
      expect(f.confidence).toBe('medium');
    },
  },
  clean: { parts: { provisionedConcurrency: [concurrency()] } },
  noData: { parts: { provisionedConcurrency: [concurrency({ metrics: {} })] } },
});

ruleCases(lambdaProvisionedConcurrencyUnused, {
  flagged: {
    parts: {
      provisionedConcurrency: [
        concurrency({ architecture: 'x86_64', metrics: { ProvisionedConcurrencyUtilization: flat(0.2) } }),
      ],
    },
    check: (f) => {
      // Golden: 10 × 1 GB × 730 h × $0.015 per GB-hour (lambda.provisioned_concurrency.x86.gb_hour_approx,
      // low-medium: AWS agent toolkit's "~$0.015/GB-hour") = $109.50, 8/10 of it = $87.60; confidence low.
      expect(f.monthlySavingsUsd).toBe(87.6);
      expect(f.confidence).toBe('low');
    },
  },
  clean: { parts: { provisionedConcurrency: [concurrency({ architecture: 'x86_64' })] } },
  noData: { parts: { provisionedConcurrency: [concurrency({ architecture: 'x86_64', metrics: {} })] } },
});

ruleCases(apigwRestToHttp, {
  flagged: {
    parts: { restApis: [restApi()] },
    check: (f) => {
      // Golden: 1,000,000 requests a day × 30.4167 days = 30.4167 M a month × ($3.50 REST - $1.00 HTTP per million)
      // (apigw.*, infracost api_gateway_rest_api_test and apigatewayv2_api_test goldens) = $76.0418.
      expect(f.monthlySavingsUsd).toBe(76.0418);
      expect(f.confidence).toBe('low');
      expect(f.reason).toContain('30.42 million requests a month (14000000 over 14 days)');
    },
  },
  clean: {
    parts: {
      restApis: [restApi({ restOnly: ['private endpoint'] }), restApi({ id: 'quiet', metrics: { Count: flat(1000) } })],
    },
  },
  noData: { parts: { restApis: [restApi({ metrics: {} })] } },
});
