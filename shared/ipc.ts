/** Electron IPC channel names: the preload and the main process both import these, nothing else spells them. */
export const INVOKE_CHANNEL = 'embedops:invoke';
export const EVENT_CHANNEL = 'embedops:event';

/** What the main process returns for an invoke: errors travel as data, because Electron flattens thrown errors. */
export type InvokeResult = { data: unknown } | { error: { code: string; message: string } };
