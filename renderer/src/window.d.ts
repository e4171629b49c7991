import type { Api } from '../../shared/api';

declare global {
  interface Window {
    /** The Electron preload's bridge; absent in a browser (serve mode), where HTTP + SSE is used instead. */
    api?: Api;
  }
}

export {};
