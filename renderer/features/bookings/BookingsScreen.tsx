import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Amenity, Booking } from '../../../shared/domain/bookings';
import type { Staff } from '../../../shared/domain/model';
import { availabilityForDay, type SlotAvailability } from '../../../shared/bookings/availability';
import type { BookingIndex } from '../../../shared/bookings/bookingIndex';
import { amenityName, bookingMessage } from '../../../shared/bookings/messages';
import type { BookingReason } from '../../../shared/bookings/reasons';
import { formatDate, formatTime } from '../../../shared/i18n/format';
import { managesStaff } from '../../../shared/mutations/staff';
import { useBuilding, useDirectory } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useLanguage } from '../../app/useLanguage';
import { useNotices } from '../../app/notices';
import { addDays, localToday, overlapping, useAmenities, useBookings } from './bookingsData';
import { BookingForm } from './BookingForm';
import { AmenityEditor } from './AmenityEditor';

type View = 'day' | 'overview';
const OVERVIEW_DAYS = 7;

/**
 * Amenity bookings at the desk (Ctrl+B): a day of one amenity with its slots and who holds them,
 * an overview of every amenity for the week, the requests waiting for a manager and the waitlist.
 * Keyboard: Alt+←/→ day, Alt+↑/↓ amenity, Alt+W overview, Enter on a slot books it.
 */
