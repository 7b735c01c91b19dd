import { UsageError } from '../../domain/errors';
import { usd } from '../../domain/money';
import type { Series } from '../../domain/spend';
import { percent } from '../../notify/format';
import { answer, escapeText } from '../blocks';
import { type Command, NO_SNAPSHOT } from '../command';

const DIMENSIONS = ['services', 'accounts', 'regions'] as const;
const sum = (s: Series, from: number, to: number) => s.slice(Math.max(0, from), to).reduce((a, b) => a + b, 0);

/** `top [services|accounts|regions|tag:KEY] [N] [days]`: the biggest spenders over the last days, and their change. */
export const top: Command = {
  name: 'top',
  usage: '[services|accounts|regions|tag:KEY] [N] [days]',
  summary: 'biggest spenders over the last days (default: 5 services, 7 days), against the days before',
  async run({ args, snapshot }) {
    let dimension = 'services';
    const numbers: number[] = [];
    for (const arg of args) {
      const lower = arg.toLowerCase();
      if ((DIMENSIONS as readonly string[]).includes(lower) || lower.startsWith('tag:')) dimension = lower;
      else if (/^\d{1,3}$/.test(arg)) numbers.push(Number(arg));
      else throw new UsageError(`top does not understand "${arg}"`);
    }
    const [n = 5, days = 7] = numbers;
    if (numbers.length > 2 || n < 1 || n > 25) throw new UsageError('top shows 1 to 25 lines over 1 to 92 days');
    const snap = await snapshot();
    if (!snap) return answer('Top spenders', [NO_SNAPSHOT]);
    const spend = snap.spend;
    if (spend.days.length === 0) return answer('Top spenders', [`The run of ${snap.asOf} stored no daily spend.`]);
    if (days < 1 || days > spend.days.length) {
      throw new UsageError(`top covers 1 to ${spend.days.length} days (what the snapshot keeps)`);
    }
    let series: Record<string, Series>;
    let label = (key: string) => key;
    if (dimension === 'services') series = spend.byService;
    else if (dimension === 'regions') series = spend.byRegion;
    else if (dimension === 'accounts') {
      series = spend.byAccount;
      label = (id) => (spend.accountNames[id] ? `${spend.accountNames[id]} (${id})` : id);
    } else {
      const key = dimension.slice(4);
      if (!spend.byTag || spend.byTag.key.toLowerCase() !== key) {
        const kept = spend.byTag
          ? `only the tag "${spend.byTag.key}" is collected`
          : 'no cost-allocation tag is collected';
        return answer(`Top by tag ${escapeText(key)}`, [`Not available: ${kept} (DURION_COST_TAG).`]);
      }
      series = spend.byTag.values;
      label = (v) => (v === '' ? '(untagged)' : v);
    }
    const end = spend.days.length;
    const rows = Object.entries(series)
      .map(([key, s]) => ({ key, now: sum(s, end - days, end), before: sum(s, end - 2 * days, end - days) }))
      .sort((a, b) => b.now - a.now);
    const total = rows.reduce((a, r) => a + r.now, 0);
    const hasBefore = end - 2 * days >= 0;
    const lines = rows.slice(0, n).map((r, i) => {
      const pct = hasBefore && r.before > 0 ? ` (${percent((r.now - r.before) / r.before)})` : '';
      return `${i + 1}. ${escapeText(label(r.key))}: *${usd(r.now)}*${pct}`;
    });
    const from = spend.days[end - days];
    const to = spend.days[end - 1];
    const footer = `${from} to ${to} (${days} days), ${spend.metric}, Cost Explorer actual spend; total ${usd(total)}. ${
      hasBefore ? `Change against the ${days} days before.` : 'Not enough history for a change.'
    }`;
    return answer(
      `Top ${n} ${dimension} over ${days} days`,
      lines.length ? lines : ['No spend in that window.'],
      footer,
    );
  },
};
