import { minuteOf } from '../../domain/dates';
import { CE_REQUEST_USD, usd, usdCents } from '../../domain/money';
import { type RealizedSavings, realizedSavings } from '../../ledger/realized';
import { savingsWaiting } from '../../ledger/savings';
import { noteLine, summaryAccountNames } from '../../notify/format';
import { answer, escapeText } from '../blocks';
import { type Command, NO_SNAPSHOT } from '../command';
import { stateOf } from '../findings';

/** Realized savings as the digest words them: claimed, verified against the bill, and the claims' states. */
const realizedLine = (r: RealizedSavings, method: string | undefined) =>
  `*Realized savings:* claimed ${usd(r.claimedUsd)}/mo in ${r.claims} resolved or scheduled findings, verified ${usd(r.verifiedUsd)}/mo against the bill (${r.checked} checked, ${r.settling} settling, ${r.uncheckable} not checkable)${method ? `; ${escapeText(method)}` : ''}`;

/** `status`: the last run, how fresh its data is, what it cost in Cost Explorer requests, what it could not read. */
export const status: Command = {
  name: 'status',
  usage: '',
  summary: 'last run, data freshness, Cost Explorer requests and their cost, what could not be read',
  async run({ store, snapshot, now }) {
    const [snap, findings] = await Promise.all([snapshot(), store.listFindings()]);
    if (!snap) return answer('Status', [NO_SNAPSHOT]);
    const r = snap.report;
    const ageHours = Math.round((now.getTime() - Date.parse(r.startedAt)) / 3_600_000);
    const lastDay = snap.spend.days.at(-1) ?? 'none';
    const estimated = snap.spend.estimated.filter(Boolean).length;
    const waiting = savingsWaiting(findings);
    const byState = new Map<string, number>();
    for (const f of findings) byState.set(stateOf(f, now), (byState.get(stateOf(f, now)) ?? 0) + 1);
    const lines = [
      `*Last run:* as of ${r.asOf}, started ${minuteOf(r.startedAt)} UTC (${ageHours} h ago), ${(r.durationMs / 1000).toFixed(1)} s, ${r.mode} mode${snap.sample ? ' (sample account)' : ''}`,
      `*Data:* spend through ${lastDay}${estimated ? `, ${estimated} day(s) still estimated by AWS` : ''}`,
      `*Cost Explorer:* ${r.costExplorerRequestsMonth} request(s) this month (${usd(r.costExplorerRequestsMonth * CE_REQUEST_USD)} at ${usdCents(CE_REQUEST_USD)} each), ${r.costExplorerRequests} in the last run; slash commands make none`,
      `*Findings:* ${[...byState.entries()].map(([s, n]) => `${n} ${s}`).join(', ') || 'none'} (${r.findings.new} new in the last run)`,
      `*Savings waiting:* ${usd(waiting.totalUsd)}/mo in ${waiting.findings.length} open findings (the digest's figure; the largest per resource where findings are alternatives)`,
      realizedLine(realizedSavings(findings), r.realized?.method),
      ...r.digests.map(
        (d) =>
          `*Digest:* ${d.posted ? 'posted' : 'not posted'}${d.channel.startsWith('C') ? ` to <#${d.channel}>` : ''} (${escapeText(d.reason)})`,
      ),
    ];
    if (r.notes.length) {
      lines.push('*Could not read:*');
      const names = summaryAccountNames(snap.summary);
      for (const n of r.notes.slice(0, 15)) lines.push(`• ${escapeText(noteLine(n, names))}`);
      if (r.notes.length > 15) lines.push(`• … ${r.notes.length - 15} more in run.json`);
    } else lines.push('Everything the run needed could be read.');
    return answer('durion-cost status', lines);
  },
};
