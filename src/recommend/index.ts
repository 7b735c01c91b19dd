/**
 * Analysis of the optimization section: AWS's own recommendations ingested beside the rules' drafts, deduplicated
 * per resource and action, savings made commitment-aware, the commitment alerts and the measured checklist. Pure.
 */
import type { ResourceBase } from '../collect/inventory/types';
import type { Alert, FindingDraft, Inventory, Note } from '../model';
import { type Checklist, checklistDrafts, measureChecklist } from './checklist';
import { commitmentAware, commitmentDrafts, utilizationAlerts } from './commitments';
import { ingestRightsizing } from './cost-explorer';
import { dedupe } from './dedupe';
import { ingestHub } from './hub';
import { type Exists, type IngestContext, ingestComputeOptimizer } from './optimizer';

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
const existsIn =
  (inventory: Inventory): Exists =>
  (kind, accountId, region, id) => {
    const r = inventory.resources;
    if (!r?.regions.includes(region)) return undefined;
    const list = (r[kind] as ResourceBase[]).filter((x) => x.accountId === accountId && x.region === region);
    if (list.length === 0) return undefined;
    return list.some((x) => x.id === id);
  };

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
        ...(data.rightsizing ? [ingestRightsizing(data.rightsizing, ctx)] : []),
        commitmentDrafts(data.commitments, inventory, ctx),
      ]
    : [];
  const merged = commitmentAware(dedupe([...drafts, ...parts.flatMap((p) => p.drafts)]), inventory);
  const checklist = measureChecklist(inventory, merged);
  return {
    drafts: [...merged, ...checklistDrafts(checklist, options.accountId, options.homeRegion)],
    alerts: data ? utilizationAlerts(data.commitments, options.accountId) : [],
    checklist,
    notes: parts.flatMap((p) => p.notes),
  };
}
