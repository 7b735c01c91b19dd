import { expect } from 'vitest';
import s3IntelligentTieringCandidate from '../../../src/analyze/rules/s3-intelligent-tiering-candidate';
import s3NoAbortMultipart from '../../../src/analyze/rules/s3-no-abort-multipart';
import s3NoLifecycle from '../../../src/analyze/rules/s3-no-lifecycle';
import { bucket, daysAgo, ruleCases } from './fixtures';
import { bareBucket, GIB, storage } from './fixtures-storage';

ruleCases(s3NoLifecycle, {
  flagged: {
    parts: { buckets: [bareBucket(1000, 2_000_000)] },
    check: (f) => {
      // Golden: 1,000 GB in Standard × 50% (assumed not read for 30 days) × ($0.023 Standard − $0.0125 Standard-IA
      // per GB-month) (s3.standard.gb_month, s3.standard_ia.gb_month: infracost s3_bucket_v3_test golden) = $5.25.
      expect(f.monthlySavingsUsd).toBe(5.25);
      expect(f.confidence).toBe('low');
      expect(f.savingsBasis).toContain('50% (assumed share of Standard bytes not read for 30 days');
      expect(f.reason).toBe(
        'bucket erp-data has no enabled lifecycle rule and holds 1,000 GB in S3 Standard (average over 14 days); moving the assumed 50% not read for 30 days to Standard-IA saves $5.25 a month before retrieval fees',
      );
    },
  },
  clean: {
    parts: {
      buckets: [
        bucket(),
        // No rule, but tiny objects (2 KB on average): Standard-IA would bill each as 128 KB.
        bareBucket(1000, 500_000_000, { id: 'tiny-objects' }),
        bareBucket(10, 1000, { id: 'small' }),
      ],
    },
  },
  noData: { parts: { buckets: [bucket({ lifecycle: undefined }), bareBucket(1000, 1, { storage: undefined })] } },
});

const uploads = (sizes: (number | undefined)[], ageDays = 30) => ({
  uploads: sizes.map((gb) => ({
    initiated: daysAgo(ageDays),
    storageClass: 'STANDARD',
    ...(gb === undefined ? {} : { bytes: gb * GIB }),
  })),
  truncated: false,
});
const noAbort = [{ enabled: true, hasTransitionOrExpiration: true, abortsIncompleteUploads: false }];

ruleCases(s3NoAbortMultipart, {
  flagged: {
    parts: {
      buckets: [
        bucket({
          lifecycle: noAbort,
          incompleteUploads: {
            uploads: [...uploads([30, 10, undefined]).uploads, ...uploads([500], 2).uploads],
            truncated: false,
          },
        }),
      ],
    },
    check: (f) => {
      // Golden: 30 GB + 10 GB of parts of uploads started 30 days ago × $0.023 per GB-month S3 Standard
      // (s3.standard.gb_month, infracost s3_bucket_v3_test golden) = $0.92; the third is unsized, the 2-day-old one
      // may still be in progress.
      expect(f.monthlySavingsUsd).toBe(0.92);
      expect(f.savingsBasis).toBe('40 × $0.023 (s3.standard.gb_month, us-east-1 list price)');
      expect(f.reason).toContain('3 uploads started over 7 days ago hold at least 40 GB (2 of them sized');
    },
  },
  clean: {
    parts: {
      buckets: [
        bucket(),
        bucket({ id: 'fresh', lifecycle: noAbort, incompleteUploads: uploads([500], 2) }),
        bucket({ id: 'none', lifecycle: noAbort, incompleteUploads: { uploads: [], truncated: false } }),
      ],
    },
  },
  noData: {
    parts: {
      buckets: [
        bucket({ lifecycle: undefined }),
        bucket({ id: 'denied', lifecycle: noAbort }),
        bucket({ id: 'unsized', lifecycle: noAbort, incompleteUploads: uploads([undefined]) }),
      ],
    },
  },
});

const expireOnly = [{ enabled: true, hasTransitionOrExpiration: true, abortsIncompleteUploads: true }];
ruleCases(s3IntelligentTieringCandidate, {
  flagged: {
    parts: { buckets: [bareBucket(2048, 1_000_000, { lifecycle: expireOnly })] },
    check: (f) => {
      // Golden: 2,048 GB × 50% (assumed unread for 30 days) × ($0.023 − $0.0125, the IA tier at the Standard-IA rate)
      // = $10.752, less monitoring of 1,000,000 objects × $0.0025 per 1,000 (s3.standard.gb_month,
      // s3.standard_ia.gb_month, s3.intelligent_tiering.monitoring.per_1000_objects: infracost s3_bucket_v3_test
      // golden) = $2.50: $8.252.
      expect(f.monthlySavingsUsd).toBe(8.252);
      expect(f.confidence).toBe('low');
      expect(f.savingsBasis).toContain('1,000 × $0.0025 (s3.intelligent_tiering.monitoring.per_1000_objects');
    },
  },
  clean: {
    parts: {
      buckets: [
        bareBucket(2048, 1_000_000, { lifecycle: expireOnly, tiersObjects: true }),
        bareBucket(100, 1_000, { id: 'small', lifecycle: expireOnly }),
        // 4 TB in a billion objects: monitoring ($2,500) outweighs tiering.
        bareBucket(4096, 1_000_000_000, {
          id: 'many',
          lifecycle: expireOnly,
          storage: storage({ StandardStorage: 4096 }),
        }),
      ],
    },
  },
  noData: {
    parts: {
      buckets: [
        bareBucket(2048, 1_000_000, { lifecycle: expireOnly, storage: undefined }),
        bareBucket(2048, 1_000_000, { id: 'unread', lifecycle: undefined }),
      ],
    },
  },
});
