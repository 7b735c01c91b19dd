/**
 * deploy/organization.asl.json, the organization state machine: valid Amazon States Language (asl-validator), the
 * three steps the local runner runs (src/jobs/organization.ts), retries with backoff on throttling and timeouts, a
 * failed slice caught, and every placeholder given by serverless.yml's DefinitionSubstitutions. The packaged template
 * carrying it is checked by scripts/check-bundles.mjs after `sls package` (in CI).
 */
import validator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { read } from './calls';

const TEXT = read('deploy/organization.asl.json');
const DEFINITION = JSON.parse(TEXT);
const YML = read('serverless.yml');

type State = Record<string, unknown> & { Type: string; Retry?: { ErrorEquals: string[]; BackoffRate?: number }[] };

describe('the organization state machine', () => {
  it('is valid Amazon States Language, and the validator does fail a broken one', async () => {
    expect(await validator(DEFINITION)).toMatchObject({ isValid: true, errors: [] });
    const broken = structuredClone(DEFINITION);
    broken.States.ListWorkItems.Next = 'NoSuchState';
    expect((await validator(broken)).isValid).toBe(false);
  });

  it('lists, maps the slices on a Distributed Map at the run’s concurrency, then aggregates', () => {
    expect(DEFINITION.StartAt).toBe('ListWorkItems');
    const map = DEFINITION.States.ReadSlices;
    expect(DEFINITION.States.ListWorkItems.Next).toBe('ReadSlices');
    expect(map.Next).toBe('Aggregate');
    expect(map.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    expect(map.ItemReader.Resource).toBe('arn:aws:states:::s3:getObject');
    expect(map.MaxConcurrencyPath).toBe('$.maxConcurrency');
    // Failed slices never fail the run: each is caught, and the aggregate names it.
    expect(map.ToleratedFailurePercentage).toBe(100);
    expect(map.ItemProcessor.States.ReadSlice.Catch[0]).toMatchObject({
      ErrorEquals: ['States.ALL'],
      Next: 'SliceFailed',
    });
    expect(DEFINITION.States.Aggregate.End).toBe(true);
  });

  it('retries throttling and timeouts with backoff and jitter', () => {
    const slice: State = DEFINITION.States.ReadSlices.ItemProcessor.States.ReadSlice;
    const errors = (slice.Retry ?? []).flatMap((r) => r.ErrorEquals);
    expect(errors).toEqual(
      expect.arrayContaining(['Lambda.TooManyRequestsException', 'ThrottlingException', 'States.Timeout']),
    );
    expect((slice.Retry ?? []).every((r) => (r.BackoffRate ?? 1) > 1)).toBe(true);
    for (const name of ['ListWorkItems', 'Aggregate']) expect(DEFINITION.States[name].Retry.length).toBeGreaterThan(0);
  });

  it('has every placeholder substituted by serverless.yml, and no other', () => {
    const placeholders = [...new Set([...TEXT.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]))].sort();
    const block = YML.slice(YML.indexOf('DefinitionSubstitutions:'), YML.indexOf('StateMachineRole:'));
    const substituted = [...block.matchAll(/^\s+(\w+): !/gm)].map((m) => m[1]).sort();
    expect(placeholders).toEqual(['AggregateFunction', 'ListFunction', 'SliceBucket', 'SliceFunction']);
    expect(substituted).toEqual(placeholders);
    expect(YML).toContain(['Definition: $', '{file(./deploy/organization.asl.json)}'].join(''));
  });
});
