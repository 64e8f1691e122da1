import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, BRIDGE_METHODS, bridgeChannel } from '../shared/bridge/contract';
import { SAMPLE_ARGS } from '../shared/bridge/contractSamples';

// The preload runs its exposeInMainWorld call on import; electron is mocked to capture it.
const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn((channel: string, ...args: unknown[]) => Promise.resolve({ channel, args })),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke },
}));

let exposed: Record<string, unknown>;

beforeAll(async () => {
  await import('./preload');
  expect(electron.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, api] = electron.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
  expect(name).toBe(BRIDGE_GLOBAL);
  exposed = api;
});

describe('preload', () => {
  it('exposes exactly the contract methods, all functions, and nothing else', () => {
    expect(Object.keys(exposed).sort()).toEqual([...BRIDGE_METHODS].sort());
    for (const method of BRIDGE_METHODS) expect(typeof exposed[method]).toBe('function');
    expect(exposed).not.toHaveProperty('invoke');
    expect(exposed).not.toHaveProperty('ipcRenderer');
  });

  it.each(BRIDGE_METHODS)('%s invokes its own channel with the arguments and returns the reply', async (method) => {
    electron.invoke.mockClear();
    const call = exposed[method] as (...args: readonly unknown[]) => Promise<unknown>;
    const reply = await call(...SAMPLE_ARGS[method]);
    expect(electron.invoke).toHaveBeenCalledTimes(1);
    expect(electron.invoke).toHaveBeenCalledWith(bridgeChannel(method), ...SAMPLE_ARGS[method]);
    expect(reply).toEqual({ channel: bridgeChannel(method), args: SAMPLE_ARGS[method] });
  });

  it('passes a rejection from the main process through', async () => {
    electron.invoke.mockRejectedValueOnce(new Error('[bridge.forbidden_sender] getSettings: subframe'));
    const getSettings = exposed.getSettings as () => Promise<unknown>;
    await expect(getSettings()).rejects.toThrow('bridge.forbidden_sender');
  });
});
