import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteDatabase } from '../platform/node/sqlite-database.js';
import { systemClock } from '../platform/ports.js';
import { AdminCommandError, createAccount, listAccounts, resetPassword } from '../setup/admin-commands.js';
import { nodeConfigSchema } from './node-config.js';

// Operator commands on the Node database (the same DATA_DIR / DATABASE_PATH as `npm start`):
//   npm run admin -- list-accounts
//   npm run admin -- create-account --username wang.li --name 王丽 --role school_officer --school <id or name>
//   npm run admin -- create-account --username zhou --name 周主任 --role district_officer --district 明白县
//   npm run admin -- reset-password --username wang.li [--password …]
// Without --password a random one is generated and printed once.

const USAGE = `usage: npm run admin -- <command> [options]
  list-accounts
  create-account --username U --name N --role ROLE [--school ID|NAME] [--district ID|NAME] [--password P]
  reset-password --username U [--password P]
roles: class_teacher, school_officer, school_leader, principal, district_officer`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    school: { type: 'string' },
    district: { type: 'string' },
    password: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const nodeConfig = nodeConfigSchema.parse(process.env);
const database = openSqliteDatabase(nodeConfig.DATABASE_PATH ?? join(nodeConfig.DATA_DIR, 'mingbai.db'));
const deps = { database, clock: systemClock };

async function run(command: string | undefined): Promise<void> {
  switch (command) {
    case 'list-accounts': {
      const rows = await listAccounts(deps);
      if (rows.length === 0) console.log('no accounts yet (first-run setup: open /console/setup)');
      for (const row of rows) {
        const school = row.school ? `${row.school} (${row.schoolId})` : '-';
        console.log(
          [row.username, row.name, row.role, school, row.disabled ? 'disabled' : 'active'].join('\t'),
        );
      }
      return;
    }
    case 'create-account': {
      const created = await createAccount(deps, {
        username: values.username ?? '',
        name: values.name ?? '',
        role: values.role ?? '',
        school: values.school,
        district: values.district,
        password: values.password,
      });
      console.log(`created ${created.username}`);
      if (created.generated)
        console.log(`password: ${created.password}  (shown once; tell the person in person)`);
      return;
    }
    case 'reset-password': {
      const reset = await resetPassword(deps, { username: values.username ?? '', password: values.password });
      console.log(`password of ${reset.username} reset; its sessions are logged out`);
      if (reset.generated) console.log(`password: ${reset.password}  (shown once)`);
      if (reset.disabled) console.log('note: this account is disabled; enable it in the console to log in');
      return;
    }
    default:
      console.log(USAGE);
      if (!values.help) process.exitCode = 2;
  }
}

try {
  await run(positionals[0]);
} catch (error) {
  if (!(error instanceof AdminCommandError)) throw error;
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
} finally {
  database.close();
}
