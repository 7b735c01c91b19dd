/**
 * Where the organization's fan-out keeps a run between its steps: the work list (accounts, work items, the notes of
 * listing them) and one object per slice. S3 in AWS, since a slice of a large account can exceed DynamoDB's 400 KB
 * item limit; memory on the local runner, as JSON too, so both paths carry exactly what S3 would.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Aws } from '../aws';
import { reviveDates } from '../aws/replay';
import type { Note } from '../domain/note';
import type { Account } from './accounts';
import type { Slice, WorkItem } from './organization';

/** One execution of the fan-out: the day it reads and a name unique to it (the state machine's execution name). */
export interface RunRef {
  asOf: string;
  id: string;
}

/** What the list step hands to the others. */
export interface WorkList {
  accounts: Account[];
  items: WorkItem[];
  notes: Note[];
}

export interface SliceStore {
  /** Keeps the work list, and its items alone as a JSON array (what the state machine's Map reads); returns that key. */
  putWorkList(run: RunRef, list: WorkList): Promise<string>;
  workList(run: RunRef): Promise<WorkList | undefined>;
  putSlice(run: RunRef, slice: Slice): Promise<string>;
  slice(run: RunRef, item: WorkItem): Promise<Slice | undefined>;
}

/** The S3 write and read actions of the S3 store, on its bucket only (serverless.yml's state machine roles). */
export const SLICE_STORE_IAM_ACTIONS = ['s3:PutObject', 's3:GetObject'] as const;

const prefix = (run: RunRef) => `runs/${run.asOf}/${run.id}`;
/** The key of a run's work list (accounts, items, the notes of listing them), for the aggregate step. */
export const workListKey = (run: RunRef) => `${prefix(run)}/work-list.json`;
/** The key of a run's work items alone, a JSON array: the state machine's Map reads its items from it. */
export const itemsKey = (run: RunRef) => `${prefix(run)}/items.json`;
export const sliceKey = (run: RunRef, item: WorkItem) => `${prefix(run)}/slices/${item.accountId}/${item.region}.json`;

/** A slice from JSON: Compute Optimizer's timestamps become Dates again, as the SDK gives them. */
const sliceFrom = (text: string): Slice => {
  const slice = JSON.parse(text) as Slice;
  return { ...slice, optimizer: reviveDates(slice.optimizer) as Slice['optimizer'] };
};

/** A store over get and put of JSON text by key. */
function storeOver(
  put: (key: string, body: string) => Promise<void>,
  get: (key: string) => Promise<string | undefined>,
) {
  return {
    async putWorkList(run, list) {
      await put(workListKey(run), JSON.stringify(list));
      await put(itemsKey(run), JSON.stringify(list.items));
      return itemsKey(run);
    },
    async workList(run) {
      const text = await get(workListKey(run));
      return text === undefined ? undefined : (JSON.parse(text) as WorkList);
    },
    async putSlice(run, slice) {
      const key = sliceKey(run, slice.item);
      await put(key, JSON.stringify(slice));
      return key;
    },
    async slice(run, item) {
      const text = await get(sliceKey(run, item));
      return text === undefined ? undefined : sliceFrom(text);
    },
  } satisfies SliceStore;
}

/** The local runner's store. */
export function memorySliceStore(): SliceStore {
  const objects = new Map<string, string>();
  return storeOver(
    async (key, body) => {
      objects.set(key, body);
    },
    async (key) => objects.get(key),
  );
}

/** The state machine's store: one S3 bucket (its lifecycle expires runs after a few days). */
export function s3SliceStore(aws: Aws, bucket: string): SliceStore {
  const s3 = aws.client(S3Client);
  return storeOver(
    async (key, body) => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
    },
    async (key) => {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await out.Body?.transformToString();
      } catch (err) {
        if ((err as Error).name === 'NoSuchKey') return undefined;
        throw err;
      }
    },
  );
}
