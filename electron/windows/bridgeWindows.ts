// The webContents ids of windows the app created with the bridge preload. The IPC sender check
// consults it, so a bridge call is honoured only from a window we opened for that purpose (not
// from the label window, not from any other WebContents that might exist).

export interface BridgeWindowRegistry {
  add(webContentsId: number): void;
  remove(webContentsId: number): void;
  has(webContentsId: number): boolean;
}

export function createBridgeWindowRegistry(): BridgeWindowRegistry {
  const ids = new Set<number>();
  return {
    add: (id) => void ids.add(id),
    remove: (id) => void ids.delete(id),
    has: (id) => ids.has(id),
  };
}
