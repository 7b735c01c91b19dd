import 'aws-sdk-client-mock-vitest/extend';
import { createRequire } from 'node:module';
import { afterAll } from 'vitest';

// Tests never reach AWS: a stray live client fails fast instead of searching for credentials.
process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLETESTONLY';
process.env.AWS_SECRET_ACCESS_KEY = 'test-only-not-a-secret';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

// Files share a worker's module cache (vitest.config.ts, isolate: false): a client mocked in one file must not answer
// in the next. aws-sdk-client-mock stubs the client's prototype in sinon's default sandbox; that sandbox is the one of
// the sinon it requires itself (CommonJS), not of an ESM import here, so it is loaded from beside it.
const mockLibrary = createRequire(import.meta.url).resolve('aws-sdk-client-mock');
const sinon = createRequire(mockLibrary)('sinon') as { restore: () => void };
afterAll(() => {
  sinon.restore();
});
