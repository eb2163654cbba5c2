import { join } from 'node:path';
import envPaths from 'env-paths';

/**
 * The database file: `--db` if given, else $RNNLAB_DB, else `rnnlab.db` in the user's data folder
 * (XDG_DATA_HOME/rnnlab on Linux, Application Support on macOS, %LOCALAPPDATA% on Windows).
 */
export function databasePath(flag?: string): string {
  if (flag) return flag;
  if (process.env.RNNLAB_DB) return process.env.RNNLAB_DB;
  return join(envPaths('rnnlab', { suffix: '' }).data, 'rnnlab.db');
}
