import { CostExplorerClient, GetRightsizingRecommendationCommand } from '@aws-sdk/client-cost-explorer';
import {
  CostOptimizationHubClient,
  GetPreferencesCommand,
  ListRecommendationsCommand,
} from '@aws-sdk/client-cost-optimization-hub';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { collectHub, collectRightsizing } from '../../src/collect/hub';
import type { Note } from '../../src/domain/note';

const hub = mockClient(CostOptimizationHubClient);
const ce = mockClient(CostExplorerClient);
afterEach(() => {
  hub.reset();
  ce.reset();
});
const live = () => createAws({ mode: 'live', homeRegion: 'eu-west-1' });

describe('collectHub', () => {
  it('reads every page of ListRecommendations and the savings-estimation preference', async () => {
    hub
      .on(ListRecommendationsCommand)
      .resolvesOnce({ items: [{ recommendationId: 'a' }], nextToken: 'n2' })
      .resolvesOnce({ items: [{ recommendationId: 'b' }] });
    hub.on(GetPreferencesCommand).resolves({ savingsEstimationMode: 'BeforeDiscounts' });

    const data = await collectHub(live(), []);

    expect(data.recommendations.map((r) => r.recommendationId)).toEqual(['a', 'b']);
    expect(data.savingsEstimationMode).toBe('BeforeDiscounts');
    expect(hub.commandCalls(ListRecommendationsCommand).map((c) => c.args[0].input)).toEqual([
      { maxResults: 1000 },
      { maxResults: 1000, nextToken: 'n2' },
    ]);
  });

  it('makes a Hub that is not enabled a note saying how to enable it, and no crash', async () => {
    hub
      .on(ListRecommendationsCommand)
      .rejects(awsError('AccessDeniedException', 'Account is not enrolled in Cost Optimization Hub'));
    const notes: Note[] = [];

    const data = await collectHub(live(), notes);

    expect(data).toEqual({ enrollment: 'disabled', recommendations: [] });
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'disabled', message: expect.stringMatching(/update-enrollment-status/) }),
    ]);
  });

  it('keeps a plain AccessDenied a denied note', async () => {
    hub.on(ListRecommendationsCommand).rejects(awsError('AccessDeniedException', 'User is not authorized'));
    const notes: Note[] = [];

    const data = await collectHub(live(), notes);

    expect(data.enrollment).toBe('unknown');
    expect(notes[0]?.kind).toBe('denied');
  });
});

describe('collectRightsizing', () => {
  it('pages with NextPageToken and asks for savings with RI and Savings Plans benefits considered', async () => {
    ce.on(GetRightsizingRecommendationCommand)
      .resolvesOnce({ RightsizingRecommendations: [{ AccountId: '1' }], NextPageToken: 'p2' })
      .resolvesOnce({ RightsizingRecommendations: [{ AccountId: '2' }] });

    const data = await collectRightsizing(live(), []);

    expect(data?.recommendations.map((r) => r.AccountId)).toEqual(['1', '2']);
    const inputs = ce.commandCalls(GetRightsizingRecommendationCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toMatchObject({ Service: 'AmazonEC2', Configuration: { BenefitsConsidered: true } });
    expect(inputs[1]?.NextPageToken).toBe('p2');
  });
});
