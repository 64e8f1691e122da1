import type { LogFields, LogLevel } from '../../shared/bridge/contract';
import { getBridge } from '../bridge';

/** Log an event code with opaque ids and numbers; the host redacts and stores it. Never throws. */
export function logEvent(level: LogLevel, code: string, fields: LogFields = {}): void {
  getBridge()
    .log(level, code, fields)
    .catch(() => undefined);
}
