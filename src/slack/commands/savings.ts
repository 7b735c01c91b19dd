import { UsageError } from '../../domain/errors';
import { type Finding, SAVINGS_METHODS } from '../../domain/finding';
import { usd } from '../../domain/money';
import { answer, escapeText } from '../blocks';
import type { Command } from '../command';
import { actionable } from '../findings';

const BY = {
  strategy: (f: Finding) => f.strategy,
  service: (f: Finding) => f.service,
  account: (f: Finding) => f.accountId,
} as const;
type By = keyof typeof BY;

/** `savings [strategy|service|account] [N]`: the savings waiting, grouped, with how the figures were estimated. */
export const savings: Command = {
  name: 'savings',
  usage: '[strategy|service|account] [N]',
  summary: 'monthly savings waiting in open findings, grouped (default: by strategy, top 10)',
  async run({ args, store, now }) {
    let by: By = 'strategy';
    let n = 10;
    for (const arg of args) {
      const lower = arg.toLowerCase();
      if (lower in BY) by = lower as By;
      else if (/^\d{1,2}$/.test(arg) && Number(arg) >= 1) n = Number(arg);
      else throw new UsageError(`savings does not understand "${arg}"`);
    }
    const open = actionable(await store.listFindings(), now).filter((f) => f.monthlySavingsUsd > 0);
    if (open.length === 0) return answer('Savings waiting', ['No open finding with a dollar estimate.']);
    const groups = new Map<string, { usd: number; count: number; methods: Set<string> }>();
    for (const f of open) {
      const key = BY[by](f);
      const g = groups.get(key) ?? { usd: 0, count: 0, methods: new Set<string>() };
      g.usd += f.monthlySavingsUsd;
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
    const total = open.reduce((s, f) => s + f.monthlySavingsUsd, 0);
    return answer(
      `Savings waiting, by ${by}`,
      lines,
      `${usd(total)}/mo in ${open.length} open findings; USD a month, 730 hours a month.`,
    );
  },
};
