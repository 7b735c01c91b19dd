/**
 * Owners from CloudTrail, wired: the resources without an owner and without a candidate are looked up in CloudTrail
 * (src/collect/cloudtrail.ts), the most expensive first, within DURION_CLOUDTRAIL_LOOKUPS calls a run. Each lookup is
 * kept in the snapshot while its resource stays unowned, so a resource is looked up once; what the budget or a
 * throttled or refused account left is a note, and the next run goes on with it.
 */
import { type Creators, creatorsWanted, type Tagging } from '../analyze/tagging';
import type { Aws } from '../aws';
import { type CreatorTarget, creatorTarget, lookupCreators } from '../collect/cloudtrail';
import { memberAws, type Reach } from '../collect/organization';
import type { Config } from '../config';
import { type CreatorLookup, creatorKey } from '../domain/creator';
import type { Note } from '../domain/note';

/** Live calls are paced to CloudTrail's 2 a second per account and region; replayed ones are not throttled. */
const GAP_MS = 500;
/** Resources a note names before it counts the rest. */
const NAMED = 5;

export interface CreatorStepInput {
  aws: Aws;
  config: Pick<Config, 'cloudTrail'>;
  asOf: string;
  /** How the run reaches member accounts (the organization read's, so each role is assumed once a run). */
  reach: Reach;
  /** The unowned resources with these creators (findUnowned over the run's inventory, at the run's prices). */
  unowned: (creators: Creators) => Tagging;
  /** The lookups the previous snapshot kept. */
  kept?: Record<string, CreatorLookup>;
  notes: Note[];
}

/** The unowned resources with CloudTrail's creators as candidates, and the lookups to keep for the next runs. */
export async function creatorStep(input: CreatorStepInput): Promise<{ tagging: Tagging; creators: Creators }> {
  const { config, notes, asOf, unowned: tagged } = input;
  const known: Creators = { lookups: input.kept ?? {}, teams: config.cloudTrail.creatorTeams };
  const before = tagged(known);
  const targets = creatorsWanted(before).flatMap((u) => creatorTarget(u.kind, u.resource) ?? []);
  const off = config.cloudTrail.lookups === 0;
  const result =
    targets.length && !off
      ? await lookupCreators(targets, {
          asOf,
          budget: config.cloudTrail.lookups,
          gapMs: input.aws.mode === 'live' || input.aws.mode === 'record' ? GAP_MS : 0,
          awsOf: (accountId) => memberAws(input.aws, input.reach, accountId, notes),
          notes,
        })
      : { found: {}, left: targets, calls: 0 };
  // Kept while the resource is unowned: one that is tagged or gone drops out.
  const unowned = new Set(before.unowned.map((u) => creatorKey(u.resource)));
  const lookups = Object.fromEntries(
    Object.entries({ ...known.lookups, ...result.found }).filter(([key]) => unowned.has(key)),
  );
  if (result.left.length && !off) notes.push(leftNote(result.left, config.cloudTrail.lookups, result.calls));
  const creators = { lookups, teams: known.teams };
  return { tagging: tagged(creators), creators };
}

function leftNote(left: CreatorTarget[], budget: number, calls: number): Note {
  const named = left.slice(0, NAMED).map((t) => `${t.id} (${t.accountId} ${t.region})`);
  const more = left.length > NAMED ? ` and ${left.length - NAMED} more` : '';
  return {
    kind: 'unavailable',
    source: 'cloudtrail:LookupEvents',
    message:
      `creators of ${left.length} unowned resource(s) not looked up this run: ${named.join(', ')}${more}; ` +
      `${calls} of ${budget} calls made (DURION_CLOUDTRAIL_LOOKUPS), and an account and region that throttled or ` +
      'refused is not asked again in the run. The next runs go on with them.',
  };
}
