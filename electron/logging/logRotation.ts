import { renameSync, rmSync, truncateSync } from 'node:fs';
import path from 'node:path';

// Log rotation for electron-log's archiveLogFn: main.log -> main.1.log -> ... -> main.<keep>.log,
// the oldest dropped. Archives keep the .log extension so electron-log's readAllLogs() still
// finds them. electron-log requires this to run synchronously and to move the current file away.

export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_ARCHIVES_KEPT = 5;

export interface RotationFs {
  renameSync(from: string, to: string): void;
  rmSync(target: string, options: { force: true }): void;
  truncateSync(target: string, length: number): void;
}

const nodeFs: RotationFs = { renameSync, rmSync, truncateSync };

export function archivePath(logPath: string, index: number): string {
  const { dir, name, ext } = path.parse(logPath);
  return path.join(dir, `${name}.${index}${ext}`);
}

/** Returns false when the current file could not be moved and was emptied instead. */
export function rotateLogFile(logPath: string, keep: number = LOG_ARCHIVES_KEPT, fs: RotationFs = nodeFs): boolean {
  fs.rmSync(archivePath(logPath, keep), { force: true });
  for (let index = keep - 1; index >= 1; index -= 1) {
    try {
      fs.renameSync(archivePath(logPath, index), archivePath(logPath, index + 1));
    } catch {
      // That archive does not exist yet (or is locked): keep going, the cap still holds.
    }
  }
  try {
    fs.renameSync(logPath, archivePath(logPath, 1));
    return true;
  } catch {
    // Locked (Windows antivirus) or gone: losing this file's lines beats growing without bound.
    try {
      fs.truncateSync(logPath, 0);
    } catch {
      // Nothing more to do; electron-log resets its own size counter afterwards.
    }
    return false;
  }
}
