/** Placeholder until the rules engineer lands scoring; replaced wholesale. */
import type { FindingDraft } from './model';
export function scoreDraft(draft: FindingDraft): { score: number; priority: 1 | 2 | 3 | 4 } {
  const score = draft.monthlySavingsUsd;
  return { score, priority: score >= 500 ? 1 : score >= 100 ? 2 : score >= 10 ? 3 : 4 };
}
