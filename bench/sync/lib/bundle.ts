import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Bundles a file of bench/sync into an IIFE for a page (init script or script tag). */
export async function bundle(entry: string): Promise<string> {
  const result = await build({ entryPoints: [join(HERE, '..', entry)], bundle: true, format: 'iife', write: false, platform: 'browser', target: 'chrome120', logLevel: 'silent' });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}
