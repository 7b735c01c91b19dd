/** Every environment variable durion-cost reads, validated once, with defaults. Nothing else reads process.env. */

import { ConfigError } from './domain/errors';
import { COST_METRICS, type CostMetric } from './domain/spend';

type Env = Record<string, string | undefined>;

const str = (env: Env, key: string): string | undefined => {
  const v = env[key]?.trim();
  return v ? v : undefined;
};

const num = (env: Env, key: string, fallback: number, min: number, max: number): number => {
  const raw = str(env, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ConfigError(`${key} must be a number from ${min} to ${max}; got "${raw}"`);
  }
  return n;
};

const list = (env: Env, key: string): string[] | undefined =>
  str(env, key)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const oneOf = <T extends string>(env: Env, key: string, allowed: readonly T[], fallback: T): T => {
  const raw = str(env, key);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${key} must be one of ${allowed.join(', ')}; got "${raw}"`);
  }
  return raw as T;
};

const json = <T>(env: Env, key: string, fallback: T): T => {
  const raw = str(env, key);
  if (raw === undefined) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch (cause) {
    throw new ConfigError(`${key} must be JSON; ${(cause as Error).message}`, { cause });
  }
};

/** A JSON object whose every value passes `ok`, e.g. {"payments": "C0123"}; names the key when it does not. */
const stringMap = <T>(env: Env, key: string, ok: (v: unknown) => v is T): Record<string, T> => {
  const value = json<unknown>(env, key, {});
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every(ok)) {
    throw new ConfigError(`${key} must be a JSON object of the documented shape; got ${str(env, key)}`);
  }
  return value as Record<string, T>;
};

/**
 * Settings that name the stack's own resources (table, topic, SSM parameters). Under serverless-offline
 * (`npm run dev`, IS_OFFLINE=true) they are CloudFormation references with no value, so the local store and the
 * environment's secrets are used instead.
 */
const inAws = (env: Env, key: string): string | undefined => (env.IS_OFFLINE === 'true' ? undefined : str(env, key));

export interface AnomalyThresholds {
  /** USD of excess (or shortfall) over the anomaly so far, at least. */
  minImpactUsd: number;
  /** Excess relative to the expected spend over the anomaly, at least (0.2 = 20%). */
  minRelativeChange: number;
  /** Series whose spend (actual or expected) stays under this many USD a day never alert. */
  floorUsd: number;
  /** The lowest score that opens an anomaly, whatever the number of series. */
  minScore: number;
  /** Chance of one false alarm per run across all series, before the dollar thresholds (Bonferroni). */
  falseAlarmRate: number;
}

/** The anomaly settings of the configuration: thresholds, and how anomalies alert. */
export interface AnomalySettings extends AnomalyThresholds {
  /** Alert again on an anomaly already alerted only when its impact has grown by this share (0.5 = 50%). */
  realertGrowth: number;
  /** Anomaly alerts published a day, at most; the rest go out as one summary alert. */
  dailyAlertCap: number;
  /** Publish in the custom-notification format of Amazon Q Developer in chat applications (AWS Chatbot). */
  chatbotFormat: boolean;
  /** Extra Cost Explorer requests a run may spend on root causes (each is billed $0.01). */
  rootCauseRequests: number;
}

/** Defaults for a daily run; overridable through DURION_ANOMALY_* (src/config.ts). */
export const DEFAULT_THRESHOLDS: AnomalyThresholds = {
  minImpactUsd: 50,
  minRelativeChange: 0.2,
  floorUsd: 5,
  minScore: 5,
  falseAlarmRate: 0.05,
};

export interface Config {
  /** The region for global APIs (Cost Explorer, Compute Optimizer's home) and the bot's own resources. */
  homeRegion: string;
  /** Regions to inventory; undefined means every region enabled for the account. */
  regions?: string[];
  /** DynamoDB table in AWS; undefined means the local engine under the store folder. */
  tableName?: string;
  /** The local engine's folder when there is no table (the Slack function under `npm run dev`). */
  storeDir: string;
  /** SNS topic for alerts; undefined means alerts are only written to alerts.json. */
  topicArn?: string;
  spend: {
    metric: CostMetric;
    /** Days of daily history kept for baselines (Cost Explorer keeps about 13 months at daily granularity). */
    lookbackDays: number;
    /** Cost-allocation tag to break spend down by. */
    tagKey: string;
    /** Settled days are reused from the store; the open month and this many recent days are read again. */
    revisedDays: number;
    /** Days a resolved finding's claim waits before it is checked against the bill (and the days compared). */
    settleDays: number;
  };
  alerts: {
    /** Alert when the month-end forecast exceeds last month by more than this share (0.2 = 20%). */
    forecastOverLastMonth: number;
  };
  /** Spend anomalies: thresholds (src/anomaly/thresholds.ts documents each) and how they alert. */
  anomaly: AnomalySettings;
  slack: {
    botToken?: string;
    signingSecret?: string;
    /** SSM SecureString parameter names, read in AWS instead of the plain variables. */
    botTokenParam?: string;
    signingSecretParam?: string;
    channel?: string;
    apiUrl: string;
    /** The slash command's name, as in the app manifest. */
    command: string;
    /** Only this workspace (team id) and this app (api_app_id) are served; unset means none is. */
    teamId?: string;
    appId?: string;
    /** Channels where commands answer; unset means the digest channel and the owner channels. */
    allowedChannels?: string[];
    /** Whether commands answer in direct messages with the bot. */
    allowDm: boolean;
    /** Slack user ids and user-group ids allowed to change a finding's state. */
    adminUsers: string[];
    adminGroups: string[];
    /** Owner value (a finding's owner) to the channel that gets its findings. */
    ownerChannels: Record<string, string>;
    /** Account id to the channel that gets that account's findings whose owner has no channel of its own. */
    accountChannels: Record<string, string>;
    /** Slack user or user-group id to the owner values and account ids that are that team's (`mine`). */
    teamMap: Record<string, string[]>;
  };
  /** Tag keys that name a resource's owner, in order of preference. */
  ownerTags: string[];
  /** Owners from CloudTrail for resources no owner tag names (src/collect/cloudtrail.ts). */
  cloudTrail: CloudTrailSettings;
  /** Per-rule parameter overrides: { "<ruleId>": { "<param>": value } }. */
  ruleParams: Record<string, Record<string, number | string | boolean>>;
  /** Excluded from the rule catalog: a rule id (the whole rule), a resource id or ARN, or `ruleId:resource`. */
  exclude: string[];
  /** Read EC2 prices of regions other than us-east-1 from the Price List API instead of approximating them. */
  priceRefresh: boolean;
  /** Which accounts a run reads, and how it gets into them. */
  accounts: AccountsSettings;
  /** Schedules that stop non-production resources out of hours (README "Schedules"); off in a read-only install. */
  scheduling: SchedulingSettings;
}

export interface SchedulingSettings {
  /** DURION_SCHEDULING=on: the stack deployed the schedule role and the bot's write permissions. */
  enabled: boolean;
  /** The role EventBridge Scheduler assumes in each account to stop and start resources. */
  roleName: string;
  /** The dead-letter queue of failed invocations in each account's home region. */
  queueName: string;
  /** The tag naming a resource's environment, and its values that mean production (refused unless forced). */
  environmentTag: string;
  productionValues: string[];
}

/** A DURION_TEAM_MAP `creator:` pattern and the owner value its entry gives what a matching identity created. */
export interface CreatorTeam {
  /** Case-insensitive, `*` for any run of characters: `alice@example.com`, `*@payments.example.com`, `ci-deploy`. */
  pattern: string;
  owner: string;
}

export interface CloudTrailSettings {
  /** LookupEvents calls a run may make (each account and region allows 2 a second); 0 turns the lookups off. */
  lookups: number;
  /** DURION_TEAM_MAP's creator patterns, in the map's order: the first that matches names the team. */
  creatorTeams: CreatorTeam[];
}

/** An account chosen by id, by organizational unit (`ou-…` or a root `r-…`, with every OU under it), or by tag. */
export type AccountSelector =
  | { kind: 'id'; id: string }
  | { kind: 'ou'; id: string }
  | { kind: 'tag'; key: string; value: string };

export interface AccountsSettings {
  /**
   * 'self': the credentials' own account only; 'organization': every active account Organizations lists (from the
   * management account or a delegated administrator); or an explicit list of account ids. Undefined: 'organization'
   * on the sample, 'self' otherwise.
   */
  scope?: 'self' | 'organization' | string[];
  include: AccountSelector[];
  exclude: AccountSelector[];
  /** The role assumed in each member account (deploy/member-role.yml), with its ExternalId where one is set. */
  memberRole: { name: string; externalId?: string };
  /** Account x region slices read at once (the local runner's, and the state machine's Map MaxConcurrency). */
  concurrency: number;
  /** The state machine's S3 bucket for work lists and slices (set by serverless.yml). */
  sliceBucket?: string;
}

/** One selector of DURION_ACCOUNTS_INCLUDE or _EXCLUDE: a 12-digit id, `ou-…`/`r-…`, or `tag:Key=Value`. */
function selector(key: string, token: string): AccountSelector {
  if (/^\d{12}$/.test(token)) return { kind: 'id', id: token };
  if (/^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/.test(token)) return { kind: 'ou', id: token };
  const tag = /^tag:([^=]+)=(.*)$/.exec(token);
  if (tag) return { kind: 'tag', key: tag[1] as string, value: tag[2] as string };
  throw new ConfigError(
    `${key}: "${token}" is not a 12-digit account id, an OU (ou-…) or root (r-…) id, or tag:Key=Value`,
  );
}

function accountScope(env: Env): AccountsSettings['scope'] {
  const raw = list(env, 'DURION_ACCOUNTS');
  if (!raw) return undefined;
  if (raw.length === 1 && (raw[0] === 'self' || raw[0] === 'organization')) return raw[0];
  const bad = raw.find((id) => !/^\d{12}$/.test(id));
  if (bad) throw new ConfigError(`DURION_ACCOUNTS must be self, organization or 12-digit account ids; got "${bad}"`);
  return raw;
}

const accountsSettings = (env: Env): AccountsSettings => ({
  scope: accountScope(env),
  include: (list(env, 'DURION_ACCOUNTS_INCLUDE') ?? []).map((t) => selector('DURION_ACCOUNTS_INCLUDE', t)),
  exclude: (list(env, 'DURION_ACCOUNTS_EXCLUDE') ?? []).map((t) => selector('DURION_ACCOUNTS_EXCLUDE', t)),
  memberRole: {
    name: str(env, 'DURION_MEMBER_ROLE') ?? 'durion-cost-member',
    ...(str(env, 'DURION_MEMBER_EXTERNAL_ID') ? { externalId: str(env, 'DURION_MEMBER_EXTERNAL_ID') } : {}),
  },
  concurrency: num(env, 'DURION_SLICE_CONCURRENCY', 8, 1, 1000),
  ...(inAws(env, 'DURION_SLICE_BUCKET') ? { sliceBucket: inAws(env, 'DURION_SLICE_BUCKET') } : {}),
});

const isAccountId = (v: string) => /^\d{12}$/.test(v);
const CREATOR = 'creator:';

/** DURION_ACCOUNT_CHANNELS: {"222222222222": "C0123"}, keys 12-digit account ids. */
function accountChannels(env: Env): Record<string, string> {
  const map = stringMap(env, 'DURION_ACCOUNT_CHANNELS', (v): v is string => typeof v === 'string');
  const bad = Object.keys(map).find((k) => !isAccountId(k));
  if (bad) throw new ConfigError(`DURION_ACCOUNT_CHANNELS keys must be 12-digit account ids; got "${bad}"`);
  return map;
}

/**
 * DURION_TEAM_MAP: Slack user or user-group id to the team's owner values, account ids and `creator:` patterns (the
 * identities whose resources the team owns when CloudTrail says they created them). The patterns go to the CloudTrail
 * settings with the entry's first owner value; the Slack side keeps the owner values and account ids.
 */
function teamMap(env: Env): { slack: Record<string, string[]>; creators: CreatorTeam[] } {
  const key = 'DURION_TEAM_MAP';
  const map = stringMap(env, key, (v): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string'));
  const creators: CreatorTeam[] = [];
  const slack: Record<string, string[]> = {};
  for (const [id, values] of Object.entries(map)) {
    const patterns = values.filter((v) => v.startsWith(CREATOR)).map((v) => v.slice(CREATOR.length).trim());
    slack[id] = values.filter((v) => !v.startsWith(CREATOR));
    const owner = slack[id].find((v) => !isAccountId(v));
    if (patterns.length === 0) continue;
    if (!owner || patterns.some((p) => !p)) {
      throw new ConfigError(
        `${key}: ${id} lists creator patterns, which need an owner value in the same entry and a pattern after "creator:"`,
      );
    }
    creators.push(...patterns.map((pattern) => ({ pattern, owner })));
  }
  return { slack, creators };
}

/** Read and validate the environment. Throws ConfigError naming the key that is wrong. */
export function loadConfig(env: Env = process.env): Config {
  const teams = teamMap(env);
  return {
    homeRegion: str(env, 'AWS_REGION') ?? str(env, 'AWS_DEFAULT_REGION') ?? 'us-east-1',
    regions: list(env, 'DURION_REGIONS'),
    tableName: inAws(env, 'DURION_TABLE'),
    storeDir: str(env, 'DURION_STORE_DIR') ?? '.durion-cost',
    topicArn: inAws(env, 'DURION_TOPIC_ARN'),
    spend: {
      metric: oneOf(env, 'DURION_COST_METRIC', COST_METRICS, 'UnblendedCost'),
      lookbackDays: num(env, 'DURION_LOOKBACK_DAYS', 395, 35, 400),
      tagKey: str(env, 'DURION_COST_TAG') ?? 'team',
      revisedDays: num(env, 'DURION_REVISED_DAYS', 3, 1, 31),
      settleDays: num(env, 'DURION_SETTLE_DAYS', 7, 3, 31),
    },
    alerts: {
      forecastOverLastMonth: num(env, 'DURION_FORECAST_ALERT_SHARE', 0.2, 0, 10),
    },
    anomaly: {
      minImpactUsd: num(env, 'DURION_ANOMALY_MIN_IMPACT_USD', DEFAULT_THRESHOLDS.minImpactUsd, 0, 1e9),
      minRelativeChange: num(env, 'DURION_ANOMALY_MIN_CHANGE', DEFAULT_THRESHOLDS.minRelativeChange, 0, 100),
      floorUsd: num(env, 'DURION_ANOMALY_FLOOR_USD', DEFAULT_THRESHOLDS.floorUsd, 0, 1e9),
      minScore: num(env, 'DURION_ANOMALY_MIN_SCORE', DEFAULT_THRESHOLDS.minScore, 1, 100),
      falseAlarmRate: num(env, 'DURION_ANOMALY_FALSE_ALARM_RATE', DEFAULT_THRESHOLDS.falseAlarmRate, 1e-9, 1),
      realertGrowth: num(env, 'DURION_ANOMALY_REALERT_GROWTH', 0.5, 0, 100),
      dailyAlertCap: num(env, 'DURION_ANOMALY_ALERT_CAP', 10, 1, 1000),
      chatbotFormat: oneOf(env, 'DURION_ANOMALY_CHATBOT', ['true', 'false'], 'false') === 'true',
      rootCauseRequests: num(env, 'DURION_ANOMALY_ROOT_CAUSE_REQUESTS', 2, 0, 3),
    },
    slack: {
      botToken: str(env, 'SLACK_BOT_TOKEN'),
      signingSecret: str(env, 'SLACK_SIGNING_SECRET'),
      botTokenParam: inAws(env, 'SLACK_BOT_TOKEN_PARAM'),
      signingSecretParam: inAws(env, 'SLACK_SIGNING_SECRET_PARAM'),
      channel: str(env, 'SLACK_CHANNEL'),
      apiUrl: str(env, 'SLACK_API_URL') ?? 'https://slack.com/api/',
      command: str(env, 'SLACK_COMMAND') ?? '/durion-cost',
      teamId: str(env, 'SLACK_TEAM_ID'),
      appId: str(env, 'SLACK_APP_ID'),
      allowedChannels: list(env, 'SLACK_ALLOWED_CHANNELS'),
      allowDm: oneOf(env, 'SLACK_ALLOW_DM', ['true', 'false'], 'false') === 'true',
      adminUsers: list(env, 'SLACK_ADMIN_USERS') ?? [],
      adminGroups: list(env, 'SLACK_ADMIN_GROUPS') ?? [],
      ownerChannels: stringMap(env, 'DURION_OWNER_CHANNELS', (v): v is string => typeof v === 'string'),
      accountChannels: accountChannels(env),
      teamMap: teams.slack,
    },
    ownerTags: list(env, 'DURION_OWNER_TAGS') ?? ['owner', 'team'],
    cloudTrail: { lookups: num(env, 'DURION_CLOUDTRAIL_LOOKUPS', 40, 0, 1000), creatorTeams: teams.creators },
    ruleParams: json(env, 'DURION_RULE_PARAMS', {}),
    exclude: list(env, 'DURION_EXCLUDE') ?? [],
    priceRefresh: oneOf(env, 'DURION_PRICE_REFRESH', ['true', 'false'], 'false') === 'true',
    accounts: accountsSettings(env),
    scheduling: {
      enabled: oneOf(env, 'DURION_SCHEDULING', ['on', 'off'], 'off') === 'on',
      roleName: str(env, 'DURION_SCHEDULE_ROLE') ?? 'durion-cost-schedule',
      queueName: str(env, 'DURION_SCHEDULE_QUEUE') ?? 'durion-cost-schedule-failures',
      environmentTag: str(env, 'DURION_ENVIRONMENT_TAG') ?? 'environment',
      productionValues: (list(env, 'DURION_PRODUCTION_VALUES') ?? ['prod', 'production', 'prd', 'live']).map((v) =>
        v.toLowerCase(),
      ),
    },
  };
}
