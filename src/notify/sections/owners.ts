/**
 * The digest's resources without an owner (src/analyze/tagging.ts): how many, what they cost to keep, grouped by the
 * owner they probably have, and the owner and team tag keys that billing does not use yet. Absent when every
 * resource has an owner and every key is active.
 */
import { type Tagging, unownedMonthlyUsd } from '../../analyze/tagging';
import { usd } from '../../domain/money';
import type { DigestSection, Entry } from '../section';

/** At most this many candidate owners are listed; the rest are counted. */
const SHOWN = 6;

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function groupEntry(t: Tagging, owner: string | undefined): Entry {
  const g = t.byCandidate.find((x) => x.owner === owner);
  const example = t.unowned.find((u) => u.candidate?.owner === owner);
  const priced = g && g.unpriced > 0 ? ` (${g.unpriced} not priced)` : '';
  const line = `${count(g?.resources ?? 0, 'resource')}, ${usd(g?.monthlyUsd ?? 0)} a month${priced}`;
  const lead = example?.candidate ? `, e.g. ${example.resource.id} (${example.candidate.from})` : '';
  return { lines: [[owner ? { strong: owner } : 'No candidate', `: ${line}${lead}`]] };
}

const KEY_STATES = { Inactive: 'on resources but not activated', absent: 'never seen on a resource by billing' };

export function ownersSection(t: Tagging): DigestSection | undefined {
  if (t.unowned.length === 0 && t.notActive.length === 0) return undefined;
  const owners = t.byCandidate.map((g) => g.owner);
  const named = owners.filter((o): o is string => o !== undefined);
  const shown = named.slice(0, SHOWN).map((o) => groupEntry(t, o));
  const more = named.length > SHOWN ? [{ lines: [[`and ${named.length - SHOWN} more candidate owner(s)`]] }] : [];
  const none = owners.includes(undefined) ? [groupEntry(t, undefined)] : [];
  const keys = t.notActive.map(
    (k): Entry => ({
      lines: [
        [
          { code: k.key },
          ` is ${KEY_STATES[k.status as keyof typeof KEY_STATES]} as a cost-allocation tag: Cost Explorer and Budgets ` +
            'cannot break spend down by it until it is activated (Billing, Cost allocation tags).',
        ],
      ],
    }),
  );
  const summary: Entry = {
    lines: [
      [
        `${t.unowned.length} of ${t.resources} resources carry none of ${t.ownerTags.join(', ')}: `,
        { strong: `${usd(unownedMonthlyUsd(t))} a month` },
        ' to keep.',
      ],
    ],
  };
  return {
    id: 'owners',
    title: 'Resources without an owner',
    caption:
      'What each costs to keep a month at list price (730 h; before commitments and discounts; kinds billed by use ' +
      'counted without a figure), grouped by the owner it probably has: the resource it is attached ' +
      'to, or what the tagged members of its stack, Auto Scaling group or EKS cluster agree on. A candidate is a ' +
      'lead to confirm. Every resource is in untagged.csv.',
    blocks: [{ entries: [...(t.unowned.length ? [summary, ...shown, ...more, ...none] : []), ...keys] }],
  };
}
