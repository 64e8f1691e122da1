import type { Amenity, Booking, BookingStatus } from '../../shared/domain/bookings';
import type { Random } from '../../shared/demo/random';
import type { MutationRequest } from '../../shared/mutations/registry';
import { CHECK_IN_EARLY_MINUTES } from '../../shared/mutations/bookings';
import { MINUTES_PER_DAY, dayOfLocalDate, localDateOfDay, localTimeOfMinute, minuteOfLocalTime } from '../../shared/time/civil';
import { instantToLocal, localToInstant } from '../../shared/time/zone';
import { simGym, simRoom } from './building';
import type { SimDesk } from './desk';

// The bookings part of the simulator's workload (simulator.ts draws the operation, this file does
// it). Requests are drawn from a SMALL set of contested slots computed from the simulation's clock,
// so desks that book offline or on a stale view collide on capacity and on the per-unit quotas.
// Everything comes from the operations' random stream and the shared manual clock: a replay makes
// the same requests.

/** What the workload needs from the simulation. */
export interface BookingHost {
  readonly ops: Random;
  readonly buildingId: string;
  readonly timeZone: string;
  readonly residents: readonly string[];
  now(): number;
  desks(): readonly SimDesk[];
  commit(desk: SimDesk, what: string, requests: MutationRequest[]): Promise<void>;
  trace(line: string): void;
}

export interface SlotRequest {
  start: string;
  end: string;
}

const GYM_GRID_MINUTES = 30;
const MANAGER = 's2';

export class BookingWorkload {
  private counter = 0;
  private readonly room: Amenity;
  private readonly gym: Amenity;

  constructor(private readonly host: BookingHost) {
    this.room = simRoom(host.buildingId);
    this.gym = simGym(host.buildingId);
  }

  /** requestBooking for a random resident in one of the contested slots; sometimes ready to wait. */
  async request(desk: SimDesk): Promise<void> {
    const { ops } = this.host;
    const gym = ops.chance(0.5);
    const amenity = gym ? this.gym : this.room;
    const slot = gym ? this.gymSlot() : this.roomSlot();
    this.counter += 1;
    const bookingId = `${this.host.buildingId}-b${this.counter}`;
    const partySize = gym ? (ops.chance(0.03) ? 4 : ops.int(1, 2)) : 1;
    const joinWaitlistIfFull = ops.chance(0.35);
    const residentId = ops.pick(this.host.residents);
    const args = { buildingId: this.host.buildingId, bookingId, amenityId: amenity.id, residentId, start: slot.start, end: slot.end, partySize, note: null, joinWaitlistIfFull };
    await this.host.commit(desk, `book ${bookingId} ${amenity.id.slice(this.host.buildingId.length + 1)} ${slot.start}–${slot.end} ×${partySize} for ${residentId}${joinWaitlistIfFull ? ' (or wait)' : ''}`, [{ name: 'requestBooking', args }]);
  }

  /** Cancels a booking the desk shows as open; often one another desk already cancelled or declined. */
  async cancel(desk: SimDesk): Promise<void> {
    const booking = await this.pickBooking(desk, ['requested', 'confirmed', 'waitlisted']);
    if (!booking) return this.host.trace(`${desk.label} cancel: no open booking`);
    const reason = this.host.ops.chance(0.5) ? null : 'Resident called';
    await this.host.commit(desk, `cancel ${booking.id} (${booking.status})`, [{ name: 'cancelBooking', args: { buildingId: this.host.buildingId, bookingId: booking.id, reason } }]);
  }

  /**
   * A manager approves or declines a request, or declines a waitlisted one. Usually the manager
   * signs in at the desk first; sometimes the doorperson on duty tries (refused: not their role).
   */
  async decide(desk: SimDesk): Promise<void> {
    const booking = await this.pickBooking(desk, ['requested', 'waitlisted']);
    if (!booking) return this.host.trace(`${desk.label} decide: nothing waiting for a decision`);
    const manager = `${this.host.buildingId}-${MANAGER}`;
    if (desk.session.staffRole === 'doorperson' && this.host.ops.chance(0.85)) {
      desk.session = { staffId: manager, staffRole: await desk.staffRole(manager) };
      await this.host.commit(desk, `sign in ${manager}`, [{ name: 'recordSignIn', args: { method: 'pin' } }]);
    }
    const approve = booking.status === 'requested' && this.host.ops.chance(0.7);
    const request: MutationRequest = approve
      ? { name: 'approveBooking', args: { bookingId: booking.id } }
      : { name: 'declineBooking', args: { buildingId: this.host.buildingId, bookingId: booking.id, reason: this.host.ops.chance(0.5) ? null : 'Maintenance' } };
    await this.host.commit(desk, `${approve ? 'approve' : 'decline'} ${booking.id} (${booking.status}) as ${desk.session.staffId}`, [request]);
  }

