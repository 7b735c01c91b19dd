// CI, after `sls package`: the packaged CloudFormation template carries the organization state machine exactly as
// deploy/organization.asl.json defines it (the Framework drops null values from included files: a `"ResultPath":
// null` vanished that way, which would have handed the aggregate the Map's output instead of the run) (test/deploy/state-machine.test.ts validates that file), every placeholder
// substituted, and one schedule on: the daily function's or the state machine's, as the fanOut param says; and a deploy
// to a real stage without a Slack workspace fails. Schedules: with the default scheduling=off every resource and
// permission of theirs is conditioned on SchedulingOn, which is false, and no other role grants a write of theirs (a
// read-only install stays read-only); with scheduling=on (`sls print`) the condition holds and the schedule role
// grants only the stop and start APIs its targets call.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const template = JSON.parse(readFileSync(`${root}.serverless/cloudformation-template-update-stack.json`, 'utf8'));
const definition = JSON.parse(readFileSync(`${root}deploy/organization.asl.json`, 'utf8'));
const problems = [];

const machine = template.Resources.OrganizationStateMachine;
if (!machine) problems.push('no OrganizationStateMachine resource');
else {
  if (!isDeepStrictEqual(machine.Properties.Definition, definition))
    problems.push('its Definition differs from deploy/organization.asl.json');
  const wanted = [...new Set(JSON.stringify(definition).match(/\$\{\w+\}/g))].map((p) => p.slice(2, -1)).sort();
  const given = Object.keys(machine.Properties.DefinitionSubstitutions ?? {}).sort();
  if (!isDeepStrictEqual(wanted, given)) problems.push(`placeholders ${wanted} but substitutions ${given}`);
}
const rules = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Events::Rule');
const daily = rules.find(([id]) => /^Daily/.test(id))?.[1]?.Properties.State;
const organization = template.Resources.OrganizationSchedule?.Properties.State;
if ([daily, organization].filter((s) => s === 'ENABLED').length !== 1)
  problems.push(`exactly one schedule must be on: daily ${daily}, organization ${organization}`);

// A deploy that names no Slack workspace fails before anything is made, naming what is missing.
try {
  const { SLACK_TEAM_ID: _team, SLACK_APP_ID: _app, ...env } = process.env;
  execFileSync('npx', ['sls', 'print', '--stage', 'prod'], { env, stdio: 'pipe' });
  problems.push('`sls print --stage prod` without SLACK_TEAM_ID succeeded');
} catch (err) {
  const said = `${err.stdout}${err.stderr}`;
  if (!said.includes('SLACK_TEAM_ID') || !said.includes('SLACK_APP_ID'))
    problems.push(
      `a deploy without a workspace failed without naming SLACK_TEAM_ID and SLACK_APP_ID: ${said.slice(0, 300)}`,
    );
}

/** What the scheduling setting makes of a template: whether SchedulingOn holds, and the resources it governs. */
function scheduling(resources, conditions) {
  const equals = conditions?.SchedulingOn?.['Fn::Equals'];
  const on = Array.isArray(equals) && equals.length === 2 && equals[0] === equals[1];
  const governed = Object.entries(resources).filter(([, r]) => r.Condition === 'SchedulingOn');
  return { on, governed: governed.map(([id]) => id).sort(), resources };
}
/** The actions a role's or policy's statements grant (a role's trust policy left out). */
const actionsOf = (resource) =>
  JSON.stringify([resource?.Properties?.Policies, resource?.Properties?.PolicyDocument])
    .match(/"Action":(\[[^\]]*\]|"[^"]*")/g)
    ?.flatMap((a) => JSON.parse(a.slice('"Action":'.length)))
    .flat() ?? [];
const WRITES = /^(scheduler:|iam:PassRole|sqs:ReceiveMessage|ec2:St|rds:St|autoscaling:Update|ecs:Update)/;
const SCHEDULING = ['DailySchedulingPolicy', 'ScheduleFailureQueue', 'ScheduleTargetRole', 'SlackSchedulingPolicy'];

const off = scheduling(template.Resources, template.Conditions);
if (off.on) problems.push('scheduling is on in the default package; it must be off unless --param="scheduling=on"');
if (!isDeepStrictEqual(off.governed, SCHEDULING))
  problems.push(`SchedulingOn governs ${off.governed}, not ${SCHEDULING}`);
for (const [id, r] of Object.entries(template.Resources)) {
  const writes = r.Condition === 'SchedulingOn' ? [] : actionsOf(r).filter((a) => WRITES.test(a));
  if (writes.length) problems.push(`${id} grants ${writes} without scheduling=on`);
}
let on;
try {
  const printed = execFileSync('npx', ['sls', 'print', '--stage', 'ci', '--param=scheduling=on', '--format', 'json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const config = JSON.parse(printed.toString());
  on = scheduling(config.resources.Resources, config.resources.Conditions);
  if (!on.on) problems.push('--param="scheduling=on" does not turn SchedulingOn on');
  if (!isDeepStrictEqual(on.governed, SCHEDULING))
    problems.push(`with scheduling=on SchedulingOn governs ${on.governed}`);
} catch (err) {
  problems.push(`sls print --param=scheduling=on failed: ${`${err.stderr ?? err.message}`.slice(0, 300)}`);
}
const roleActions = on ? actionsOf(on.resources.ScheduleTargetRole) : [];

if (problems.length) {
  console.error(`check-template: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(
  `state machine: ${Object.keys(definition.States).join(' -> ')}; schedules: daily ${daily}, organization ${organization}`,
);
console.log(
  `scheduling=off (default): ${SCHEDULING.join(', ')} not created (SchedulingOn false), no write granted elsewhere; ` +
    `scheduling=on: created, schedule role grants ${roleActions.join(', ')}`,
);
