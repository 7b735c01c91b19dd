import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/ledger/types';
import { mine } from '../../../src/slack/commands/mine';
import { storedFinding } from '../../ledger/helpers';

const now = new Date('2026-11-20T09:00:00Z');
const findings = [
  storedFinding({ resourceId: 'vol-staging', accountId: '222222222222', accountName: 'durion-staging' }),
  storedFinding({ resourceId: 'vol-owned', owner: 'payments' }),
  storedFinding({ resourceId: 'vol-other' }),
];
const store = { listFindings: async () => findings } as unknown as Store;
const said = async (owners: string[]) =>
  JSON.stringify(
    await mine.run({
      args: [],
      store,
      now,
      caller: { userId: 'U1', channelId: 'C1', canChange: false, owners },
      snapshot: async () => undefined,
    }),
  );

describe('/durion-cost mine', () => {
  it("lists a team's findings by owner value and, for an account id, every finding in that account, named", async () => {
    const text = await said(['payments', '222222222222']);
    expect(text).toContain('vol-owned');
    expect(text).toContain('vol-staging');
    expect(text).toContain('durion-staging 222222222222');
    expect(text).not.toContain('vol-other');
    expect(await said(['payments'])).not.toContain('vol-staging');
  });
});
