import { UsageError } from '../../domain/errors';
import { accountLabel, type Finding, SAVINGS_METHODS } from '../../domain/finding';
import { usd } from '../../domain/money';
import { savingsWaiting } from '../../ledger/savings';
import { answer, escapeText } from '../blocks';
import type { Command } from '../command';

const BY = {
  strategy: (f: Finding) => f.strategy,
  service: (f: Finding) => f.service,
  account: (f: Finding) => accountLabel(f),
} as const;
type By = keyof typeof BY;

/** `savings [strategy|service|account] [N]`: the savings waiting, grouped, with how the figures were estimated. */
export const savings: Command = {
  name: 'savings',
  usage: '[strategy|service|account] [N]',
  summary: 'monthly savings waiting in open findings, grouped (default: by strategy, top 10)',
  async run({ args, store }) {
    let by: By = 'strategy';
    let n = 10;
    for (const arg of args) {
      const lower = arg.toLowerCase();
      if (lower in BY) by = lower as By;
      else if (/^\d{1,2}$/.test(arg) && Number(arg) >= 1) n = Number(arg);
      else throw new UsageError(`savings does not understand "${arg}"`);
    }
    const waiting = savingsWaiting(await store.listFindings());
    const open = waiting.findings;
    if (open.length === 0) return answer('Savings waiting', ['No open finding with a dollar estimate.']);
    const groups = new Map<string, { usd: number; count: number; methods: Set<string> }>();
    for (const f of open) {
      const key = BY[by](f);
      const g = groups.get(key) ?? { usd: 0, count: 0, methods: new Set<string>() };
      if (waiting.counted.has(f.id)) g.usd += f.monthlySavingsUsd;
      g.count += 1;
      g.methods.add(SAVINGS_METHODS[f.savingsMethod]);
      groups.set(key, g);
    }
    const rows = [...groups.entries()].sort((a, b) => b[1].usd - a[1].usd);
    const lines = rows
      .slice(0, n)
      .map(
        ([key, g], i) =>
          `${i + 1}. ${escapeText(key)}: *${usd(g.usd)}/mo* in ${g.count} finding(s) (${[...g.methods].join('; ')})`,
      );
    return answer(
      `Savings waiting, by ${by}`,
      lines,
      `${usd(waiting.totalUsd)}/mo in ${open.length} open findings (the digest's figure): USD a month, 730 hours a month, the largest per resource where findings are alternatives; anomalies are not savings.`,
    );
  },
};
