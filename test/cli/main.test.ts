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
    // The digest's charts, drawn to PNG beside the digest.
    for (const chart of ['chart-spend.png', 'chart-services.png']) {
      expect([...readFileSync(join(tmp.dir, 'out', chart)).subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    }
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
    expect(await main(['run', ...paths()])).toBe(2);
    expect(stderr).toMatch(/no AWS credentials found.*--sample/);
  });

  it.each([
    ['ExpiredTokenException', 'The security token included in the request is expired', /have expired: refresh them/],
    ['AccessDenied', 'not authorized to perform: sts:GetCallerIdentity', /Check AWS_PROFILE/],
  ])('names refused credentials (%s) with exit code 2 and no stack trace', async (name, message, advice) => {
    mkdirSync(join(tmp.dir, 'cassette', 'sts'), { recursive: true });
    writeFileSync(
      join(tmp.dir, 'cassette', 'sts', 'GetCallerIdentity.json'),
      JSON.stringify([{ input: {}, error: { name, message } }]),
    );
    expect(await main(['run', '--cassette', join(tmp.dir, 'cassette'), '--as-of', '2026-11-20', ...paths()])).toBe(2);
    expect(stderr).toMatch(new RegExp(`AWS refused the credentials \\(sts:GetCallerIdentity: ${name}`));
    expect(stderr).toMatch(advice);
    expect(stderr).toMatch(/\[E_CREDENTIALS\]/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses --out or --store naming a file before anything runs, and a folder it cannot make', async () => {
    writeFileSync(join(tmp.dir, 'taken'), 'a file');
    const store = join(tmp.dir, 'store');
    expect(await main(['run', '--sample', '--out', join(tmp.dir, 'taken'), '--store', store])).toBe(2);
    expect(stderr).toMatch(/--out .*taken: is a file, not a folder \[E_USAGE\]/);
    expect(existsSync(store)).toBe(false);
    expect(await main(['run', '--sample', '--out', join(tmp.dir, 'o'), '--store', join(tmp.dir, 'taken', 'x')])).toBe(
      2,
    );
    expect(stderr).toMatch(/--store .*taken.x: .*taken is a file, not a folder/);
    expect(await main(['record', '--out', join(tmp.dir, 'taken')])).toBe(2);
  });

  it('names a cassette.json that is not JSON as a cassette error', async () => {
    mkdirSync(join(tmp.dir, 'cassette'), { recursive: true });
    writeFileSync(join(tmp.dir, 'cassette', 'cassette.json'), '{ not json');
    expect(await main(['run', '--cassette', join(tmp.dir, 'cassette'), ...paths()])).toBe(2);
    expect(stderr).toMatch(/cassette\.json is not JSON: .*\[E_CASSETTE\]/);
  });

  it('refuses an --as-of before Cost Explorer began, and a live one older than the 13 months it keeps', async () => {
    expect(await main(['run', '--sample', '--as-of', '1900-01-01', ...paths()])).toBe(2);
    expect(stderr).toMatch(/--as-of 1900-01-01 is before 2017-10-25: Cost Explorer began on that day/);
    expect(await main(['record', '--out', join(tmp.dir, 'rec'), '--as-of', '2020-01-01'])).toBe(2);
    expect(stderr).toMatch(/--as-of 2020-01-01 is before \d{4}-\d{2}-01: Cost Explorer keeps 13 months/);
  });

  it('writes control characters of a bad value as \\xNN, never raw to the terminal', async () => {
    expect(await main(['run', '--sample', '--as-of', 'x\u001b[2Jy', ...paths()])).toBe(2);
    expect(stderr).toContain('x\\x1b[2Jy');
    expect(stderr).not.toContain('\u001b');
  });
});
