import { describe, expect, it } from 'vitest';
import ondemandToProvisioned from '../../../src/analyze/rules/dynamodb-ondemand-to-provisioned';
import provisionedToOndemand from '../../../src/analyze/rules/dynamodb-provisioned-to-ondemand';
import tableUnused from '../../../src/analyze/rules/dynamodb-table-unused';
import { flat, ruleCases, run, table } from './fixtures';
import { GIB } from './fixtures-database';

const DAY = 86_400;
const onDemand = { billingMode: 'PAY_PER_REQUEST', readCapacityUnits: 0, writeCapacityUnits: 0 };

ruleCases(ondemandToProvisioned, {
  flagged: {
    parts: {
      tables: [
        table({
          ...onDemand,
          metrics: { ConsumedReadCapacityUnits: flat(100 * DAY), ConsumedWriteCapacityUnits: flat(20 * DAY) },
        }),
      ],
    },
    check: (f) => {
      // Golden: on demand 262.80 M reads (100/s × 30.4167 days) × $0.125 + 52.56 M writes × $0.625 = $65.70
      // (dynamodb.ondemand.*, AWS agent toolkit calculate_costs.py RRU/WRU prices); provisioned at 70%: 143 RCU ×
      // 730 h × $0.00013 + 29 WCU × 730 h × $0.00065 = $13.5707 + $13.7605 (infracost dynamodb_table_test golden)
      // = $27.3312; saving $38.3688.
      expect(f.monthlySavingsUsd).toBe(38.3688);
      expect(f.confidence).toBe('medium');
      expect(f.reason).toContain('143 RCU / 29 WCU');
    },
  },
  // A trickle: provisioned capacity would save cents.
  clean: {
    parts: {
      tables: [
        table({
          ...onDemand,
          metrics: { ConsumedReadCapacityUnits: flat(1 * DAY), ConsumedWriteCapacityUnits: flat(0.1 * DAY) },
        }),
      ],
    },
  },
  noData: { parts: { tables: [table({ ...onDemand, metrics: {} })] } },
});

ruleCases(provisionedToOndemand, {
  flagged: {
    parts: {
      tables: [
        table({
          readCapacityUnits: 1000,
          writeCapacityUnits: 500,
          metrics: { ConsumedReadCapacityUnits: flat(5 * DAY), ConsumedWriteCapacityUnits: flat(2 * DAY) },
        }),
      ],
    },
    check: (f) => {
      // Golden: provisioned 1,000 RCU × 730 h × $0.00013 + 500 WCU × 730 h × $0.00065 = $94.90 + $237.25 = $332.15
      // (infracost dynamodb_table_test golden); on demand 13.14 M reads × $0.125 + 5.26 M writes × $0.625 = $1.6425
      // + $3.2875 = $4.93; saving $327.22.
      expect(f.monthlySavingsUsd).toBe(327.22);
      expect(f.confidence).toBe('low');
    },
  },
  // 60 of 100 RCU and 30 of 50 WCU used: on demand would cost about twice as much.
  clean: {
    parts: {
      tables: [
        table({ metrics: { ConsumedReadCapacityUnits: flat(60 * DAY), ConsumedWriteCapacityUnits: flat(30 * DAY) } }),
      ],
    },
  },
  noData: { parts: { tables: [table({ metrics: undefined })] } },
});

ruleCases(tableUnused, {
  flagged: {
    parts: {
      tables: [
        table({
          sizeBytes: 10 * GIB,
          metrics: { ConsumedReadCapacityUnits: flat(0, 0), ConsumedWriteCapacityUnits: flat(0, 0) },
        }),
      ],
    },
    check: (f) => {
      // Golden: 10 GB × $0.25 (dynamodb.storage.standard.gb_month) + 100 RCU × 730 h × $0.00013 + 50 WCU × 730 h ×
      // $0.00065 (infracost dynamodb_table_test golden) = $2.50 + $9.49 + $23.725 = $35.715.
      expect(f.monthlySavingsUsd).toBe(35.715);
      expect(f.reason).toBe(
        'table of 10 GB with 100 RCU / 50 WCU provisioned had no reads or writes over 14 days; it bills $35.72 a month',
      );
    },
  },
  clean: { parts: { tables: [table()] } },
  noData: { parts: { tables: [table({ metrics: undefined })] } },
});

describe('dynamodb-table-unused on demand', () => {
  const unused = { ConsumedReadCapacityUnits: flat(0, 0), ConsumedWriteCapacityUnits: flat(0, 0) };
  it('leaves an empty on-demand table ok: it bills nothing', () => {
    const [f] = run(tableUnused, { tables: [table({ ...onDemand, sizeBytes: 0, metrics: unused })] });
    expect(f?.status).toBe('ok');
  });
  it('prices the storage of an unused on-demand table, and says so when its size is unknown', () => {
    const [priced] = run(tableUnused, { tables: [table({ ...onDemand, sizeBytes: 4 * GIB, metrics: unused })] });
    // 4 GB × $0.25 (dynamodb.storage.standard.gb_month) = $1.00.
    expect(priced?.monthlySavingsUsd).toBe(1);
    const [unknown] = run(tableUnused, { tables: [table({ ...onDemand, metrics: unused })] });
    expect(unknown).toMatchObject({ status: 'info', monthlySavingsUsd: 0 });
    expect(unknown?.savingsBasis).toContain('reported no size');
  });
});
