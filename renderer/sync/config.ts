import { z } from 'zod';
import type { DeskDatabase } from '../db/database';

/** Meta key of the central service this desk syncs with; absent until the desk is enrolled. */
export const SERVER_CONFIG_KEY = 'syncServer';

const ServerConfig = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export async function readServerConfig(db: DeskDatabase): Promise<ServerConfig | null> {
  const entry = await db.meta.get(SERVER_CONFIG_KEY);
  const parsed = ServerConfig.safeParse(entry?.value);
  return parsed.success ? parsed.data : null;
}

/** Written by enrollment (next milestone); null forgets the server and the desk works locally. */
export async function writeServerConfig(db: DeskDatabase, config: ServerConfig | null): Promise<void> {
  if (config === null) await db.meta.delete(SERVER_CONFIG_KEY);
  else await db.meta.put({ key: SERVER_CONFIG_KEY, value: ServerConfig.parse(config) });
}