  /** The party arrives (from an hour before the start), or nobody came (once it started). */
  async arrive(desk: SimDesk): Promise<void> {
    const now = this.host.now();
    const confirmed = await this.openBookings(desk, ['confirmed']);
    const due = confirmed.filter((booking) => now >= Date.parse(booking.start) - CHECK_IN_EARLY_MINUTES * 60_000 && now <= Date.parse(booking.end));
    // Now and then a booking that is not due yet: the desk's own rules refuse it.
    const pool = due.length > 0 && this.host.ops.chance(0.9) ? due : confirmed;
    if (pool.length === 0) return this.host.trace(`${desk.label} check-in: no confirmed booking`);
    const booking = this.host.ops.pick(pool);
    const started = now >= Date.parse(booking.start);
    const noShow = started && this.host.ops.chance(0.4);
    await this.host.commit(desk, `${noShow ? 'no-show' : 'check in'} ${booking.id}`, [{ name: noShow ? 'markNoShow' : 'checkInBooking', args: { bookingId: booking.id } }]);
  }

  // ---- contested slots, from the clock -------------------------------------------------------

  /**
   * The gym's grid points around now: the current one (already begun: in the past), the next ones
   * (the first may be too short notice), rarely the day after tomorrow (too far ahead). As local
   * wall-clock times or as instants, both of which the mutator takes.
   */
  private gymSlot(): SlotRequest {
    const { ops, timeZone } = this.host;
    const local = instantToLocal(this.host.now(), timeZone);
    const day = dayOfLocalDate(local.date) + (ops.chance(0.04) ? 2 : 0);
    const first = Math.floor(minuteOfLocalTime(local.time) / GYM_GRID_MINUTES) * GYM_GRID_MINUTES;
    const startMinute = first + ops.weighted([[0, 1], [1, 5], [2, 4], [3, 1]] as const) * GYM_GRID_MINUTES;
    const endMinute = startMinute + ops.pick([30, 60]);
    return { start: this.time(day, startMinute), end: this.time(day, endMinute) };
  }

  /** The party room's two evening slots, today (within the cutoff), the next two days, or next week. */
  private roomSlot(): SlotRequest {
    const { ops, timeZone } = this.host;
    const today = dayOfLocalDate(instantToLocal(this.host.now(), timeZone).date);
    const day = today + ops.weighted([[0, 1], [1, 3], [2, 3], [6, 1], [7, 2]] as const);
    const [startMinute, endMinute] = ops.pick([[18 * 60, 20 * 60 + 30], [20 * 60 + 30, 23 * 60]] as const);
    return { start: this.time(day, startMinute), end: this.time(day, endMinute) };
  }

  /** A local day and minute (possibly past midnight) as "YYYY-MM-DDTHH:MM", or half the time as an instant. */
  private time(day: number, minute: number): string {
    const date = localDateOfDay(day + Math.floor(minute / MINUTES_PER_DAY));
    const clock = localTimeOfMinute(minute % MINUTES_PER_DAY);
    if (this.host.ops.chance(0.5)) return `${date}T${clock}`;
    const instant = localToInstant(date, clock, this.host.timeZone);
    return instant.ok ? instant.instant : `${date}T${clock}`;
  }

  // ---- what a desk shows ---------------------------------------------------------------------

  private async openBookings(desk: SimDesk, statuses: readonly BookingStatus[]): Promise<Booking[]> {
    const rows = await desk.requireDb().bookings.orderBy('id').toArray();
    return rows.filter((booking) => statuses.includes(booking.status));
  }

  /**
   * One of the desk's bookings in these statuses. Half the time, when there is one, a booking that
   * holds room a waitlisted request is waiting for (cancelling or declining it promotes the
   * waitlist); else 40% of the time one another desk already moved on from.
   */
  private async pickBooking(desk: SimDesk, statuses: readonly BookingStatus[]): Promise<Booking | undefined> {
    const open = await this.openBookings(desk, statuses);
    if (open.length === 0) return undefined;
    const waiting = (await this.openBookings(desk, ['waitlisted'])).filter((booking) => Date.parse(booking.start) > this.host.now());
    const blocking = open.filter((booking) => booking.status !== 'waitlisted' && waiting.some((other) => other.amenityId === booking.amenityId && other.start < booking.end && other.end > booking.start));
    if (blocking.length > 0 && this.host.ops.chance(0.5)) return this.host.ops.pick(blocking);
    const elsewhere = new Map<string, BookingStatus>();
    for (const other of this.host.desks()) {
      if (other === desk || !other.db) continue;
      for (const booking of await other.db.bookings.orderBy('id').toArray()) if (!statuses.includes(booking.status)) elsewhere.set(booking.id, booking.status);
    }
    const stale = open.filter((booking) => elsewhere.has(booking.id));
    return this.host.ops.pick(stale.length > 0 && this.host.ops.chance(0.4) ? stale : open);
  }
}
