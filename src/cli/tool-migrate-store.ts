import { UserError } from '../core/errors.js';
import { createLogger } from '../log.js';
import { runMigrateStore } from '../store/migrate-store.js';
import { ONE_SHOT_CONNECT } from '../store/open-store.js';
import type { Tool } from './tools.js';
import { toolArgs } from './tools.js';

/** `briefbot migrate-store --from sqlite:PATH --to postgres://…`: copies a store across and verifies the counts. */
const migrate: Tool = async (args) => {
  const { values } = toolArgs(args, { from: { type: 'string' }, to: { type: 'string' } });
  if (!values.from || !values.to)
    throw new UserError(
      'MISSING_OPTION',
      'Usage: briefbot migrate-store --from sqlite:PATH --to postgres://user@host/db',
    );
  // Retries and the final failure are the one message the error handler prints, not log lines with stacks.
  const logger = createLogger({ destination: 2, level: process.env.LOG_LEVEL ? 'warn' : 'error' });
  const report = await runMigrateStore(
    { from: values.from as string, to: values.to as string },
    { logger, connect: ONE_SHOT_CONNECT },
  );
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${JSON.stringify(report, null, 2)}\n`);
  return 0;
};
export default migrate;
