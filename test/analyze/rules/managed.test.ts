import { describe, expect, it } from 'vitest';
import opensearchDomainIdle from '../../../src/analyze/rules/opensearch-domain-idle';
import sagemakerEndpointIdle from '../../../src/analyze/rules/sagemaker-endpoint-idle';
import sagemakerNotebookNonprod from '../../../src/analyze/rules/sagemaker-notebook-nonprod-always-on';
import { daysAgo, flat, ruleCases, run } from './fixtures';
import { endpoint, endpointWith, notebook, searchDomain } from './fixtures-managed';

const idle = { SearchRate: flat(0), IndexingRate: flat(0) };

ruleCases(sagemakerEndpointIdle, {
  flagged: {
    parts: { endpoints: [endpointWith(0)] },
    check: (f) => {
      // 2 instances × 730 h × $0.05 (sagemaker.host.ml.t3.medium, low confidence: third-party pages) = $73.00.
      expect(f.monthlySavingsUsd).toBe(73);
      expect(f.confidence).toBe('low');
      expect(f.reason).toBe(
        'endpoint on 2 ml.t3.medium had 0 invocations over 14 days; its instances bill $73.00 a month',
      );
      expect(f.usageTypes).toEqual(['Host:ml.t3.medium']);
    },
  },
  clean: { parts: { endpoints: [endpointWith(500)] } },
  noData: { parts: { endpoints: [endpoint()] } },
});

describe('sagemaker-endpoint-idle scope and pricing', () => {
  it('is info, with no figure, for an instance type the table has no price for', () => {
    const [f] = run(sagemakerEndpointIdle, {
      endpoints: [
        endpointWith(0, {
          variants: [{ name: 'AllTraffic', instanceType: 'ml.g4dn.xlarge', instanceCount: 1, serverless: false }],
        }),
      ],
    });
    expect(f).toMatchObject({
      status: 'info',
      monthlySavingsUsd: 0,
      savingsBasis: 'no bundled list price for SageMaker hosting on 1 ml.g4dn.xlarge',
    });
  });

  it('leaves serverless endpoints alone: they bill per use, not by the hour', () => {
    const serverless = endpoint({ variants: [{ name: 'AllTraffic', instanceCount: 0, serverless: true }] });
    expect(run(sagemakerEndpointIdle, { endpoints: [serverless] })).toEqual([]);
  });
});

ruleCases(sagemakerNotebookNonprod, {
  flagged: {
    parts: { notebooks: [notebook()] },
    check: (f) => {
      // (1 − 60/168) × 730 h × $0.05 (sagemaker.notebook.ml.t3.medium, low confidence) = 0.642857 × $36.50 = $23.4643.
      expect(f.monthlySavingsUsd).toBe(23.4643);
      expect(f.confidence).toBe('low');
      expect(f.reason).toContain('staging notebook instance ml.t3.medium has been in service for 30 days');
    },
  },
  clean: {
    parts: {
      notebooks: [
        notebook({ id: 'fresh', lastModifiedTime: daysAgo(2) }),
        notebook({ id: 'prod', tags: { environment: 'production' } }),
      ],
    },
  },
  noData: { parts: { notebooks: [notebook({ lastModifiedTime: undefined })] } },
});

ruleCases(opensearchDomainIdle, {
  flagged: {
    parts: {
      searchDomains: [
        searchDomain({
          master: { instanceType: 'c4.8xlarge.search', count: 1 },
          warm: { instanceType: 'ultrawarm1.medium.search', count: 2 },
          metrics: idle,
        }),
      ],
    },
    check: (f) => {
      // Golden (infracost opensearch_domain_test): 3 × 730 h × $0.587 c4.2xlarge.search = $1,285.53; 730 h × $2.347
      // c4.8xlarge.search master = $1,713.31; 2 × 730 h × $0.238 ultrawarm1.medium.search = $347.48; gp2 $0.135 per
      // GB-month × 400 GB on each of the 3 data nodes = $162.00 (EBS is per data node; the golden counts one volume).
      expect(f.monthlySavingsUsd).toBe(3508.32);
      expect(f.confidence).toBe('high');
      expect(f.reason).toBe(
        'domain of 3 c4.2xlarge.search data nodes had searches up to 0 and indexing up to 0 a minute over 14 days; it bills $3,508.32 a month',
      );
      // Data and master node hours are what OpenSearch Reserved Instances cover; UltraWarm and storage are left out.
      expect(f.commitmentEligibleUsd).toBe(2998.84);
    },
  },
  clean: { parts: { searchDomains: [searchDomain()] } },
  noData: { parts: { searchDomains: [searchDomain({ metrics: { SearchRate: flat(0) } })] } },
});

describe('opensearch-domain-idle pricing', () => {
  it('prices what it can and says the rest is left out, so the figure is a lower bound', () => {
    const [f] = run(opensearchDomainIdle, {
      searchDomains: [searchDomain({ ebs: { volumeType: 'gp3', sizeGb: 100 }, metrics: idle })],
    });
    expect(f).toMatchObject({ status: 'alarm', monthlySavingsUsd: 1285.53 });
    expect(f?.reason).toContain('(not priced: gp3 storage, so a lower bound)');
  });

  it('is info, with no figure, when the data nodes have no price', () => {
    const [f] = run(opensearchDomainIdle, {
      searchDomains: [searchDomain({ instanceType: 'r6g.large.search', metrics: idle })],
    });
    expect(f).toMatchObject({ status: 'info', savingsBasis: 'no bundled list price for r6g.large.search data nodes' });
  });

  it('adds io1 provisioned IOPS to the storage of every data node', () => {
    const [f] = run(opensearchDomainIdle, {
      searchDomains: [
        searchDomain({ instanceCount: 1, ebs: { volumeType: 'io1', sizeGb: 1000, iops: 10 }, metrics: idle }),
      ],
    });
    // Golden (infracost opensearch_domain_test "io1"): 730 h × $0.587 + 1,000 GB × $0.169 + 10 IOPS × $0.088.
    expect(f?.monthlySavingsUsd).toBe(428.51 + 169 + 0.88);
  });
});
