import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { collectAccounts } from '../../src/collect/accounts';
import { type AccountSelector, loadConfig } from '../../src/config';
import { ConfigError } from '../../src/domain/errors';
import type { Note } from '../../src/domain/note';

const org = mockClient(OrganizationsClient);
afterEach(() => org.reset());
const live = () => createAws({ mode: 'live', homeRegion: 'eu-west-1' });
const SELF = '111111111111';
const accounts = (
  scope: 'self' | 'organization' | string[],
  include: AccountSelector[] = [],
  exclude: AccountSelector[] = [],
  notes: Note[] = [],
) => collectAccounts(live(), { scope, include, exclude }, SELF, notes);

/** The organization: four accounts over two pages, one suspended and one closed; OU ou-root-dev holds dev and sandbox. */
function organization() {
  const pages = [
    {
      Accounts: [
        { Id: '333333333333', Name: 'durion-development', State: 'ACTIVE' as const },
        { Id: '111111111111', Name: 'durion-production', Status: 'ACTIVE' as const },
      ],
      NextToken: 'p2',
    },
    {
      Accounts: [
        { Id: '222222222222', Name: 'durion-staging', State: 'ACTIVE' as const },
        { Id: '444444444444', Name: 'old-sandbox', State: 'SUSPENDED' as const },
        { Id: '555555555555', Name: 'gone', State: 'CLOSED' as const },
      ],
    },
  ];
  org.on(ListAccountsCommand).callsFake((input: { NextToken?: string }) => (input.NextToken ? pages[1] : pages[0]));
  org.on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-dev00001' }).resolves({ Accounts: [] });
  org.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-ab12-dev00001' }).resolves({
    OrganizationalUnits: [{ Id: 'ou-ab12-dev00002' }],
  });
  org.on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-dev00002' }).resolves({
    Accounts: [{ Id: '333333333333' }],
  });
  org
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-ab12-dev00002' })
    .resolves({ OrganizationalUnits: [] });
  org.on(ListTagsForResourceCommand).resolves({ Tags: [] });
  org
    .on(ListTagsForResourceCommand, { ResourceId: '222222222222' })
    .resolves({ Tags: [{ Key: 'env', Value: 'staging' }] });
}

describe('collectAccounts', () => {
  it('reads every page of the organization, with names, and skips accounts that are not active, saying which', async () => {
    organization();
    const notes: Note[] = [];
    expect(await accounts('organization', [], [], notes)).toEqual([
      { id: '111111111111', name: 'durion-production' },
      { id: '222222222222', name: 'durion-staging' },
      { id: '333333333333', name: 'durion-development' },
    ]);
    expect(org.commandCalls(ListAccountsCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, 'p2']);
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'disabled',
        message: '2 account(s) not active, not read: 444444444444 (SUSPENDED), 555555555555 (CLOSED)',
      }),
    ]);
  });

  it('includes by OU through the OUs under it, and excludes by tag', async () => {
    organization();
    const byOu = await accounts('organization', [{ kind: 'ou', id: 'ou-ab12-dev00001' }]);
    expect(byOu.map((a) => a.id)).toEqual(['333333333333']);
    const notStaging = await accounts('organization', [], [{ kind: 'tag', key: 'env', value: 'staging' }]);
    expect(notStaging.map((a) => a.id)).toEqual(['111111111111', '333333333333']);
  });

  it('reads an explicit list or its own account without calling Organizations', async () => {
    expect(await accounts(['222222222222', '111111111111'])).toEqual([
      { id: '111111111111', name: '111111111111' },
      { id: '222222222222', name: '222222222222' },
    ]);
    expect(await accounts('self')).toEqual([{ id: SELF, name: SELF }]);
    expect(org.calls()).toHaveLength(0);
  });

  it('refuses a run that selectors leave with no account, naming them', async () => {
    organization();
    await expect(accounts('organization', [{ kind: 'id', id: '999999999999' }])).rejects.toThrow(ConfigError);
    await expect(accounts('organization', [{ kind: 'id', id: '999999999999' }])).rejects.toThrow(
      /the 3 listed were all left out by DURION_ACCOUNTS_INCLUDE/,
    );
  });

  it('reads its own account, with a note saying how to fix it, where Organizations refuses', async () => {
    org.on(ListAccountsCommand).rejects(awsError('AccessDeniedException', 'not the management account'));
    const notes: Note[] = [];
    expect(await accounts('organization', [], [], notes)).toEqual([{ id: SELF, name: SELF }]);
    expect(notes[0]).toMatchObject({ kind: 'denied', source: 'organizations:ListAccounts' });
    expect(notes[0]?.message).toContain('management account or a delegated administrator');
  });

  it('never widens the run when a selector cannot be read', async () => {
    organization();
    org.on(ListTagsForResourceCommand).rejects(awsError('TooManyRequestsException', 'slow down'));
    const notes: Note[] = [];
    const read = await accounts('organization', [], [{ kind: 'tag', key: 'env', value: 'staging' }], notes);
    expect(read).toEqual([{ id: SELF, name: SELF }]);
    expect(notes.at(-1)).toMatchObject({ kind: 'throttled' });
    expect(notes.at(-1)?.message).toContain('reads its own account only');
  });
});

describe('account settings', () => {
  it('parse ids, OUs, roots and tags, and name what does not parse', () => {
    const c = loadConfig({
      DURION_ACCOUNTS: 'organization',
      DURION_ACCOUNTS_INCLUDE: 'ou-ab12-dev00001, r-ab12, 222222222222',
      DURION_ACCOUNTS_EXCLUDE: 'tag:env=sandbox',
      DURION_MEMBER_EXTERNAL_ID: 'durion-ext',
    });
    expect(c.accounts).toEqual({
      scope: 'organization',
      include: [
        { kind: 'ou', id: 'ou-ab12-dev00001' },
        { kind: 'ou', id: 'r-ab12' },
        { kind: 'id', id: '222222222222' },
      ],
      exclude: [{ kind: 'tag', key: 'env', value: 'sandbox' }],
      memberRole: { name: 'durion-cost-member', externalId: 'durion-ext' },
      concurrency: 8,
    });
    expect(loadConfig({ DURION_ACCOUNTS: '111111111111,222222222222' }).accounts.scope).toEqual([
      '111111111111',
      '222222222222',
    ]);
    expect(() => loadConfig({ DURION_ACCOUNTS_INCLUDE: 'prod' })).toThrow(/"prod" is not a 12-digit account id/);
    expect(() => loadConfig({ DURION_ACCOUNTS: 'all' })).toThrow(/DURION_ACCOUNTS must be self, organization/);
    expect(loadConfig({ DURION_ACCOUNT_CHANNELS: '{"222222222222":"C0STAGING"}' }).slack.accountChannels).toEqual({
      '222222222222': 'C0STAGING',
    });
    expect(() => loadConfig({ DURION_ACCOUNT_CHANNELS: '{"staging":"C0STAGING"}' })).toThrow(
      /DURION_ACCOUNT_CHANNELS keys must be 12-digit account ids; got "staging"/,
    );
  });
});
