import { mintToken } from '../security/auth.js';
import { UsageError, parseOptions, type Command } from './command.js';
import { devSecretFor } from './serve.js';

const usage = `Usage: campus-cockpit token --role <role> [--id <subject>] [--college <id>] [--claim name=value …]
                            [--db warehouse.duckdb] [--hours 8]

Mints a development bearer token (HS256) that \`campus-cockpit serve --dev\` accepts: signed with
$CC_JWT_SECRET, or with the secret the dev server keeps beside the warehouse (<db>.dev-secret).

Options:
  --role <role>         role claim: admin, leader, dean, analyst, staff, student (required)
  --id <subject>        subject (sub): the student or staff number, for roles whose rows are their own
  --college <id>        college claim (a dean's college id, e.g. 01)
  --claim name=value    any other claim (repeatable)
  --db <file>           warehouse whose dev secret to use (default warehouse.duckdb)
  --hours <n>           lifetime in hours (default 8)
  -h, --help            show this help`;

export const tokenCommand: Command = {
  summary: 'mint a development token for a role (for serve --dev)',
  usage,
  async run(args) {
    const values = parseOptions(args, {
      role: { type: 'string' },
      id: { type: 'string' },
      college: { type: 'string' },
      claim: { type: 'string', multiple: true },
      db: { type: 'string' },
      hours: { type: 'string' },
    });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    if (!values.role || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(values.role) || values.role === 'public') {
      throw new UsageError('--role is required: a role name such as student, dean or admin (not public).');
    }
    const hours = values.hours === undefined ? 8 : Number(values.hours);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)
      throw new UsageError(`--hours must be a number from 0 to 720, got "${values.hours}".`);
    const claims: Record<string, unknown> = { role: values.role };
    if (values.id) claims.sub = values.id;
    if (values.college) claims.college = values.college;
    for (const pair of values.claim ?? []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--claim takes name=value, got "${pair}".`);
      claims[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    const db = values.db ?? 'warehouse.duckdb';
    const secret = devSecretFor(db, false);
    if (!secret) {
      throw new UsageError(
        `No development secret: set CC_JWT_SECRET, or start \`campus-cockpit serve --dev --db ${db}\` once to create ${db}.dev-secret.`,
      );
    }
    console.log(await mintToken(secret, claims, Math.round(hours * 3600)));
    return 0;
  },
};
