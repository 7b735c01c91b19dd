import {
  ComputeOptimizerClient,
  GetAutoScalingGroupRecommendationsCommand,
  GetEBSVolumeRecommendationsCommand,
  GetEC2InstanceRecommendationsCommand,
  GetECSServiceRecommendationsCommand,
  GetIdleRecommendationsCommand,
  GetLambdaFunctionRecommendationsCommand,
  GetRDSDatabaseRecommendationsCommand,
} from '@aws-sdk/client-compute-optimizer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { collectComputeOptimizer } from '../../src/collect/optimizer';
import type { Note } from '../../src/domain/note';

// Compute Optimizer may speak a binary protocol: mock at the command level, never over HTTP.
const co = mockClient(ComputeOptimizerClient);
afterEach(() => co.reset());

const live = () => createAws({ mode: 'live', homeRegion: 'us-east-1' });
const arn = (n: number) => `arn:aws:ec2:us-east-1:111111111111:instance/i-${String(n).padStart(17, '0')}`;
const emptyAll = () => {
  co.on(GetAutoScalingGroupRecommendationsCommand).resolves({});
  co.on(GetEBSVolumeRecommendationsCommand).resolves({});
  co.on(GetLambdaFunctionRecommendationsCommand).resolves({});
  co.on(GetECSServiceRecommendationsCommand).resolves({});
  co.on(GetRDSDatabaseRecommendationsCommand).resolves({});
  co.on(GetIdleRecommendationsCommand).resolves({});
};

describe('collectComputeOptimizer', () => {
  it('reads every page of EC2 recommendations with nextToken and maxResults 1000', async () => {
    emptyAll();
    co.on(GetEC2InstanceRecommendationsCommand)
      .resolvesOnce({
        instanceRecommendations: [{ instanceArn: arn(1) }, { instanceArn: arn(2) }],
        nextToken: 'page-2',
      })
      .resolvesOnce({ instanceRecommendations: [{ instanceArn: arn(3) }] });
    const notes: Note[] = [];

    const data = await collectComputeOptimizer(live(), ['us-east-1'], notes);

    expect(data.ec2.map((r) => r.instanceArn)).toEqual([arn(1), arn(2), arn(3)]);
    const calls = co.commandCalls(GetEC2InstanceRecommendationsCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([{ maxResults: 1000 }, { maxResults: 1000, nextToken: 'page-2' }]);
    expect(data.enrollment).toBe('enrolled');
    expect(notes).toEqual([]);
  });

  it('reads every page of Lambda recommendations through the SDK paginator, each page its own input', async () => {
    emptyAll();
    co.on(GetEC2InstanceRecommendationsCommand).resolves({});
    co.on(GetLambdaFunctionRecommendationsCommand)
      .resolvesOnce({ lambdaFunctionRecommendations: [{ functionArn: 'fn-1' }], nextToken: 'l2' })
      .resolvesOnce({ lambdaFunctionRecommendations: [{ functionArn: 'fn-2' }] });

    const data = await collectComputeOptimizer(live(), ['us-east-1'], []);

    expect(data.lambda.map((r) => r.functionArn)).toEqual(['fn-1', 'fn-2']);
    const calls = co.commandCalls(GetLambdaFunctionRecommendationsCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([{ maxResults: 1000 }, { maxResults: 1000, nextToken: 'l2' }]);
  });

  it('pages idle recommendations 100 at a time, the most GetIdleRecommendations allows', async () => {
    emptyAll();
    co.on(GetEC2InstanceRecommendationsCommand).resolves({});
    co.on(GetIdleRecommendationsCommand)
      .resolvesOnce({ idleRecommendations: [{ resourceId: 'vol-1' }], nextToken: 't2' })
      .resolvesOnce({ idleRecommendations: [{ resourceId: 'vol-2' }] });

    const data = await collectComputeOptimizer(live(), ['us-east-1'], []);

    expect(data.idle.map((r) => r.resourceId)).toEqual(['vol-1', 'vol-2']);
    expect(co.commandCalls(GetIdleRecommendationsCommand).map((c) => c.args[0].input.maxResults)).toEqual([100, 100]);
  });

  it('stops at the first OptInRequiredException with one opt-in note that says how to enrol', async () => {
    co.on(GetEC2InstanceRecommendationsCommand).rejects(
      awsError('OptInRequiredException', 'The account is not opted in to AWS Compute Optimizer'),
    );
    const notes: Note[] = [];

    const data = await collectComputeOptimizer(live(), ['us-east-1', 'eu-west-1'], notes);

    expect(data.enrollment).toBe('not-enrolled');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'opt-in', region: 'us-east-1' });
    expect(notes[0]?.message).toMatch(/update-enrollment-status --status Active/);
    expect(co.calls()).toHaveLength(1);
  });

  it('turns a denied kind into a note and goes on with the others', async () => {
    emptyAll();
    co.on(GetEC2InstanceRecommendationsCommand).resolves({ instanceRecommendations: [{ instanceArn: arn(1) }] });
    co.on(GetRDSDatabaseRecommendationsCommand).rejects(awsError('AccessDeniedException', 'no rds permission'));
    const notes: Note[] = [];

    const data = await collectComputeOptimizer(live(), ['us-east-1'], notes);

    expect(data.ec2).toHaveLength(1);
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'denied', source: 'compute-optimizer:GetRDSDatabaseRecommendations' }),
    ]);
    expect(co.commandCalls(GetIdleRecommendationsCommand)).toHaveLength(1);
  });

  it('notes the per-resource errors AWS returns beside the recommendations', async () => {
    emptyAll();
    co.on(GetEC2InstanceRecommendationsCommand).resolves({
      instanceRecommendations: [],
      errors: [{ identifier: arn(9), code: 'InsufficientData', message: 'not enough metrics' }],
    });
    const notes: Note[] = [];

    await collectComputeOptimizer(live(), ['us-east-1'], notes);

    expect(notes[0]?.message).toMatch(/1 resource\(s\) had no recommendation, e\.g\. .*InsufficientData/);
  });
});
