// After several wrong PINs in a row the desk makes that person wait, growing each time, so a PIN
// cannot be guessed at the desk while nobody watches. Kept per staff member, in memory. The
// central service throttles its online PIN check the same way, per building and staff member.
const FREE_ATTEMPTS = 5;
const BASE_WAIT_SECONDS = 30;

interface Record {
  failures: number;
  blockedUntil: number;
}

export class PinThrottle {
  private readonly records = new Map<string, Record>();

  secondsToWait(staffId: string, nowMs: number): number {
    const record = this.records.get(staffId);
    if (!record) return 0;
    return Math.max(0, Math.ceil((record.blockedUntil - nowMs) / 1000));
  }

  recordFailure(staffId: string, nowMs: number): void {
    const record = this.records.get(staffId) ?? { failures: 0, blockedUntil: 0 };
    record.failures += 1;
    if (record.failures >= FREE_ATTEMPTS) {
      const doublings = record.failures - FREE_ATTEMPTS;
      record.blockedUntil = nowMs + BASE_WAIT_SECONDS * 1000 * 2 ** Math.min(doublings, 6);
    }
    this.records.set(staffId, record);
  }

  recordSuccess(staffId: string): void {
    this.records.delete(staffId);
  }
}
