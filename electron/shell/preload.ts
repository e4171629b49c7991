/**
 * The whole bridge between the sandboxed renderer and the main process: `window.api` with exactly
 * two functions, typed by the contract. Bundled into one file (sandboxed preloads cannot require
 * local modules).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Api, CommandName, EventName, Events } from '../../shared/api';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type InvokeResult } from '../../shared/ipc';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: string, payload: unknown) => {
  for (const l of listeners.get(name) ?? []) l(payload);
});

const api = {
  async invoke(name: CommandName, input: unknown) {
    const r = (await ipcRenderer.invoke(INVOKE_CHANNEL, name, input)) as InvokeResult;
    // A plain object, not an Error: the context bridge copies objects whole but strips an Error to
    // its message, and the renderer needs the code to tell "not found" from "refused".
    if ('error' in r) throw { name: 'ApiError', code: r.error.code, message: r.error.message };
    return r.data as never;
  },
  subscribe<E extends EventName>(name: E, listener: (payload: Events[E]) => void) {
    const set = listeners.get(name) ?? new Set<Listener>();
    listeners.set(name, set);
    set.add(listener as Listener);
    return () => void set.delete(listener as Listener);
  },
} satisfies Api;

contextBridge.exposeInMainWorld('api', api);
