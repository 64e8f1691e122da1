import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, BRIDGE_METHODS, type Bridge } from '../../shared/bridge/contract';
import { isBridge, resolveBridge } from './index';

function stubBridge(): Bridge {
  return Object.fromEntries(BRIDGE_METHODS.map((method) => [method, vi.fn()])) as unknown as Bridge;
}

describe('resolveBridge', () => {
  it('uses the bridge the preload exposed', () => {
    const exposed = stubBridge();
    const fallback = vi.fn(stubBridge);
    expect(resolveBridge({ [BRIDGE_GLOBAL]: exposed }, fallback)).toBe(exposed);
    expect(fallback).not.toHaveBeenCalled();
  });

  it('falls back to the browser bridge when nothing (or something incomplete) is exposed', () => {
    const browser = stubBridge();
    expect(resolveBridge({}, () => browser)).toBe(browser);
    const { getSettings: _missing, ...incomplete } = stubBridge();
    expect(resolveBridge({ [BRIDGE_GLOBAL]: incomplete }, () => browser)).toBe(browser);
    expect(resolveBridge({ [BRIDGE_GLOBAL]: 'conserje' }, () => browser)).toBe(browser);
  });
});

describe('isBridge', () => {
  it('requires a function for every contract method', () => {
    expect(isBridge(stubBridge())).toBe(true);
    expect(isBridge({ ...stubBridge(), log: 'nope' })).toBe(false);
    expect(isBridge(null)).toBe(false);
  });
});
