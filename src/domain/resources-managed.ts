/**
 * Managed machine-learning and search kinds: SageMaker real-time endpoints and notebook instances, OpenSearch Service
 * domains, and the CloudWatch metrics their rules read, beside the kinds of resources.ts.
 */
import type { MetricSummary, ResourceBase } from './resource-base';

/** CloudWatch metrics of these kinds besides resources.ts's own (spread into its METRIC_NAMES). */
export const MANAGED_METRIC_NAMES = ['SearchRate', 'IndexingRate'] as const;

type Metrics = Partial<Record<string, MetricSummary>>;

/** One production variant of a SageMaker endpoint: its instances, or serverless (billed per use, not by the hour). */
export interface EndpointVariant {
  name: string;
  /** ml.m5.large, ...; undefined for a serverless variant. */
  instanceType?: string;
  /** CurrentInstanceCount (DescribeEndpoint), else the configuration's InitialInstanceCount. */
  instanceCount: number;
  serverless: boolean;
  /** AWS/SageMaker Invocations by EndpointName and VariantName (a count). */
  metrics?: Metrics;
}

/** A SageMaker real-time endpoint in service (ListEndpoints, DescribeEndpoint, DescribeEndpointConfig). */
export interface SageMakerEndpoint extends ResourceBase {
  /** InService, Updating, ... */
  status: string;
  createTime?: string;
  variants: EndpointVariant[];
}

/** A SageMaker notebook instance (ListNotebookInstances). */
export interface NotebookInstance extends ResourceBase {
  /** InService, Stopped, Pending, ... */
  status: string;
  instanceType: string;
  createTime?: string;
  /** Changes when the instance starts, stops or is updated: an InService instance has run at least since then. */
  lastModifiedTime?: string;
}

/** An OpenSearch Service domain (ListDomainNames, DescribeDomains). */
export interface SearchDomain extends ResourceBase {
  /** OpenSearch_2.13, Elasticsearch_7.10, ... */
  engineVersion?: string;
  /** Whether its deletion is under way (it bills until it is gone, but is being dealt with). */
  deleted: boolean;
  /** Data nodes: r6g.large.search, ... */
  instanceType: string;
  instanceCount: number;
  /** Dedicated master nodes, when enabled. */
  master?: { instanceType: string; count: number };
  /** UltraWarm nodes, when enabled. */
  warm?: { instanceType: string; count: number };
  /** EBS volume of each data node, when EBS is enabled. */
  ebs?: { volumeType: string; sizeGb: number; iops?: number };
  /** AWS/ES SearchRate and IndexingRate by DomainName and ClientId (gauges: requests a minute per node). */
  metrics?: Metrics;
}
