/**
 * deploy/member-role.yml grants the member role exactly what durion-cost sends in a member account: the inventory
 * collectors' and Compute Optimizer's SDK commands and CloudTrail's LookupEvents for the creators of unowned resources
 * (the Price List API is read once, in the running account), and its
 * trust admits only the collector role, narrowed by the organization or an ExternalId.
 */
import { describe, expect, it } from 'vitest';
import { inventoryIamActions } from '../../src/analyze/rules';
import { CLOUDTRAIL_IAM_ACTIONS } from '../../src/collect/cloudtrail';
import { OPTIMIZATION_IAM_ACTIONS } from '../../src/collect/optimization';
import { callsOf, filesUnder, read } from './calls';

const TEMPLATE = read('deploy/member-role.yml');

/** The actions listed under one statement Sid of the template. */
function actionsOf(sid: string): string[] {
  const chunk = TEMPLATE.slice(TEMPLATE.indexOf(`- Sid: ${sid}`));
  const block = chunk.slice(chunk.indexOf('Action:'), chunk.indexOf('Resource:'));
  return [...block.matchAll(/^\s*- ([a-z0-9-]+:[A-Za-z0-9]+)\s*$/gm)].map((m) => m[1] ?? '');
}

/** What a slice sends in a member account: its modules' SDK commands. */
const SENT_IN_MEMBERS = callsOf([
  ...filesUnder('src/collect/inventory'),
  'src/collect/optimizer.ts',
  'src/collect/cloudtrail.ts',
]);

describe('the member role template', () => {
  it('grants exactly the calls a slice sends in a member account, sorted', () => {
    expect(actionsOf('MemberReads')).toEqual(SENT_IN_MEMBERS);
  });

  it('matches what the collectors declare, less what only the running account reads', () => {
    const compute = OPTIMIZATION_IAM_ACTIONS.filter((a) => a.startsWith('compute-optimizer:'));
    const inventory = inventoryIamActions().filter((a) => a !== 'pricing:GetProducts');
    const declared = [...inventory, ...compute, ...CLOUDTRAIL_IAM_ACTIONS].sort();
    expect(actionsOf('MemberReads')).toEqual(declared);
  });

  it('writes nothing and reads no bill', () => {
    const actions = actionsOf('MemberReads');
    // API Gateway authorizes reads by HTTP method: apigateway:GET reads, never writes.
    // CloudTrail's LookupEvents reads the event history.
    expect(actions.filter((a) => !/:(Describe|List|Get|Lookup)/.test(a) && a !== 'apigateway:GET')).toEqual([]);
    expect(actions.filter((a) => /^(ce|cur|budgets|organizations|sts):/.test(a))).toEqual([]);
  });

  it('trusts only the collector role, with the organization id or an ExternalId', () => {
    const trust = TEMPLATE.slice(TEMPLATE.indexOf('AssumeRolePolicyDocument:'), TEMPLATE.indexOf('Policies:'));
    expect(trust).toContain('AWS: !Ref CollectorRoleArn');
    expect(trust).toContain('aws:PrincipalOrgID: !Ref OrganizationId');
    expect(trust).toContain('sts:ExternalId: !Ref ExternalId');
    expect(TEMPLATE).toMatch(/TrustIsNarrowed:[\s\S]*Assert: !Or/);
    expect(actionsOf('MemberReads').length).toBeGreaterThan(30);
  });
});
