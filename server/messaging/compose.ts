import type { Kysely } from 'kysely';
import { noticeTemplateId, NoticeKind, type DeliveryProblemCode } from '../../shared/domain/messaging';
import type { Building, Language, Package, Resident } from '../../shared/domain/model';
import { formatDate, formatDateTime } from '../../shared/i18n/format';
import { fillPlaceholders, pickLanguage, type PlaceholderValues } from '../../shared/messaging/placeholders';
import { interpolate, largestPackageText, RESIDENT_CATALOGS } from '../../shared/messaging/residentText';
import type { Schema } from '../db/schema';
import { BuildingRows } from '../sync/buildingRows';
import { VersionClock } from '../sync/versionClock';
import type { DeliveryChannel, OutgoingMessage } from './channel';
import type { MessagingConfig } from './config';
import { createResidentLink } from './links';
import type { ClaimedDelivery } from './outbox';
import { addressHash } from './summaries';

// Turns one claimed delivery into the e-mail a resident reads, at the moment it goes out: in the
// resident's language (else the building's), with the building's own template when it has one,
// counts taken now (a package collected meanwhile is not announced), and a fresh one-time link to
// their page. Or it says why nothing should be sent.

export type Composed =
  | { kind: 'send'; message: OutgoingMessage; addressHash: string }
  /** Not sent on purpose (`skipped`), or cannot be (`failed`). */
  | { kind: 'skip'; status: 'skipped' | 'failed'; code: DeliveryProblemCode | 'noLongerNeeded' };

export interface ComposeDeps {
  db: Kysely<Schema>;
  channel: DeliveryChannel;
  config: Pick<MessagingConfig, 'publicUrl' | 'linkHours'>;
  now: Date;
}

/** Why a resident cannot receive e-mail now, or null when they can. */
export function unreachableReason(resident: Resident | undefined, channel: DeliveryChannel | null): DeliveryProblemCode | null {
  if (!resident) return 'residentGone';
  if (!channel) return 'notConfigured';
  if (channel.addressOf(resident) === null) return 'noEmail';
  if (resident.emailOptOut === true) return 'optedOut';
  if (resident.emailBounce) return 'bounced';
  return null;
}