export function BookingsScreen({ staff }: { staff: Staff }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const building = useBuilding();
  const timeZone = building?.timeZone ?? 'UTC';
  const amenities = useAmenities();
  const bookings = useBookings(timeZone);
  const manager = managesStaff(staff.role);
  const active = useMemo(() => (amenities ?? []).filter((amenity) => amenity.active).sort((a, b) => amenityName(a, language).localeCompare(amenityName(b, language))), [amenities, language]);
  // Managers also see disabled amenities (after the active ones), to edit and enable them again;
  // doorpersons book, so they see only what takes bookings. The overview stays active-only.
  const listed = useMemo(
    () => (manager ? [...active, ...(amenities ?? []).filter((amenity) => !amenity.active).sort((a, b) => amenityName(a, language).localeCompare(amenityName(b, language)))] : active),
    [manager, active, amenities, language],
  );
  const [amenityId, setAmenityId] = useState<string | null>(null);
  const [date, setDate] = useState(() => localToday(timeZone));
  const [view, setView] = useState<View>('day');
  const [booking, setBooking] = useState<SlotAvailability | null>(null);
  const [editing, setEditing] = useState<Amenity | 'new' | null>(null);
  const amenity = listed.find((candidate) => candidate.id === amenityId) ?? listed[0];

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const dayMove = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
      const amenityMove = { ArrowUp: -1, ArrowDown: 1 }[event.key];
      if (dayMove !== undefined) {
        event.preventDefault();
        setDate((current) => addDays(current, dayMove));
      } else if (amenityMove !== undefined && listed.length > 0) {
        event.preventDefault();
        const position = Math.max(0, listed.findIndex((candidate) => candidate.id === amenity?.id));
        setAmenityId(listed[(position + amenityMove + listed.length) % listed.length]?.id ?? null);
      } else if (event.key.toLowerCase() === 'w' || event.code === 'KeyW') {
        event.preventDefault();
        setView((current) => (current === 'day' ? 'overview' : 'day'));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [listed, amenity?.id]);

  const dayLabel = formatDate(`${date}T12:00:00.000Z`, language, 'UTC');

  return (
    <section className="screen bookings" aria-labelledby="bookings-title">
      <header className="screen-header">
        <h1 id="bookings-title">{t('bookings.title')}</h1>
        <div className="row bookings-nav">
          <button type="button" onClick={() => setDate(addDays(date, -1))} aria-keyshortcuts="Alt+ArrowLeft" aria-label={t('bookings.previousDay')}>
            ◀
          </button>
          <strong data-testid="bookings-date" data-date={date}>
            {dayLabel}
          </strong>
          <button type="button" onClick={() => setDate(addDays(date, 1))} aria-keyshortcuts="Alt+ArrowRight" aria-label={t('bookings.nextDay')}>
            ▶
          </button>
          <button type="button" onClick={() => setDate(localToday(timeZone))}>
            {t('bookings.today')}
          </button>
          <button type="button" aria-pressed={view === 'overview'} aria-keyshortcuts="Alt+W" onClick={() => setView(view === 'day' ? 'overview' : 'day')}>
            {view === 'day' ? t('bookings.showOverview') : t('bookings.showDay')}
          </button>
          {manager && amenity && (
            <button type="button" onClick={() => setEditing(amenity)} data-testid="amenity-edit">
              {t('amenityEditor.edit')}
            </button>
          )}
          {manager && (
            <button type="button" onClick={() => setEditing('new')} data-testid="amenity-new">
              {t('amenityEditor.create')}
            </button>
          )}
        </div>
      </header>
      <p className="hint">{t('bookings.keys')}</p>
      {active.length === 0 && <p className="hint">{t('bookings.noAmenities')}</p>}
      <div className="bookings-layout">
        <nav className="amenity-list" aria-label={t('bookings.amenities')}>
          {listed.map((candidate) => (
            <button
              key={candidate.id}
              type="button"
              data-testid="amenity-item"
              data-active={candidate.active}
              className={`amenity-item${candidate.id === amenity?.id ? ' active' : ''}${candidate.active ? '' : ' disabled'}`}
              aria-current={candidate.id === amenity?.id ? 'true' : undefined}
              onClick={() => {
                setAmenityId(candidate.id);
                setView('day');
              }}
            >
              <span>{amenityName(candidate, language)}</span>
              <span className="hint">
                {t('bookings.capacity', { count: candidate.capacity })}
                {!candidate.active && <span className="status-badge status-cancelled"> {t('amenityEditor.disabled')}</span>}
              </span>
            </button>
          ))}
        </nav>
        <div className="bookings-main">
          {view === 'overview' && bookings && (
            <Overview
              amenities={active}
              bookings={bookings.index}
              from={date}
              timeZone={timeZone}
              onOpen={(id, day) => {
                setAmenityId(id);
                setDate(day);
                setView('day');
              }}
            />
          )}
          {view === 'day' && amenity && !amenity.active && (
            <p className="hint" role="status" data-testid="amenity-disabled">
              {t('amenityEditor.disabledHint', { amenity: amenityName(amenity, language) })}
            </p>
          )}
          {view === 'day' && amenity && bookings && (
            <DayView amenity={amenity} rows={bookings.rows} index={bookings.index} date={date} timeZone={timeZone} staff={staff} onBook={setBooking} />
          )}
        </div>
        {bookings && <Queues rows={bookings.rows} amenities={amenities ?? []} staff={staff} timeZone={timeZone} />}
      </div>
      {booking && amenity?.active && bookings && building && (
        <BookingForm amenity={amenity} slot={booking} index={bookings.index} buildingId={building.id} timeZone={timeZone} onClose={() => setBooking(null)} />
      )}
      {editing && bookings && building && (
        <AmenityEditor
          amenity={editing === 'new' ? null : editing}
          bookings={bookings.rows}
          buildingId={building.id}
          timeZone={timeZone}
          defaultCurrency={amenities?.[0]?.currency ?? 'USD'}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function DayView({ amenity, rows, index, date, timeZone, staff, onBook }: { amenity: Amenity; rows: Booking[]; index: BookingIndex; date: string; timeZone: string; staff: Staff; onBook: (slot: SlotAvailability) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const day = useMemo(() => availabilityForDay(amenity, timeZone, index, date, new Date()), [amenity, timeZone, index, date]);
  const name = amenityName(amenity, language);
  if (day.ruleSetId === null) return <p className="hint">{t('bookings.noRulesThatDay', { amenity: name })}</p>;
  if (day.slots.length === 0) return <p className="hint">{t('bookings.closedThatDay', { amenity: name })}</p>;
  return (
    <table className="report-table slots-table" data-testid="slots-table">
      <caption>{t('bookings.dayCaption', { amenity: name })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('bookings.slot')}</th>
          <th scope="col">{t('bookings.free')}</th>
          <th scope="col">{t('bookings.heldBy')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('bookings.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {day.slots.map((slot) => (
          <tr key={slot.start} data-testid="slot-row" className={slot.available ? 'slot-free' : 'slot-taken'}>
            <td>
              {slot.startTime}–{slot.endTime}
            </td>
            <td>{slot.available ? t('bookings.freeCount', { count: slot.free }) : <ReasonText amenity={amenity} reasons={slot.reasons.slice(0, 1)} timeZone={timeZone} />}</td>
            <td>
              <ul className="slot-bookings">
                {overlapping(rows, amenity.id, slot.start, slot.end).map((booking) => (
                  <li key={booking.id}>
                    <BookingLine booking={booking} timeZone={timeZone} staff={staff} amenity={amenity} />
                  </li>
                ))}
              </ul>
            </td>
            <td>
              {amenity.active && (
                <button type="button" className={slot.available ? 'primary small' : 'small'} onClick={() => onBook(slot)} data-testid="book-slot">
                  {slot.available ? t('bookings.book') : t('bookings.bookOrWait')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Overview({ amenities, bookings, from, timeZone, onOpen }: { amenities: Amenity[]; bookings: BookingIndex; from: string; timeZone: string; onOpen: (amenityId: string, date: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const days = Array.from({ length: OVERVIEW_DAYS }, (_, offset) => addDays(from, offset));
  const now = useMemo(() => new Date(), []);
  return (
    <table className="report-table overview-table" data-testid="bookings-overview">
      <caption>{t('bookings.overviewCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('bookings.amenity')}</th>
          {days.map((day) => (
            <th scope="col" key={day}>
              {formatDate(`${day}T12:00:00.000Z`, language, 'UTC')}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {amenities.map((amenity) => (
          <tr key={amenity.id}>
            <th scope="row">{amenityName(amenity, language)}</th>
            {days.map((day) => {
              const availability = availabilityForDay(amenity, timeZone, bookings, day, now);
              const free = availability.slots.filter((slot) => slot.available).length;
              return (
                <td key={day}>
                  <button type="button" className={`small ${free === 0 ? 'full' : ''}`} onClick={() => onOpen(amenity.id, day)}>
                    {availability.slots.length === 0 ? t('bookings.closed') : t('bookings.freeOf', { free, total: availability.slots.length })}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A booking in a list: who, when, its status, and what the staff may do with it now. */
export function BookingLine({ booking, timeZone, staff, amenity }: { booking: Booking; timeZone: string; staff: Staff; amenity: Amenity | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const directory = useDirectory();
  const building = useBuilding();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const resident = directory?.residentsById.get(booking.residentId);
  const unit = directory?.unitsById.get(booking.unitId);
  const manager = managesStaff(staff.role);
  const buildingId = building?.id ?? '';
  const open = ['requested', 'confirmed', 'waitlisted'].includes(booking.status);

  const [asking, setAsking] = useState<'decline' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');

  async function act(kind: 'approve' | 'decline' | 'cancel' | 'checkIn' | 'noShow') {
    let ok: unknown = null;
    if (kind === 'approve') ok = await commit([{ name: 'approveBooking', args: { bookingId: booking.id } }]);
    if (kind === 'checkIn') ok = await commit([{ name: 'checkInBooking', args: { bookingId: booking.id } }]);
    if (kind === 'noShow') ok = await commit([{ name: 'markNoShow', args: { bookingId: booking.id } }]);
    if (kind === 'decline' || kind === 'cancel') {
      const text = reason.trim();
      ok = await commit([{ name: kind === 'decline' ? 'declineBooking' : 'cancelBooking', args: { buildingId, bookingId: booking.id, reason: text === '' ? null : text } }]);
      setAsking(null);
      setReason('');
    }
    if (ok !== null) show({ tone: 'success', text: t(`bookings.done.${kind}`) });
  }

  return (
    <span className={`booking-line status-${booking.status}`} data-testid="booking-line">
      <span className="unit-label">{unit?.label ?? '—'}</span> {resident ? `${resident.firstName} ${resident.lastName}` : t('history.formerResident')}
      {amenity ? ` · ${amenityName(amenity, language)}` : ''} · {formatTime(booking.start, language, timeZone)}–{formatTime(booking.end, language, timeZone)}
      {booking.partySize > 1 ? ` · ${t('bookings.party', { count: booking.partySize })}` : ''}{' '}
      <span className={`status-badge status-${booking.status}`}>{t(`bookings.status.${booking.status}`)}</span>
      {booking.offeredFromWaitlistAt && <span className="status-badge">{t('bookings.fromWaitlist')}</span>}
      {open && (
        <span className="booking-actions">
          {manager && booking.status === 'requested' && (
            <button type="button" className="small" onClick={() => void act('approve')}>
              {t('bookings.approve')}
            </button>
          )}
          {manager && (booking.status === 'requested' || booking.status === 'waitlisted') && (
            <button type="button" className="small" onClick={() => setAsking('decline')}>
              {t('bookings.decline')}
            </button>
          )}
          {booking.status === 'confirmed' && (
            <>
              <button type="button" className="small" onClick={() => void act('checkIn')}>
                {t('bookings.checkIn')}
              </button>
              <button type="button" className="small" onClick={() => void act('noShow')}>
                {t('bookings.noShow')}
              </button>
            </>
          )}
          <button type="button" className="small danger" onClick={() => setAsking('cancel')}>
            {t('bookings.cancel')}
          </button>
        </span>
      )}
      {asking && (
        <form
          className="reason-form"
          onSubmit={(event) => {
            event.preventDefault();
            void act(asking);
          }}
          onKeyDown={(event) => event.key === 'Escape' && setAsking(null)}
        >
          <label>
            {asking === 'cancel' ? t('bookings.cancelReason') : t('bookings.declineReason')}
            <input autoFocus maxLength={300} value={reason} onChange={(event) => setReason(event.target.value)} />
          </label>
          <button type="submit" className="small danger">
            {asking === 'cancel' ? t('bookings.confirmCancel') : t('bookings.confirmDecline')}
          </button>
          <button type="button" className="small" onClick={() => setAsking(null)}>
            {t('bookings.keep')}
          </button>
        </form>
      )}
    </span>
  );
}

/** Requests waiting for a manager, the waitlist, and bookings the waitlist just filled. */
function Queues({ rows, amenities, staff, timeZone }: { rows: Booking[]; amenities: Amenity[]; staff: Staff; timeZone: string }) {
  const { t } = useTranslation();
  const now = new Date().toISOString();
  const byId = new Map(amenities.map((amenity) => [amenity.id, amenity]));
  const upcoming = rows.filter((booking) => booking.end > now).sort((a, b) => a.start.localeCompare(b.start));
  const requested = upcoming.filter((booking) => booking.status === 'requested');
  const waitlisted = upcoming.filter((booking) => booking.status === 'waitlisted');
  const offered = upcoming.filter((booking) => booking.offeredFromWaitlistAt !== null && booking.status !== 'cancelled');
  const list = (items: Booking[], testId: string) => (
    <ul className="queue" data-testid={testId}>
      {items.map((booking) => (
        <li key={booking.id}>
          <BookingLine booking={booking} timeZone={timeZone} staff={staff} amenity={byId.get(booking.amenityId)} />
        </li>
      ))}
    </ul>
  );
  return (
    <aside className="booking-queues" aria-label={t('bookings.queues')}>
      <h2>{t('bookings.pendingApproval', { count: requested.length })}</h2>
      {list(requested, 'queue-requested')}
      <h2>{t('bookings.waitlist', { count: waitlisted.length })}</h2>
      {list(waitlisted, 'queue-waitlisted')}
      {offered.length > 0 && (
        <>
          <h2>{t('bookings.offered', { count: offered.length })}</h2>
          {list(offered, 'queue-offered')}
        </>
      )}
    </aside>
  );
}

/** A refusal reason as a sentence in the staff member's language. */
export function ReasonText({ amenity, reasons, timeZone }: { amenity: Amenity; reasons: readonly BookingReason[]; timeZone: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <>
      {reasons.map((reason) => (
        <span key={reason.code} className="reason">
          {reasonSentence(t, reason, amenity, language, timeZone)}
        </span>
      ))}
    </>
  );
}

export function reasonSentence(t: TFunction, reason: BookingReason, amenity: Amenity, language: ReturnType<typeof useLanguage>, timeZone: string): string {
  const message = bookingMessage('bookingRule', reason.code, reason.params, { language, timeZone, amenityName: amenityName(amenity, language) });
  // Keys are built from the reason's code at run time; the catalogs' parity test covers them.
  return (t as unknown as (key: string, values: Record<string, string | number>) => string)(message.key, message.values);
}
