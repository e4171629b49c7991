import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { EVENT_NAMES } from '../../shared/api';
import { toErrorPayload } from '../../shared/errors';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type InvokeResult } from '../../shared/ipc';
import { dispatch } from '../handlers';
import type { HandlerContext } from '../handlers/types';
import { APP_ORIGIN } from './protocol';

/** Only our own pages may call the engine: a frame from anywhere else (it should never exist) is refused. */
function trusted(frame: WebFrameMain | null): boolean {
  return !!frame && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/** Wires the contract to IPC: one invoke channel for commands, one event channel to every live window. */
export function wireIpc(ctx: HandlerContext, windows: () => WebContents[]): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name: unknown, input: unknown): Promise<InvokeResult> => {
    if (!trusted(event.senderFrame)) return { error: { code: 'refused', message: 'IPC from an untrusted frame was refused.' } };
    try {
      return { data: await dispatch(String(name), input, ctx) };
    } catch (err) {
      return { error: toErrorPayload(err) };
    }
  });
  const forwarders = EVENT_NAMES.map((name) => {
    const forward = (payload: unknown) => {
      for (const wc of windows()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, name, payload);
    };
    ctx.jobs.on(name, forward);
    return () => ctx.jobs.off(name, forward);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    for (const off of forwarders) off();
  };
}