export async function composeDelivery(delivery: ClaimedDelivery, deps: ComposeDeps): Promise<Composed> {
  // Reads only: the clock is never advanced.
  const rows = new BuildingRows(deps.db, delivery.buildingId, new VersionClock(0));
  const resident = await rows.get('residents', delivery.residentId);
  const unreachable = unreachableReason(resident, deps.channel);
  if (unreachable || !resident) return { kind: 'skip', status: unreachable === 'residentGone' ? 'failed' : 'skipped', code: unreachable ?? 'residentGone' };
  const address = deps.channel.addressOf(resident) ?? '';
  const building = await rows.getBuilding();
  const language = resident.language;
  const unit = await rows.get('units', resident.unitId);
  const values: Record<string, string> = { residentName: resident.firstName, unit: unit?.label ?? '', building: building.name };

  const content = await contentOf(delivery, rows, building, resident, values, deps.now);
  if (!content) return { kind: 'skip', status: 'skipped', code: 'noLongerNeeded' };

  const link = await createResidentLink(deps.db, { buildingId: building.id, residentId: resident.id, now: deps.now, hours: deps.config.linkHours });
  const url = `${deps.config.publicUrl}/r/l/${link.token}`;
  const catalog = RESIDENT_CATALOGS[language];
  const subject = fillPlaceholders(content.subject, values);
  const body = fillPlaceholders(content.body, values);
  const readAndReply = interpolate(catalog.email.readAndReply, { url });
  const linkNote = interpolate(catalog.email.linkNote, { date: formatDateTime(link.expiresAt, language, building.timeZone) });
  const footer = interpolate(catalog.email.footer, { building: building.name });
  const text = `${body}\n\n${readAndReply}\n${linkNote}\n\n-- \n${footer}\n`;
  const html = [
    '<!doctype html><html lang="' + language + '"><body style="font-family:sans-serif;line-height:1.5">',
    ...body.split(/\n{2,}/).map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`),
    `<p><a href="${escapeHtml(url)}">${escapeHtml(interpolate(catalog.email.readAndReply, { url: '' }).replace(/[:\s\u00a0]+$/u, ''))}</a></p>`,
    `<p style="color:#555;font-size:90%">${escapeHtml(linkNote)}<br>${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return {
    kind: 'send',
    addressHash: addressHash(address),
    message: {
      to: address,
      subject,
      text,
      html,
      language,
      headers: delivery.kind === 'message' ? {} : { 'Auto-Submitted': 'auto-generated' },
    },
  };
}

interface Content {
  subject: string;
  body: string;
}

async function contentOf(delivery: ClaimedDelivery, rows: BuildingRows, building: Building, resident: Resident, values: Record<string, string>, now: Date): Promise<Content | null> {
  const language = resident.language;
  const fallback = building.defaultLanguage;
  const zone = building.timeZone;
  if (delivery.kind === 'message') {
    const message = delivery.messageId ? await rows.get('messages', delivery.messageId) : undefined;
    const thread = message ? await rows.get('threads', message.threadId) : undefined;
    if (!message || !thread) return null;
    const waiting = await waitingPackages(rows, resident.id);
    Object.assign(values, { packageCount: String(waiting.length), largestPackage: largestPackageText(waiting, language, resident.measurement), date: formatDate(now.toISOString(), language, zone) } satisfies PlaceholderValues);
    if (message.template) {
      return {
        subject: pickLanguage(message.template.subject, language, fallback) ?? thread.subject,
        body: pickLanguage(message.template.body, language, fallback) ?? message.body,
      };
    }
    return { subject: thread.subject, body: message.body };
  }
  if (delivery.kind === 'link') {
    const catalog = RESIDENT_CATALOGS[language];
    return { subject: interpolate(catalog.email.newLinkSubject, { building: building.name }), body: interpolate(catalog.email.newLinkBody, { building: building.name }) };
  }
  const kind = NoticeKind.parse(delivery.kind);
  const notice = await noticeText(rows, kind, language, fallback);
  if (kind === 'packageReceived' || kind === 'packageReminder') {
    const waiting = await waitingPackages(rows, resident.id);
    if (waiting.length === 0) return null;
    const anchor = kind === 'packageReceived' ? waiting[waiting.length - 1] : waiting[0];
    Object.assign(values, { packageCount: String(waiting.length), largestPackage: largestPackageText(waiting, language, resident.measurement), date: formatDate(anchor?.receivedAt ?? now.toISOString(), language, zone) } satisfies PlaceholderValues);
    return notice;
  }
  const bookingId = typeof delivery.payload.bookingId === 'string' ? delivery.payload.bookingId : '';
  const booking = await rows.get('bookings', bookingId);
  if (!booking) return null;
  const amenity = await rows.get('amenities', booking.amenityId);
  Object.assign(values, { amenity: (amenity ? pickLanguage(amenity.name, language, fallback) : undefined) ?? '', date: formatDateTime(booking.start, language, zone) });
  return notice;
}

/** The building's template for a notice in this language (or its default language), else the built-in text. */
async function noticeText(rows: BuildingRows, kind: NoticeKind, language: Language, fallback: Language): Promise<Content> {
  const template = await rows.get('templates', noticeTemplateId(kind));
  if (template && template.purpose === kind) {
    const subject = pickLanguage(template.subject, language, fallback);
    const body = pickLanguage(template.body, language, fallback);
    if (subject !== undefined && body !== undefined) return { subject, body };
  }
  const builtIn = RESIDENT_CATALOGS[language].notices[kind];
  return { subject: builtIn.subject, body: builtIn.body };
}

/** The resident's waiting packages, oldest first. */
export async function waitingPackages(rows: BuildingRows, residentId: string): Promise<Package[]> {
  const packages = await rows.findBy('packages', 'residentId', residentId);
  return packages.filter((pkg) => pkg.status === 'waiting').sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
