import 'aws-sdk-client-mock-vitest/extend';

// Tests never reach AWS: a stray live client fails fast instead of searching for credentials.
process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLETESTONLY';
process.env.AWS_SECRET_ACCESS_KEY = 'test-only-not-a-secret';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
