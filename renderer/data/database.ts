import { DeskDatabase } from '../db/database';

let instance: DeskDatabase | null = null;

/** The desk's one local database for this window. */
export function deskDatabase(): DeskDatabase {
  instance ??= new DeskDatabase();
  return instance;
}
