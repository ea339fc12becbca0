import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { schools } from '../../src/db/schema.js';
import {
  AdminCommandError,
  createAccount,
  listAccounts,
  resetPassword,
} from '../../src/setup/admin-commands.js';
import { ConsoleClient } from '../support/console-client.js';
import { makeTempDir } from '../support/temp-dir.js';
import { makeTestDeps } from '../support/test-deps.js';

describe('operator commands (npm run admin)', () => {
  let harness: ReturnType<typeof makeTestDeps>;
  beforeEach(() => {
    harness = makeTestDeps();
  });
  afterEach(() => harness.close());

  it('creates the first district officer and district, then school accounts, and they can log in', async () => {
    await expect(
      createAccount(harness.deps, { username: 'zhou', name: '周主任', role: 'district_officer' }),
    ).rejects.toThrow(/--district/);
    const officer = await createAccount(harness.deps, {
      username: 'zhou',
      name: '周主任',
      role: 'district_officer',
      district: '清溪县',
    });
    expect(officer.generated).toBe(true);
    expect(officer.password).toHaveLength(16);
    await expect(
      createAccount(harness.deps, { username: '王丽', name: '王丽', role: 'school_officer', school: 'x' }),
    ).rejects.toBeInstanceOf(AdminCommandError);
    const [district] = await listAccounts(harness.deps);
    expect(district).toMatchObject({ username: 'zhou', role: 'district_officer', disabled: false });

    const app = createApp(harness.deps);
    const browser = new ConsoleClient(async (path, init) => app.request(path, init));
    expect((await browser.logIn('zhou', officer.password)).status).toBe(303);
    await browser.post('/console/schools', {
      schoolName: '清溪县中心小学',
      stage: 'primary',
      ownership: 'public',
      residence: 'rural',
    });
    const [school] = await harness.deps.database.db.select().from(schools);
    const teacher = await createAccount(harness.deps, {
      username: 'wang.li',
      name: '王丽',
      role: 'class_teacher',
      school: '清溪县中心小学',
      password: 'chosen-password-1',
    });
    expect(teacher.generated).toBe(false);
    expect((await listAccounts(harness.deps)).find((row) => row.username === 'wang.li')?.schoolId).toBe(
      school!.id,
    );

    // A reset logs the old session out and the new password works.
    const reset = await resetPassword(harness.deps, { username: 'zhou' });
    expect((await browser.get('/console')).status).toBe(302);
    expect(
      (await new ConsoleClient(async (path, init) => app.request(path, init)).logIn('zhou', reset.password))
        .status,
    ).toBe(303);
    await expect(resetPassword(harness.deps, { username: 'nobody' })).rejects.toThrow(/no account/);
    // Several password hashes (PBKDF2): slow on a busy machine.
  }, 30_000);
});

describe('the admin CLI process', () => {
  it('works on the Node database of DATA_DIR', () => {
    const data = makeTempDir('admin-cli');
    try {
      const root = resolve(import.meta.dirname, '../..');
      const run = (...args: string[]) =>
        execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/entry/admin-cli.ts'), ...args], {
          cwd: root,
          env: { ...process.env, DATA_DIR: data.path },
          encoding: 'utf8',
        });
      expect(run('list-accounts')).toContain('no accounts yet');
      const created = run(
        'create-account',
        '--username',
        'zhou',
        '--name',
        '周主任',
        '--role',
        'district_officer',
        '--district',
        '清溪县',
      );
      expect(created).toMatch(/password: \S{16}/);
      expect(run('list-accounts')).toMatch(/^zhou\t周主任\tdistrict_officer\t-\tactive$/m);
    } finally {
      data.remove();
    }
    // Three short Node processes: slow on a busy machine.
  }, 90_000);
});
