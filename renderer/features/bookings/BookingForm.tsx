import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Amenity } from '../../../shared/domain/bookings';
import type { SlotAvailability } from '../../../shared/bookings/availability';
import type { BookingIndex } from '../../../shared/bookings/bookingIndex';
import { evaluateBooking } from '../../../shared/bookings/evaluate';
import { amenityName } from '../../../shared/bookings/messages';
import { newId } from '../../../shared/platform/globals';
import { formatDateTime } from '../../../shared/i18n/format';
import type { RecipientCandidate } from '../../../shared/search/recipients';
import { useCommit } from '../../data/useCommit';
import { useLanguage } from '../../app/useLanguage';
import { useNotices } from '../../app/notices';
import { reasonSentence } from './BookingsScreen';
import { ResidentPicker } from '../residents/ResidentPicker';

/**
 * Book a slot for a resident, found like a package's recipient. The rules' verdict (every reason,
 * in the staff member's language) shows before confirming; a slot that is only full can put the
 * resident on the waitlist. The service checks again; a refusal comes back as a rejection.
 */
export function BookingForm({ amenity, slot, index, buildingId, timeZone, onClose }: { amenity: Amenity; slot: SlotAvailability; index: BookingIndex; buildingId: string; timeZone: string; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const [who, setWho] = useState<RecipientCandidate | null>(null);
  const [partySize, setPartySize] = useState(1);
  const [note, setNote] = useState('');
  const [waitlist, setWaitlist] = useState(true);
  const [saving, setSaving] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const otherResidentButton = useRef<HTMLButtonElement>(null);

  const verdict = useMemo(() => {
    if (!who) return null;
    return evaluateBooking({
      amenity,
      timeZone,
      bookings: index,
      request: { start: slot.start, end: slot.end, partySize },
      now: new Date(),
      resident: { unitId: who.resident.unitId, occupancy: who.resident.occupancy },
      unitLabel: who.unit.label,
    });
  }, [who, amenity, timeZone, index, slot, partySize]);
  const canWait = verdict !== null && !verdict.allowed && verdict.capacityOnly;
  const canSubmit = verdict !== null && (verdict.allowed || (canWait && waitlist)) && !saving;

  // Picking a resident removes the focused search box; move the focus in the same commit (a timer
  // can lose to the next key press, which then lands on the page) to where the next key belongs:
  // Confirm when the rules allow it, otherwise "Other resident".
  const pickedResidentId = who?.resident.id ?? null;
  useLayoutEffect(() => {
    if (pickedResidentId === null) return;
    (confirmButton.current && !confirmButton.current.disabled ? confirmButton.current : otherResidentButton.current)?.focus();
  }, [pickedResidentId]);

  async function submit() {
    if (!who || !canSubmit) return;
    setSaving(true);
    const ok = await commit([
      {
        name: 'requestBooking',
        args: { buildingId, bookingId: `bk-${newId()}`, amenityId: amenity.id, residentId: who.resident.id, start: slot.start, end: slot.end, partySize, note: note.trim() === '' ? null : note.trim(), joinWaitlistIfFull: canWait && waitlist },
      },
    ]);
    setSaving(false);
    if (!ok) return;
    const name = `${who.resident.firstName} ${who.resident.lastName}`;
    show({ tone: 'success', text: verdict?.allowed ? t('bookings.booked', { name, amenity: amenityName(amenity, language), when: formatDateTime(slot.start, language, timeZone) }) : t('bookings.waitlisted', { name }) });
    onClose();
  }

  return (
    <div className="dialog-backdrop">
      <form
        className="card booking-form"
        role="dialog"
        aria-modal="true"
        aria-labelledby="booking-form-title"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <h2 id="booking-form-title">
          {t('bookings.formTitle', { amenity: amenityName(amenity, language), when: formatDateTime(slot.start, language, timeZone), end: slot.endTime })}
        </h2>
        {who ? (
          <p className="row">
            <strong data-testid="booking-who">
              {who.unit.label} · {who.resident.firstName} {who.resident.lastName}
            </strong>
            <button type="button" className="small" ref={otherResidentButton} onClick={() => setWho(null)}>
              {t('bookings.otherResident')}
            </button>
          </p>
        ) : (
          <ResidentPicker
            id="booking-resident"
            label={t('bookings.forWhom')}
            onPick={setWho}
          />
        )}
        {amenity.capacity > 1 && (
          <label>
            {t('bookings.partySize')}
            <input type="number" min={1} max={amenity.capacity} value={partySize} onChange={(event) => setPartySize(Math.max(1, Math.min(amenity.capacity, Number(event.target.value) || 1)))} />
          </label>
        )}
        <label>
          {t('bookings.note')}
          <input maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
        </label>
        {verdict && (
          <div className={verdict.allowed ? 'verdict ok' : 'verdict refused'} role="status" data-testid="booking-verdict">
            {verdict.allowed ? (
              <p>{verdict.ruleSet?.approval === 'required' ? t('bookings.allowedNeedsApproval') : t('bookings.allowed')}</p>
            ) : (
              <ul>
                {verdict.reasons.map((reason) => (
                  <li key={`${reason.code}-${JSON.stringify(reason.params)}`}>{reasonSentence(t, reason, amenity, language, timeZone)}</li>
                ))}
              </ul>
            )}
            {verdict.ruleSet && (verdict.ruleSet.feeCents > 0 || verdict.ruleSet.depositCents > 0) && (
              <p className="hint">
                {t('bookings.fees', {
                  fee: new Intl.NumberFormat(language, { style: 'currency', currency: amenity.currency }).format(verdict.ruleSet.feeCents / 100),
                  deposit: new Intl.NumberFormat(language, { style: 'currency', currency: amenity.currency }).format(verdict.ruleSet.depositCents / 100),
                })}
              </p>
            )}
          </div>
        )}
        {canWait && (
          <label className="checkbox">
            <input type="checkbox" checked={waitlist} onChange={(event) => setWaitlist(event.target.checked)} /> {t('bookings.joinWaitlist')}
          </label>
        )}
        <div className="row">
          <button type="submit" ref={confirmButton} className="primary" disabled={!canSubmit} data-testid="booking-confirm">
            {verdict && !verdict.allowed && canWait ? t('bookings.confirmWaitlist') : t('bookings.confirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('bookings.close')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
