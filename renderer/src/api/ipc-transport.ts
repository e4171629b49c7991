import type { Api, CommandInput, CommandName, CommandOutput, EventName, Events } from '../../../shared/api';
import { toApiError, type ConnectionState, type Transport } from './transport';

/**
 * The desktop app: `window.api` from the preload. Errors crossing the context bridge lose their
 * custom fields, so they are rebuilt here; IPC has no link to lose, so the connection stays live.
 */
export class IpcTransport implements Transport {
  readonly kind = 'ipc';
  constructor(private readonly api: Api) {}

  async invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    try {
      return await this.api.invoke(name, input);
    } catch (err) {
      throw toApiError(err);
    }
  }

  subscribe<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void {
    return this.api.subscribe(name, listener);
  }

  onConnection(_listener: (state: ConnectionState) => void): () => void {
    return () => {};
  }
}
