/**
 * The accounts a run reads: the credentials' own, an explicit list, or every active account of the AWS Organization
 * (ListAccounts from the management account or a delegated administrator, all pages), narrowed by include and
 * exclude selectors (account id, organizational unit with every OU under it, account tag). Suspended, closed and
 * pending accounts are skipped and counted in a note. And whether the members are enrolled in Compute Optimizer, so
 * their recommendations can be read from here. Collectors fetch: nothing here reads a member account.
 */
import { ComputeOptimizerClient, GetEnrollmentStatusCommand } from '@aws-sdk/client-compute-optimizer';
import {
  type Account as OrgAccount,
  OrganizationsClient,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListTagsForResource,
} from '@aws-sdk/client-organizations';
import type { Aws } from '../aws';
import type { AccountSelector, AccountsSettings } from '../config';
import { ConfigError } from '../domain/errors';
import type { Note } from '../domain/note';
import { guard } from './guard';
import { itemsOf, pager } from './pages';

/** An account the run reads, with the name Organizations gives it (its id where none is known). */
export interface Account {
  id: string;
  name: string;
}

/** The IAM actions this collector sends, in the account that runs the bot (only with DURION_ACCOUNTS=organization). */
export const ACCOUNTS_IAM_ACTIONS = [
  'organizations:ListAccounts',
  'organizations:ListAccountsForParent',
  'organizations:ListOrganizationalUnitsForParent',
  'organizations:ListTagsForResource',
  'compute-optimizer:GetEnrollmentStatus',
] as const;

const SOURCE = 'organizations:ListAccounts';
/** Organizations is a global service served from us-east-1. */
const ORGANIZATIONS_REGION = 'us-east-1';

const client = (aws: Aws) => aws.client(OrganizationsClient, ORGANIZATIONS_REGION);

/** The account ids under an OU or root, through every OU below it. */
async function accountsUnder(aws: Aws, parentId: string): Promise<Set<string>> {
  const c = client(aws);
  const ids = new Set<string>();
  const parents = [parentId];
  while (parents.length) {
    const ParentId = parents.pop() as string;
    const accounts = await itemsOf(paginateListAccountsForParent(pager(c), { ParentId }), (p) => p.Accounts);
    for (const a of accounts) if (a.Id) ids.add(a.Id);
    const units = await itemsOf(
      paginateListOrganizationalUnitsForParent(pager(c), { ParentId }),
      (p) => p.OrganizationalUnits,
    );
    for (const u of units) if (u.Id) parents.push(u.Id);
  }
  return ids;
}

/** Whether an account matches any selector: ids directly, OUs and tags from Organizations (read once each). */
function matcher(aws: Aws, selectors: AccountSelector[]) {
  const units = new Map<string, Promise<Set<string>>>();
  const tags = new Map<string, Promise<Record<string, string>>>();
  const tagsOf = (id: string) => {
    let t = tags.get(id);
    if (!t) {
      t = itemsOf(paginateListTagsForResource(pager(client(aws)), { ResourceId: id }), (p) => p.Tags).then((list) =>
        Object.fromEntries(list.map((x) => [x.Key ?? '', x.Value ?? ''])),
      );
      tags.set(id, t);
    }
    return t;
  };
  return async (id: string): Promise<boolean> => {
    for (const s of selectors) {
      if (s.kind === 'id' && s.id === id) return true;
      if (s.kind === 'ou') {
        if (!units.has(s.id)) units.set(s.id, accountsUnder(aws, s.id));
        if ((await units.get(s.id))?.has(id)) return true;
      }
      if (s.kind === 'tag' && (await tagsOf(id))[s.key] === s.value) return true;
    }
    return false;
  };
}

/** An account is read only while active; `State` replaces the older `Status`, which some answers still carry alone. */
const isActive = (a: OrgAccount): boolean => (a.State ?? a.Status) === 'ACTIVE';

/** Every active account of the organization, and a note naming the skipped ones. */
async function organizationAccounts(aws: Aws, notes: Note[]): Promise<Account[] | undefined> {
  const listed = await guard(notes, { source: SOURCE }, () =>
    itemsOf(paginateListAccounts(pager(client(aws)), {}), (p) => p.Accounts),
  );
  if (!listed) {
    const last = notes.at(-1);
    if (last) {
      last.message +=
        '. Run durion-cost from the management account or a delegated administrator, or list the accounts in DURION_ACCOUNTS; this run reads its own account only';
    }
    return undefined;
  }
  const skipped = listed.filter((a) => !isActive(a));
  if (skipped.length) {
    notes.push({
      kind: 'disabled',
      source: SOURCE,
      message: `${skipped.length} account(s) not active, not read: ${skipped.map((a) => `${a.Id} (${a.State ?? a.Status})`).join(', ')}`,
    });
  }
  return listed.filter(isActive).flatMap((a) => (a.Id ? [{ id: a.Id, name: a.Name || a.Id }] : []));
}

/**
 * The accounts to read, in id order. `self` is the credentials' own account. Zero accounts left by the selectors is a
 * ConfigError naming them: a run that reads nothing must not look like a quiet day.
 */
export async function collectAccounts(
  aws: Aws,
  settings: Pick<AccountsSettings, 'include' | 'exclude'> & { scope: 'self' | 'organization' | string[] },
  self: string,
  notes: Note[],
): Promise<Account[]> {
  const { scope } = settings;
  const candidates =
    scope === 'self'
      ? [{ id: self, name: self }]
      : scope === 'organization'
        ? ((await organizationAccounts(aws, notes)) ?? [{ id: self, name: self }])
        : scope.map((id) => ({ id, name: id }));
  const included = settings.include.length ? matcher(aws, settings.include) : async () => true;
  const excluded = matcher(aws, settings.exclude);
  const chosen = await guard(notes, { source: 'organizations:ListAccountsForParent' }, async () => {
    const keep: Account[] = [];
    for (const a of candidates) if ((await included(a.id)) && !(await excluded(a.id))) keep.push(a);
    return keep;
  });
  // Selectors that could not be read must not widen the run: it then reads its own account only, as the note says.
  if (!chosen) {
    const last = notes.at(-1);
    if (last) last.message += '; the account selectors could not be applied, so this run reads its own account only';
  }
  const accounts = (chosen ?? [{ id: self, name: self }]).sort((a, b) => a.id.localeCompare(b.id));
  if (accounts.length === 0) {
    throw new ConfigError(
      `no account left to read: the ${candidates.length} listed were all left out by DURION_ACCOUNTS_INCLUDE/DURION_ACCOUNTS_EXCLUDE`,
    );
  }
  return accounts;
}

/**
 * Whether the organization's member accounts are enrolled in Compute Optimizer, as its management account (or delegated
 * administrator) sees it (GetEnrollmentStatus: Active with `memberAccountsEnrolled`). Then every member's
 * recommendations are read from here with `accountIds`, and the member roles are not asked. A refusal is a note and
 * counts as no.
 */
export async function membersEnrolled(aws: Aws, notes: Note[]): Promise<boolean> {
  const region = aws.homeRegion;
  const status = await guard(notes, { source: 'compute-optimizer:GetEnrollmentStatus', region }, () =>
    aws.client(ComputeOptimizerClient, region).send(new GetEnrollmentStatusCommand({})),
  );
  return status?.status === 'Active' && status.memberAccountsEnrolled === true;
}
