import type { CommandName, CommandOutput, ParsedInput } from '../../shared/api';
import type { Engine } from '../engine';
import type { JobManager } from '../jobs/manager';

/** What every handler gets: the engine, the background jobs, and where uploads may be written. */
export interface HandlerContext {
  engine: Engine;
  jobs: JobManager;
  /** Serve mode --read-only (or a read-only database): commands that write are refused before they run. */
  readOnly: boolean;
  /** A folder for files uploaded through import/upload. */
  uploadsDir: string;
  /** The desktop app's native file/folder dialog; absent in serve mode (a browser uploads instead). */
  choosePaths?: (kind: 'files' | 'folder') => Promise<string[]>;
}

export type Handler<N extends CommandName> = (input: ParsedInput<N>, ctx: HandlerContext) => Promise<CommandOutput<N>> | CommandOutput<N>;

/** A per-domain slice of the handler map. */
export type HandlerSlice<K extends CommandName> = { [N in K]: Handler<N> };

/** Every command has exactly one handler: the compiler checks the merged map against this. */
export type HandlerMap = { [N in CommandName]: Handler<N> };
