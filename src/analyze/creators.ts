/**
 * The team of the identity that created a resource: the first DURION_TEAM_MAP `creator:` pattern that matches one of
 * its names, else an owner value already on tagged resources that its person-like name is (`alice`, or `alice` of
 * `alice@example.com`). Anything else maps to no team: a service role, a shared CI user, a person no tag names.
 */
import type { CreatorTeam } from '../config';
import type { Creator } from '../domain/creator';

/** A `creator:` pattern as a whole-string, case-insensitive match, `*` standing for any run of characters. */
const patternOf = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );

export function teamOf(
  creator: Creator,
  teams: readonly CreatorTeam[],
  knownOwners: ReadonlyMap<string, string>,
): string | undefined {
  for (const t of teams) {
    const re = patternOf(t.pattern);
    if (creator.names.some((n) => re.test(n))) return t.owner;
  }
  const person = creator.person?.toLowerCase();
  if (!person) return undefined;
  return knownOwners.get(person) ?? knownOwners.get(person.split('@')[0] ?? '');
}
