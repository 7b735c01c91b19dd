/** What a run could not read or must qualify. */
export const NOTE_KINDS = ['denied', 'throttled', 'opt-in', 'unavailable', 'estimated', 'disabled', 'error'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Something the run could not read or must qualify. Goes to run.json and the digest; never silently dropped. */
export interface Note {
  kind: NoteKind;
  /** `service:Operation` or a collector name. */
  source: string;
  message: string;
  region?: string;
  accountId?: string;
}
