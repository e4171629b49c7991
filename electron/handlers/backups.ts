import { createBackup, listBackups, restoreBackup } from '../services/backups';
import type { HandlerSlice } from './types';

/**
 * Restore through the API swaps the database under the running app: the service refuses while any
 * run is active, then closes the connection and reopens `engine.db` on the restored file. The job
 * manager and every handler read `engine.db` afresh on each call, so they follow the swap.
 */
export const backupHandlers: HandlerSlice<'backups/list' | 'backups/create' | 'backups/restore'> = {
  'backups/list': (_input, { engine }) => listBackups(engine),
  'backups/create': ({ to }, { engine }) => createBackup(engine, { to, reason: 'manual' }),
  'backups/restore': ({ file }, { engine }) => restoreBackup(engine, file),
};
