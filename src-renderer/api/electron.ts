import type { LabApi, MethodName, MethodOutputs } from '../../src-main/contract/api.js';
import { ApiError } from './errors.js';
import type { RnnlabBridge, Transport } from './types.js';

/** The transport over the Electron preload bridge (`window.rnnlab`). */
export function electronTransport(bridge: RnnlabBridge): Transport {
  const api: LabApi = {
    async call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutputs[M]> {
      let reply;
      try {
        reply = await bridge.call(method, input);
      } catch (error) {
        throw new ApiError('IPC', `${method}: ${(error as Error).message ?? String(error)}`);
      }
      if (!reply.ok) throw ApiError.fromData(reply.error);
      return reply.value as MethodOutputs[M];
    },
    onEvent: (listener) => bridge.onEvent(listener),
  };
  return {
    kind: 'electron',
    api,
    async save(filename, data) {
      const payload = typeof data === 'string' ? data : new Uint8Array(await data.arrayBuffer());
      const result = await bridge.saveFile(filename, payload);
      return result.saved;
    },
    pickFile: async () => (await bridge.openFile()).path,
    onReconnect: () => () => {},
    onConnection: (listener) => {
      listener(true);
      return () => {};
    },
  };
}
