/** Builders of the managed machine-learning and search kinds (SageMaker endpoints and notebooks, OpenSearch domains). */
import type { NotebookInstance, SageMakerEndpoint, SearchDomain } from '../../../src/domain/resources-managed';
import { daysAgo, flat } from './fixtures';

const base = { accountId: '111111111111', region: 'us-east-1', tags: { owner: 'alice' } };

export const endpoint = (o: Partial<SageMakerEndpoint> = {}): SageMakerEndpoint => ({
  ...base,
  id: 'erp-forecast',
  arn: 'arn:aws:sagemaker:us-east-1:111111111111:endpoint/erp-forecast',
  status: 'InService',
  createTime: daysAgo(200),
  variants: [{ name: 'AllTraffic', instanceType: 'ml.t3.medium', instanceCount: 2, serverless: false, metrics: {} }],
  ...o,
});

/** An endpoint whose one variant had `invocations` a day over the window (0: read, with no datapoint). */
export const endpointWith = (invocations: number, o: Partial<SageMakerEndpoint> = {}): SageMakerEndpoint => {
  const e = endpoint(o);
  const metrics = { Invocations: invocations === 0 ? flat(0, 0) : flat(invocations) };
  return { ...e, variants: e.variants.map((v) => ({ ...v, metrics })) };
};

export const notebook = (o: Partial<NotebookInstance> = {}): NotebookInstance => ({
  ...base,
  id: 'erp-research',
  arn: 'arn:aws:sagemaker:us-east-1:111111111111:notebook-instance/erp-research',
  tags: { owner: 'alice', environment: 'staging' },
  status: 'InService',
  instanceType: 'ml.t3.medium',
  createTime: daysAgo(300),
  lastModifiedTime: daysAgo(30),
  ...o,
});

export const searchDomain = (o: Partial<SearchDomain> = {}): SearchDomain => ({
  ...base,
  id: 'erp-search',
  arn: 'arn:aws:es:us-east-1:111111111111:domain/erp-search',
  engineVersion: 'OpenSearch_2.13',
  deleted: false,
  instanceType: 'c4.2xlarge.search',
  instanceCount: 3,
  ebs: { volumeType: 'gp2', sizeGb: 400 },
  metrics: { SearchRate: flat(120), IndexingRate: flat(30) },
  ...o,
});
