import { createContext, useContext, type ReactNode } from 'react';
import { HttpTransport } from './http-transport';
import { IpcTransport } from './ipc-transport';
import { accessToken } from './token';
import type { Transport } from './transport';

/** IPC when the preload put `window.api` there (desktop app), else HTTP + SSE to this page's origin (serve mode). */
export function createTransport(): Transport {
  if (window.api) return new IpcTransport(window.api);
  return new HttpTransport(window.location.href, accessToken());
}

const TransportContext = createContext<Transport | null>(null);

export function TransportProvider({ transport, children }: { transport: Transport; children: ReactNode }) {
  return <TransportContext.Provider value={transport}>{children}</TransportContext.Provider>;
}

export function useTransport(): Transport {
  const t = useContext(TransportContext);
  if (!t) throw new Error('useTransport needs a <TransportProvider> above it');
  return t;
}
