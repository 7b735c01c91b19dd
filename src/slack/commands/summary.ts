import type { Comparison } from '../../summary';
import { answer, usd } from '../blocks';
import { type Command, NO_SNAPSHOT } from '../command';

const change = (c: Comparison): string => {
  if (!c.current) return `not available (${c.missing ?? 'no data'})`;
  const ref = c.reference ? ` vs ${usd(c.reference.usd)} (${c.reference.from} to ${c.reference.to})` : '';
  const pct = c.changePct === undefined ? '' : ` ${c.changePct >= 0 ? '+' : ''}${(c.changePct * 100).toFixed(1)}%`;
  return `*${usd(c.current.usd)}* (${c.current.from} to ${c.current.to})${ref}${pct}`;
};

export const summary: Command = {
  name: 'summary',
  usage: '',
  summary: 'spend yesterday, month to date and the month-end forecast (the default)',
  async run({ snapshot }) {
    const snap = await snapshot();
    if (!snap) return answer('Spend summary', [NO_SNAPSHOT]);
    const s = snap.summary;
    const lines = [
      `Yesterday: ${change(s.yesterday)} (7-day average)`,
      `Month to date: ${change(s.month)} (same days last month)`,
      `Forecast for ${s.forecast.month}: ${change(s.forecast)} (last month)`,
      '',
      '*Top services*',
      ...s.topServices.map((line) => `• ${line.service}: ${change(line)}`),
    ];
    if (s.otherServices.count) lines.push(`• ${s.otherServices.count} other services: ${usd(s.otherServices.usd)}`);
    const sample = snap.sample ? 'Sample account (not real AWS data). ' : '';
    const estimated = s.estimatedDays.length ? ` ${s.estimatedDays.length} day(s) still estimated by AWS.` : '';
    return answer(`Spend as of ${snap.asOf}`, lines, `${sample}${s.basis.actuals}.${estimated}`);
  },
};
