import { describe, expect, it } from 'vitest';
import kinesisIdle from '../../../src/analyze/rules/kinesis-stream-idle';
import kinesisOndemand from '../../../src/analyze/rules/kinesis-stream-ondemand-to-provisioned';
import kinesisOverprovisioned from '../../../src/analyze/rules/kinesis-stream-overprovisioned';
import redshiftIdle from '../../../src/analyze/rules/redshift-cluster-idle';
import redshiftUnderutilized from '../../../src/analyze/rules/redshift-cluster-underutilized';
import { flat, ruleCases, run } from './fixtures';
import { redshiftCluster, stream } from './fixtures-database';

const MIB = 1024 ** 2;
const DAY = 86_400;

ruleCases(redshiftIdle, {
  flagged: {
    parts: { redshiftClusters: [redshiftCluster({ nodes: 2, metrics: { DatabaseConnections: flat(0) } })] },
    check: (f) => {
      // Golden: 2 nodes × 730 h × $0.25 dc2.large (infracost redshift_cluster_test "Cluster usage (on-demand,
      // dc2.large) 2,920 hours $730.00") = $365.00.
      expect(f.monthlySavingsUsd).toBe(365);
      expect(f.reason).toContain('2-node dc2.large cluster had at most 0 connections over 14 days');
    },
  },
  clean: { parts: { redshiftClusters: [redshiftCluster()] } },
  noData: { parts: { redshiftClusters: [redshiftCluster({ metrics: {} })] } },
});

describe('redshift-cluster-idle pricing', () => {
  it('is info for a node type the table has no price for', () => {
    const [f] = run(redshiftIdle, {
      redshiftClusters: [redshiftCluster({ nodeType: 'ra3.xlplus', metrics: { DatabaseConnections: flat(0) } })],
    });
    expect(f).toMatchObject({ status: 'info', savingsBasis: 'no bundled list price for Redshift ra3.xlplus nodes' });
  });
});

ruleCases(redshiftUnderutilized, {
  flagged: {
    parts: { redshiftClusters: [redshiftCluster({ metrics: { CPUUtilization: flat(10) } })] },
    check: (f) => {
      // Golden: 4 nodes at 10% need ceil(4 × 10 / 60) = 1; 3 nodes × 730 h × $0.25 dc2.large (infracost
      // redshift_cluster_test golden) = $547.50.
      expect(f.monthlySavingsUsd).toBe(547.5);
      expect(f.confidence).toBe('medium');
    },
  },
  clean: { parts: { redshiftClusters: [redshiftCluster()] } },
  noData: { parts: { redshiftClusters: [redshiftCluster({ metrics: {} })] } },
});

ruleCases(kinesisIdle, {
  flagged: {
    parts: {
      streams: [stream({ shards: 4, metrics: { IncomingBytes: flat(0, 0), IncomingRecords: flat(0, 0) } })],
    },
    check: (f) => {
      // Golden: 4 shards × 730 h × $0.015 (infracost kinesis_stream_test "PROVISIONED 730 hours $10.95") = $43.80.
      expect(f.monthlySavingsUsd).toBe(43.8);
      expect(f.reason).toBe('4-shard stream had 0 bytes written over 14 days; it bills $43.80 a month');
    },
  },
  clean: { parts: { streams: [stream()] } },
  noData: { parts: { streams: [stream({ metrics: {} })] } },
});

ruleCases(kinesisOverprovisioned, {
  flagged: {
    parts: {
      streams: [
        stream({
          shards: 10,
          metrics: {
            IncomingBytes: flat(0.3 * MIB * DAY),
            IncomingRecords: flat(200 * DAY),
            'GetRecords.Bytes': flat(0.3 * MIB * DAY),
          },
        }),
      ],
    },
    check: (f) => {
      // Golden: 0.3 MiB/s in, 200 records/s, 0.3 MiB/s out fit 1 shard at 50%; 9 spare shards × 730 h × $0.015
      // (infracost kinesis_stream_test golden) = $98.55.
      expect(f.monthlySavingsUsd).toBe(98.55);
      expect(f.confidence).toBe('low');
      expect(f.savingsBasis).toContain('an assumed headroom for peaks');
    },
  },
  clean: { parts: { streams: [stream()] } },
  noData: { parts: { streams: [stream({ metrics: {} })] } },
});

describe('kinesis-stream-idle pricing', () => {
  it('prices an idle on-demand stream by its stream-hours', () => {
    const [f] = run(kinesisIdle, {
      streams: [stream({ mode: 'ON_DEMAND', metrics: { IncomingBytes: flat(0, 0) } })],
    });
    // Golden: 730 h × $0.04 (kinesis.ondemand.stream_hour, infracost kinesis_stream_test "ON_DEMAND 730 hours $29.20").
    expect(f?.monthlySavingsUsd).toBe(29.2);
  });
});

const onDemandTraffic = {
  IncomingBytes: flat(0.5 * MIB * DAY),
  IncomingRecords: flat(500 * DAY),
  'GetRecords.Bytes': flat(0.5 * MIB * DAY),
};
/** One busy day of 40 MiB/s and nothing else: provisioning for it would cost more than on demand. */
const burst = {
  average: 40 * MIB * DAY,
  maximum: 40 * MIB * DAY,
  maxDailyAverage: 40 * MIB * DAY,
  sum: 40 * MIB * DAY,
  datapoints: 1,
};
ruleCases(kinesisOndemand, {
  flagged: {
    parts: { streams: [stream({ mode: 'ON_DEMAND', metrics: onDemandTraffic })] },
    check: (f) => {
      // Golden: on demand 730 h × $0.04 + 1,283.2 GB in × $0.08 + 1,283.2 GB out × $0.04 = $29.20 + $102.656 +
      // $51.328 = $183.184; provisioned 1 shard × 730 h × $0.015 + 1,314 M PUT units × $0.014 = $10.95 + $18.396 =
      // $29.346 (all infracost kinesis_stream_test golden); saving $153.838.
      expect(f.monthlySavingsUsd).toBe(153.838);
      expect(f.confidence).toBe('low');
      expect(f.reason).toContain('1 provisioned shard carry its busiest day at 50% of capacity');
    },
  },
  clean: {
    parts: {
      streams: [
        stream({
          mode: 'ON_DEMAND',
          metrics: { IncomingBytes: burst, IncomingRecords: burst, 'GetRecords.Bytes': flat(0, 0) },
        }),
      ],
    },
  },
  noData: { parts: { streams: [stream({ mode: 'ON_DEMAND', metrics: {} })] } },
});
