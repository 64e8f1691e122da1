import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

// Writes a file so that a crash or power cut at any moment leaves either the old content or the
// new content, never a truncated mix: write a temporary file beside the target, flush it to disk,
// then rename it over the target (an atomic replace on the same file system, also on Windows).

export interface AtomicWriteOptions {
  /** File mode for the new file, e.g. 0o600 for secrets. Ignored on Windows. */
  mode?: number;
}

export async function writeFileAtomic(
  filePath: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const tempPath = path.join(
    path.dirname(filePath),
    `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(tempPath, 'wx', options.mode ?? 0o666);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch (error: unknown) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(filePath));
}

/** Makes the rename itself durable on POSIX. Directories cannot be opened on Windows: best effort. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported on this platform or file system; the data itself is already flushed.
  }
}
