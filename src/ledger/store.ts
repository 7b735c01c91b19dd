/**
 * The store: one DynamoDB table (pk, sk; TTL attribute expiresAt). In AWS it is the stack's table; locally the same
 * code runs against dynalite, in process, on files under the store folder.
 * Items: SPEND/<key> (compressed daily spend), FINDING/<id>, SNAPSHOT/<asOf> (compressed), CLAIM/<key>,
 * OUTBOX/<key> (a message on its way out, payload compressed), SCHEDULE/<id> (a resource's schedules and their history);
 * blobs over the item limit continue in <pk>#PART items.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ChangedMeanwhileError, StoreError, UsageError } from '../domain/errors';
import type { Finding } from '../domain/finding';
import type { ScheduleRecord } from '../domain/schedule';
import type { SpendData } from '../domain/spend';
import { applyState } from './ledger';
import type { OutboxEntry, OutboxState, Snapshot, StateRequest, Store } from './types';

/**
 * The DynamoDB actions each Store method sends, for the function roles in serverless.yml (a role grants those of the
 * methods its code calls; test/iam.test.ts checks each method against what it sends). The table setup in
 * ensureTable runs only on the local engine.
 */
export const STORE_IAM_ACTIONS = {
  getSpend: ['dynamodb:GetItem'],
  putSpend: ['dynamodb:PutItem'],
  listFindings: ['dynamodb:Query'],
  getFinding: ['dynamodb:GetItem'],
  putFindings: ['dynamodb:BatchWriteItem'],
  setState: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  putSnapshot: ['dynamodb:PutItem'],
  // A snapshot over one item's size continues in parts, read with GetItem.
  latestSnapshot: ['dynamodb:Query', 'dynamodb:GetItem'],
  claim: ['dynamodb:PutItem'],
  release: ['dynamodb:DeleteItem'],
  enqueue: ['dynamodb:PutItem', 'dynamodb:GetItem'],
  markOutbox: ['dynamodb:UpdateItem'],
  unsent: ['dynamodb:Query'],
  getOutbox: ['dynamodb:GetItem'],
  listSchedules: ['dynamodb:Query'],
  putSchedule: ['dynamodb:PutItem'],
  close: [],
} as const satisfies Record<keyof Store, readonly string[]>;

/** Read-modify-write rounds of a state change before it is called a conflict. */
const STATE_ATTEMPTS = 4;

/** Local table name; in AWS the name comes from configuration. */
export const LOCAL_TABLE = 'durion-cost';
/** DynamoDB items are at most 400 KB: blobs are split below that. */
const PART_BYTES = 350_000;

const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

export interface StoreOptions {
  /** The DynamoDB table in AWS. Without it, the local engine runs under storeDir. */
  tableName?: string;
  storeDir: string;
  /** Injected client (tests); otherwise one is made for the table or the local engine. */
  client?: DynamoDBClient;
}

/** Open the store: the real table when a name is given, else dynalite on files under storeDir. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.tableName) {
    const client = options.client ?? new DynamoDBClient({});
    return new DynamoStore(DynamoDBDocumentClient.from(client), options.tableName, async () => {});
  }
  mkdirSync(options.storeDir, { recursive: true });
  const unlock = lock(options.storeDir);
  // dynalite is a local-only dependency: loaded here so no Lambda bundle carries it.
  const { default: dynalite } = await import('dynalite');
  const server = dynalite({ path: `${options.storeDir}/dynalite`, createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, LOCAL_TABLE);
  const close = async () => {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    unlock();
  };
  return new DynamoStore(DynamoDBDocumentClient.from(client), LOCAL_TABLE, close);
}

/** The lock file of a local store: one process (one open store) at a time, since the engine's files allow no more. */
const LOCK_FILE = 'durion-cost.lock';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Take the store folder's lock, or say who holds it. A lock left by a process that is gone is taken over. Returns the
 * release.
 */
