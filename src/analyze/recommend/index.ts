/**
 * Analysis of the optimization section: AWS's own recommendations ingested beside the rules' drafts, deduplicated
 * per resource and action, savings made commitment-aware, the commitment alerts and the measured checklist. Pure.
 */
import { plain } from '../../aws/replay';
import type { Inventory } from '../../collect/types';
import type { Alert } from '../../domain/alert';
import type { FindingDraft } from '../../domain/finding';
import type { Note } from '../../domain/note';
import type { ResourceBase } from '../../domain/resources';
import { type Checklist, checklistDrafts, measureChecklist } from './checklist';
import { commitmentDrafts, utilizationAlerts } from './commitments';
import { ingestRightsizing } from './cost-explorer';
import { commitmentAware } from './coverage';
import { dedupe } from './dedupe';
import { ingestHub } from './hub';
import { type Exists, type IngestContext, ingestComputeOptimizer, type ResourceKindKey } from './optimizer';
import { ingestTrustedAdvisor } from './trusted-advisor';

export interface OptimizationAnalysis {
  /** Every draft passed in plus the ingested ones, deduplicated and commitment-aware, plus checklist findings. */
  drafts: FindingDraft[];
  alerts: Alert[];
  checklist: Checklist;
  /** What ingestion could not use (unknown values, resources gone, missing savings): add to the run's notes. */
  notes: Note[];
}

export interface AnalyzeOptions {
  /** The account the run belongs to (account-wide findings are filed under it). */
  accountId: string;
  homeRegion: string;
  ownerTags?: string[];
}

/** True/false when the inventory read that kind in that account and region; undefined when it cannot tell. */
function existsIn(inventory: Inventory): Exists {
  const r = inventory.resources;
  if (!r) return () => undefined;
  const kinds: ResourceKindKey[] = ['instances', 'volumes', 'functions', 'dbInstances', 'natGateways'];
  const read = new Set<string>();
  const ids = new Set<string>();
  for (const kind of kinds) {
    for (const x of r[kind] as ResourceBase[]) {
      read.add(`${kind}|${x.accountId}|${x.region}`);
      ids.add(`${kind}|${x.accountId}|${x.region}|${x.id}`);
    }
  }
  // Only where the inventory holds that kind in that account and region can absence mean "gone".
  return (kind, accountId, region, id) =>
    read.has(`${kind}|${accountId}|${region}`) ? ids.has(`${kind}|${accountId}|${region}|${id}`) : undefined;
}

/** Ingest, deduplicate (with the rules' drafts), adjust for commitments, alert and measure the checklist. */
export function analyzeOptimization(
  inventory: Inventory,
  drafts: FindingDraft[],
  options: AnalyzeOptions,
): OptimizationAnalysis {
  const ctx: IngestContext = {
    ownerTags: options.ownerTags ?? ['owner', 'team'],
    exists: existsIn(inventory),
    accountId: options.accountId,
    homeRegion: options.homeRegion,
  };
  const data = inventory.optimization;
  const parts = data
    ? [
        ingestComputeOptimizer(data.optimizer, ctx),
        ingestHub(data.hub, ctx),
        ingestTrustedAdvisor(data.trustedAdvisor, ctx),
        ...(data.rightsizing ? [ingestRightsizing(data.rightsizing, ctx)] : []),
        commitmentDrafts(data.commitments, inventory, ctx),
      ]
    : [];
  const merged = commitmentAware(dedupe([...drafts, ...parts.flatMap((p) => p.drafts)]), inventory);
  const checklist = measureChecklist(inventory, merged);
  return {
    // Evidence is JSON: undefined fields dropped, as the store and findings.json keep it.
    drafts: [...merged, ...checklistDrafts(checklist, options.accountId, options.homeRegion)].map((d) => ({
      ...d,
      evidence: plain(d.evidence),
    })),
    alerts: data ? utilizationAlerts(data.commitments, options.accountId) : [],
    checklist,
    notes: parts.flatMap((p) => p.notes),
  };
}
