/** Typed errors. Each carries a stable code a user can search for, and the exit code the CLI uses. */
export class DurionError extends Error {
  readonly code: string = 'E_DURION';
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DurionError';
  }
}

/** The caller asked for something that cannot be done as asked: a bad flag, date, or value. */
export class UsageError extends DurionError {
  override readonly code = 'E_USAGE';
  override readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** An environment variable or option is missing or malformed. */
export class ConfigError extends DurionError {
  override readonly code = 'E_CONFIG';
  override readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** A cassette folder is missing, holds bad JSON, or has no answer for a call. */
export class CassetteError extends DurionError {
  override readonly code = 'E_CASSETTE';
  override readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CassetteError';
  }
}

/** Live mode found no AWS credentials. */
export class CredentialsError extends DurionError {
  override readonly code = 'E_CREDENTIALS';
  override readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CredentialsError';
  }
}

/** The finding store could not be opened, read or written. */
export class StoreError extends DurionError {
  override readonly code: string = 'E_STORE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** A finding changed under a state change every time it was tried again: someone else is changing it right now. */
export class ChangedMeanwhileError extends StoreError {
  override readonly code = 'E_CHANGED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChangedMeanwhileError';
  }
}

/** Slack's Web API refused a call (`ok: false`) or could not be reached. `slackError` is Slack's own error string. */
export class SlackError extends DurionError {
  override readonly code = 'E_SLACK';
  constructor(
    message: string,
    readonly slackError: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SlackError';
  }
}

/** An AWS listing returned a page token twice: what was read is incomplete. A note, not a stop: one listing is one gap. */
export class PagingError extends DurionError {
  override readonly code = 'E_PAGING';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PagingError';
  }
}

/** Errors that mean "the run cannot go on as asked": never turned into a note. */
export const isFatal = (err: unknown): err is DurionError =>
  err instanceof UsageError ||
  err instanceof ConfigError ||
  err instanceof CassetteError ||
  err instanceof CredentialsError;