function lock(storeDir: string): () => void {
  const path = `${storeDir}/${LOCK_FILE}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number(readFileSync(path, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
      throw new UsageError(
        `the store ${storeDir} is in use by another durion-cost run (pid ${holder}${holder === process.pid ? ', this process' : ''}); wait for it to finish or use another --store`,
      );
    }
    rmSync(path, { force: true });
  }
  throw new UsageError(`the store ${storeDir} could not be locked (${path} keeps coming back)`);
}

async function ensureTable(client: DynamoDBClient, name: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') throw err;
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    // Even dynalite answers "not found" until the new table turns ACTIVE.
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName: name });
  }
}

class DynamoStore implements Store {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly onClose: () => Promise<void>,
  ) {}

  private async wrap<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (cause) {
      if (cause instanceof StoreError) throw cause;
      throw new StoreError(`store: could not ${what}: ${(cause as Error).message}`, { cause });
    }
  }

  private async queryAll(pk: string, options: { prefix?: string; newestFirst?: boolean; limit?: number } = {}) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: options.prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(options.prefix ? { ':p': options.prefix } : {}) },
          ScanIndexForward: !options.newestFirst,
          Limit: options.limit,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = options.limit && items.length >= options.limit ? undefined : page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** A JSON value, gzipped and split into parts under DynamoDB's item limit; the head item counts the parts. */
  private async putBlob(pk: string, sk: string, value: unknown): Promise<void> {
    const bytes = gzipSync(JSON.stringify(value));
    const parts = Math.max(1, Math.ceil(bytes.length / PART_BYTES));
    for (let i = 1; i < parts; i++) {
      const data = bytes.subarray(i * PART_BYTES, (i + 1) * PART_BYTES);
      await this.doc.send(
        new PutCommand({ TableName: this.table, Item: { pk: `${pk}#PART`, sk: `${sk}#${i}`, data } }),
      );
    }
    // The head goes last, so a reader never sees a head whose parts are not written yet.
    const head = { pk, sk, parts, data: bytes.subarray(0, PART_BYTES) };
    await this.doc.send(new PutCommand({ TableName: this.table, Item: head }));
  }

  private async getBlob<T>(pk: string, sk: string): Promise<T | undefined> {
    const head = (await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk, sk } }))).Item;
    if (!head) return undefined;
    return this.readBlob<T>(head);
  }

  private async readBlob<T>(head: Record<string, unknown>): Promise<T> {
    const chunks: Uint8Array[] = [head.data as Uint8Array];
    for (let i = 1; i < (head.parts as number); i++) {
      const part = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: { pk: `${head.pk}#PART`, sk: `${head.sk}#${i}` } }),
      );
      if (!part.Item) throw new StoreError(`store: part ${i} of ${head.pk}/${head.sk} is missing`);
      chunks.push(part.Item.data as Uint8Array);
    }
    return JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8')) as T;
  }

  getSpend(key: string) {
    return this.wrap('read cached spend', () => this.getBlob<SpendData>('SPEND', key));
  }

  putSpend(key: string, spend: SpendData) {
    return this.wrap('write cached spend', () => this.putBlob('SPEND', key, spend));
  }

  listFindings() {
    return this.wrap('list findings', async () =>
      (await this.queryAll('FINDING')).map((item) => item.finding as Finding),
    );
  }

  getFinding(id: string) {
    return this.wrap('read a finding', async () => {
      const item = (await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: 'FINDING', sk: id } })))
        .Item;
      return item?.finding as Finding | undefined;
    });
  }

  putFindings(findings: Finding[]) {
    return this.wrap('write findings', async () => {
      for (let i = 0; i < findings.length; i += 25) {
        let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] = findings
          .slice(i, i + 25)
          .map((finding) => ({ PutRequest: { Item: { pk: 'FINDING', sk: finding.id, finding } } }));
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt > 8) throw new StoreError('store: DynamoDB kept returning unprocessed findings');
          const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests } }));
          requests = out.UnprocessedItems?.[this.table] ?? [];
          if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        }
      }
    });
  }

  setState(id: string, change: StateRequest, now: Date) {
    return this.wrap('change a finding state', async () => {
      // Optimistic lock on the history length: two clicks at once cannot both rewrite the same history. The one that
      // loses reads the finding again and applies its change on top, a few times before it gives up.
      for (let attempt = 0; attempt < STATE_ATTEMPTS; attempt++) {
        const current = await this.getFinding(id);
        if (!current) return undefined;
        const updated = applyState(current, change, now);
        try {
          await this.doc.send(
            new PutCommand({
              TableName: this.table,
              Item: { pk: 'FINDING', sk: id, finding: updated },
              ConditionExpression: 'size(finding.history) = :n',
              ExpressionAttributeValues: { ':n': current.history.length },
            }),
          );
          return updated;
        } catch (err) {
          if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
        }
      }
      throw new ChangedMeanwhileError(`store: finding ${id} kept changing while it was being changed`);
    });
  }

  putSnapshot(snapshot: Snapshot) {
    return this.wrap('write the snapshot', () => this.putBlob('SNAPSHOT', snapshot.asOf, snapshot));
  }

  latestSnapshot() {
    return this.wrap('read the latest snapshot', async () => {
      const [head] = await this.queryAll('SNAPSHOT', { newestFirst: true, limit: 1 });
      return head ? this.readBlob<Snapshot>(head) : undefined;
    });
  }

  claim(key: string, expiresAt: Date) {
    return this.wrap('claim a notification', async () => {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: { pk: 'CLAIM', sk: key, expiresAt: epochSeconds(expiresAt) },
            // TTL deletes late (and dynalite never does): an expired claim counts as free.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': epochSeconds(new Date()) },
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    });
  }

  release(key: string) {
    return this.wrap('release a claim', async () => {
      await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: 'CLAIM', sk: key } }));
    });
  }

  enqueue(entry: Pick<OutboxEntry, 'key' | 'transport' | 'payload' | 'createdAt'>, expiresAt: Date) {
    return this.wrap('record a message in the outbox', async () => {
      const fresh: OutboxEntry = { ...entry, state: 'pending', attempts: 0 };
      const { payload, ...rest } = fresh;
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: {
              pk: 'OUTBOX',
              sk: entry.key,
              ...rest,
              payload: gzipSync(JSON.stringify(payload)),
              expiresAt: epochSeconds(expiresAt),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return fresh;
      } catch (err) {
        if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      }
      return (await this.getOutbox(entry.key)) as OutboxEntry;
    });
  }

  getOutbox(key: string) {
    return this.wrap('read the outbox', async () => {
      const kept = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: { pk: 'OUTBOX', sk: key }, ConsistentRead: true }),
      );
      return kept.Item ? outboxEntry(kept.Item) : undefined;
    });
  }

  markOutbox(key: string, from: OutboxState, to: OutboxState, at: Date, sentId?: string) {
    return this.wrap('mark a message in the outbox', async () => {
      try {
        await this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { pk: 'OUTBOX', sk: key },
            UpdateExpression: `SET #state = :to, updatedAt = :at, attempts = attempts + :n${sentId ? ', sentId = :id' : ''}`,
            ConditionExpression: '#state = :from',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':to': to,
              ':from': from,
              ':n': to === 'sending' ? 1 : 0,
              ':at': at.toISOString(),
              ...(sentId ? { ':id': sentId } : {}),
            },
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    });
  }

  unsent() {
    return this.wrap('read the outbox', async () =>
      (await this.queryAll('OUTBOX'))
        .map(outboxEntry)
        .filter((e) => e.state !== 'sent')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key)),
    );
  }

  listSchedules() {
    return this.wrap('list schedules', async () =>
      (await this.queryAll('SCHEDULE')).map((item) => item.schedule as ScheduleRecord),
    );
  }

  putSchedule(record: ScheduleRecord, historyLength: number) {
    return this.wrap('write a schedule', async () => {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: { pk: 'SCHEDULE', sk: record.id, schedule: record },
            // Optimistic lock on the history, as for finding states: two admins at once cannot both win.
            ConditionExpression: historyLength === 0 ? 'attribute_not_exists(pk)' : 'size(#schedule.history) = :n',
            ...(historyLength === 0
              ? {}
              : {
                  ExpressionAttributeNames: { '#schedule': 'schedule' },
                  ExpressionAttributeValues: { ':n': historyLength },
                }),
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    });
  }

  close() {
    return this.onClose();
  }
}

/** An outbox item as the Store hands it out: the payload unzipped, the table's own attributes left behind. */
function outboxEntry(item: Record<string, unknown>): OutboxEntry {
  const { pk: _pk, sk, expiresAt: _ttl, payload, ...rest } = item;
  return {
    ...(rest as Omit<OutboxEntry, 'key' | 'payload'>),
    key: String(sk),
    payload: JSON.parse(gunzipSync(payload as Uint8Array).toString('utf8')),
  };
}
