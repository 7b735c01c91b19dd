import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Recorder } from '../../src/aws/cassette';
import { main } from '../../src/cli/main';
import { loadConfig } from '../../src/config';
import { runDaily } from '../../src/jobs/daily';
import { recordingSample } from '../helpers/sample-aws';
import { tempDir } from '../ledger/helpers';

describe('durion-cost CLI', () => {
  let tmp: ReturnType<typeof tempDir>;
  let stderr: string;
  beforeEach(() => {
    tmp = tempDir();
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    tmp.cleanup();
  });

  const paths = () => ['--out', join(tmp.dir, 'out'), '--store', join(tmp.dir, 'store')];

  it('refuses an --as-of that is not a date, with exit code 2 and the value named', async () => {
    expect(await main(['run', '--sample', '--as-of', '2026-13-45', ...paths()])).toBe(2);
    expect(stderr).toMatch(/--as-of must be a date written YYYY-MM-DD; got "2026-13-45"/);
  });

  it('replays an organization cassette through each member account, as its cassette.json says it was recorded', async () => {
    // Record the sample organization as `record` keeps what AWS answers, ids as the cassette's fakes.
    const recorder = new Recorder();
    const aws = recordingSample('2026-11-20', recorder);
    const config = loadConfig({ DURION_ACCOUNTS: 'organization' });
    await runDaily({
      aws,
      asOf: '2026-11-20',
      config,
      outDir: join(tmp.dir, 'rec'),
      storeDir: join(tmp.dir, 'rec-store'),
    });
    const cassette = join(tmp.dir, 'cassette');
    recorder.write(cassette);
    writeFileSync(join(cassette, 'cassette.json'), JSON.stringify({ asOf: '2026-11-20', accounts: 'organization' }));
    expect(recorder.scrub('222222222222')).toBe('100000000002'); // the same fake as the member's folder

    expect(await main(['run', '--cassette', cassette, ...paths()]), stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(tmp.dir, 'out', 'run.json'), 'utf8'));
    expect(Object.keys(report.callsByAccount).sort()).toEqual(['(own)', '100000000002', '100000000003']);
  });

  it('grows the sample organization with --sample-accounts, and refuses a size it cannot make', async () => {
    expect(await main(['run', '--sample', '--sample-accounts', '5', '--as-of', '2026-11-20', ...paths()])).toBe(0);
    const report = JSON.parse(readFileSync(join(tmp.dir, 'out', 'run.json'), 'utf8'));
    expect(Object.keys(report.callsByAccount).sort()).toEqual([
      '(own)',
      '222222222222',
      '333333333333',
      '500000000001',
      '500000000002',
    ]);
    const findings = JSON.parse(readFileSync(join(tmp.dir, 'out', 'findings.json'), 'utf8')) as { accountId: string }[];
    expect(findings.some((f) => f.accountId === '500000000002')).toBe(true);
    expect(await main(['run', '--sample', '--sample-accounts', '2', ...paths()])).toBe(2);
    expect(stderr).toMatch(/--sample-accounts takes a whole number from 3 to 5000, with --sample; got "2"/);
    expect(await main(['run', '--sample-accounts', '10', ...paths()])).toBe(2);
  });

  it.each(['run', 'record', 'slash', 'detect', 'rules', 'help'])(
    'prints the usage of `%s --help` and exits 0, running nothing',
    async (name) => {
      let stdout = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        stdout += String(chunk);
        return true;
      });

      expect(await main([name, '--help', ...paths()])).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: durion-cost ${name}\\b`));
      expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
      expect(stderr).toBe('');
    },
  );

  it('refuses unknown flags and commands with exit code 2', async () => {
    expect(await main(['run', '--sampel'])).toBe(2);
    expect(await main(['frobnicate'])).toBe(2);
    expect(stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('names a missing cassette folder and writes nothing to the store', async () => {
    expect(await main(['run', '--cassette', join(tmp.dir, 'missing'), ...paths()])).toBe(2);
    expect(stderr).toMatch(/cassette folder .*missing does not exist/);
  });

  it('names the call a cassette has no answer for', async () => {
    mkdirSync(join(tmp.dir, 'cassette', 'sts'), { recursive: true });
    writeFileSync(
      join(tmp.dir, 'cassette', 'sts', 'GetCallerIdentity.json'),
      JSON.stringify([{ input: {}, output: { Account: '100000000001' } }]),
    );
    expect(await main(['run', '--cassette', join(tmp.dir, 'cassette'), '--as-of', '2026-11-20', ...paths()])).toBe(2);
    expect(stderr).toMatch(/has no answer for ce GetCostAndUsage/);
  });

  it('points at --sample when live mode finds no credentials', async () => {
    for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) {
      vi.stubEnv(key, undefined);
    }
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(tmp.dir, 'none'));
    vi.stubEnv('AWS_CONFIG_FILE', join(tmp.dir, 'none'));
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    expect(await main(['run', '--as-of', '2026-11-20', ...paths()])).toBe(2);
    expect(stderr).toMatch(/no AWS credentials found.*--sample/);
  });
});
