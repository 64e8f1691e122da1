import type { TFunction } from 'i18next';
import { MAX_MESSAGE_LENGTH, MAX_SUBJECT_LENGTH, type DeliveryProblem, type MessageThread, type TemplatePurpose } from '../../../shared/domain/messaging';
import { hasControlCharacters } from '../../../shared/domain/text';
import { ALLOWED_PLACEHOLDERS, checkPlaceholders, type PlaceholderProblem } from '../../../shared/messaging/placeholders';
import type { Directory } from '../../data/hooks';

// Texts of the messages screen that depend on data: a thread's title, why a body cannot be sent,
// what went wrong for a recipient. Every problem says what to do.

export function placeholderList(purpose: TemplatePurpose): string {
  return ALLOWED_PLACEHOLDERS[purpose].map((name) => `{{${name}}}`).join(' ');
}

export function placeholderProblemText(t: TFunction, problem: PlaceholderProblem, purpose: TemplatePurpose): string {
  return t(`messages.placeholder.${problem.kind}`, { placeholder: problem.placeholder, allowed: placeholderList(purpose), example: '{{residentName}}' });
}

/** Why this body cannot be sent as it is, or null. */
export function bodyProblem(t: TFunction, body: string, purpose: TemplatePurpose = 'custom'): string | null {
  const trimmed = body.trim();
  if (trimmed === '') return t('messages.errors.empty');
  if (trimmed.length > MAX_MESSAGE_LENGTH) return t('messages.errors.tooLong', { count: trimmed.length, max: MAX_MESSAGE_LENGTH });
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u.test(trimmed)) return t('text.controlCharacters');
  const problem = checkPlaceholders(trimmed, purpose);
  return problem ? placeholderProblemText(t, problem, purpose) : null;
}

export function subjectProblem(t: TFunction, subject: string, purpose: TemplatePurpose = 'custom'): string | null {
  const trimmed = subject.trim();
  if (trimmed === '') return t('messages.errors.subjectEmpty');
  if (trimmed.length > MAX_SUBJECT_LENGTH) return t('messages.errors.subjectTooLong', { max: MAX_SUBJECT_LENGTH });
  if (hasControlCharacters(trimmed)) return t('text.controlCharacters');
  const problem = checkPlaceholders(trimmed, purpose);
  return problem ? placeholderProblemText(t, problem, purpose) : null;
}

export function residentName(directory: Directory | undefined, residentId: string | null): string | null {
  const resident = residentId === null ? undefined : directory?.residentsById.get(residentId);
  return resident ? `${resident.firstName} ${resident.lastName}` : null;
}

/** Who a thread is with: "101 · Ana Pérez", "Everyone in 101", "Broadcast to 40 units". */
export function threadTitle(t: TFunction, thread: MessageThread, directory: Directory | undefined): string {
  const unit = thread.unitId === null ? undefined : directory?.unitsById.get(thread.unitId);
  if (thread.kind === 'broadcast') return t('messages.list.broadcast', { count: thread.broadcast?.unitIds.length ?? 0 });
  if (thread.kind === 'unit') return t('messages.list.unit', { unit: unit?.label ?? '—' });
  return `${unit?.label ?? '—'} · ${residentName(directory, thread.residentId) ?? t('messages.list.formerResident')}`;
}

export function problemText(t: TFunction, problem: DeliveryProblem, directory: Directory | undefined): string {
  const name = residentName(directory, problem.residentId) ?? t('messages.list.formerResident');
  return t(`messages.problems.${problem.code}`, { name, code: problem.smtpCode ?? '—' });
}
