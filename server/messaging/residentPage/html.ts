import type { Booking } from '../../../shared/domain/bookings';
import type { Message, MessageThread } from '../../../shared/domain/messaging';
import type { Language, MeasurementSystem, Package } from '../../../shared/domain/model';
import { formatDate, formatDateTime } from '../../../shared/i18n/format';
import { interpolate, RESIDENT_CATALOGS, residentSizeText, type ResidentCatalog } from '../../../shared/messaging/residentText';
import { escapeHtml as esc } from '../compose';

// The resident page as plain server-rendered HTML: forms that work without any script, one small
// same-origin stylesheet, nothing from elsewhere (the Content-Security-Policy forbids it), and a
// layout that reads on a phone first.

export const STYLESHEET = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#f4f4f6}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
section,.card{background:#fff;border-radius:12px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
ul{list-style:none;margin:0;padding:0}
li{padding:.6rem 0;border-top:1px solid #eee}
li:first-child{border-top:0}
.muted{color:#5f6368;font-size:.9rem}
.notice{background:#e6f4ea;border-left:4px solid #188038;padding:.75rem;border-radius:8px;margin:0 0 1rem}
.error{background:#fce8e6;border-left:4px solid #c5221f;padding:.75rem;border-radius:8px;margin:0 0 1rem}
.message{padding:.75rem;border-radius:10px;margin:.5rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.from-desk{background:#eef3fd}
.from-resident{background:#f1f3f4;margin-left:2rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],textarea{width:100%;font:inherit;padding:.6rem;border:1px solid #bbb;border-radius:8px}
textarea{min-height:8rem}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.7rem 1.2rem;margin:.75rem .5rem 0 0;border:0;border-radius:8px;background:#1a73e8;color:#fff;text-decoration:none;cursor:pointer;min-height:44px}
button.secondary{background:#e8eaed;color:#1d1d1f}
a{color:#1a73e8}
form.inline{display:inline}
@media (min-width:600px){main{padding:2rem}h1{font-size:1.7rem}}
`;

export function page(language: Language, title: string, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(title)}</title><link rel="stylesheet" href="/r/style.css"></head>`,
    `<body><main>${body}</main></body></html>`,
  ].join('');
}

export function catalogOf(language: Language): ResidentCatalog {
  return RESIDENT_CATALOGS[language];
}

/** Landing page of a link: what it is, and (when it still works) the button that uses it. */
export function linkPage(language: Language, state: 'valid' | 'used' | 'expired' | 'unknown', token: string, buildingName: string, sessionHours: number, note: string | null): string {
  const text = catalogOf(language).link;
  const action = (path: string, label: string) => `<form method="post" action="${esc(path)}"><button type="submit">${esc(label)}</button></form>`;
  const banner = note ? `<p class="notice" role="status">${esc(note)}</p>` : '';
  if (state === 'valid') {
    const title = interpolate(text.openTitle, { building: buildingName });
    return page(language, title, `<h1>${esc(title)}</h1>${banner}<section><p>${esc(interpolate(text.openHint, { hours: sessionHours }))}</p>${action(`/r/l/${token}`, text.openButton)}</section>`);
  }
  const [title, body] = state === 'used' ? [text.usedTitle, text.usedBody] : state === 'expired' ? [text.expiredTitle, text.expiredBody] : [text.invalidTitle, text.invalidBody];
  const renew = state === 'unknown' || note !== null ? '' : action(`/r/renew/${token}`, text.newLink);
  return page(language, title, `<h1>${esc(title)}</h1>${banner}<section><p>${esc(body)}</p>${renew}</section>`);
}

export function messagePage(language: Language, title: string, text: string, tone: 'notice' | 'error'): string {
  return page(language, title, `<h1>${esc(title)}</h1><p class="${tone}" role="${tone === 'error' ? 'alert' : 'status'}">${esc(text)}</p>`);
}

export interface HomeView {
  language: Language;
  /** The resident's own system: package sizes read in it. */
  measurement: MeasurementSystem;
  timeZone: string;
  buildingName: string;
  residentName: string;
  unitLabel: string;
  formToken: string;
  email: 'on' | 'off' | 'bounced' | 'none';
  packages: readonly Package[];
  bookings: readonly { booking: Booking; amenityName: string }[];
  threads: readonly MessageThread[];
  notice: string | null;
  error: string | null;
  draft: { subject: string; body: string } | null;
}

export function homePage(view: HomeView): string {
  const text = catalogOf(view.language);
  const date = (iso: string) => formatDate(iso, view.language, view.timeZone);
  const when = (iso: string) => formatDateTime(iso, view.language, view.timeZone);
  const title = interpolate(text.page.title, { building: view.buildingName });
  const packages = view.packages.length
    ? `<ul>${view.packages.map((pkg) => `<li>${esc(text.packageKinds[pkg.kind])}${pkg.size ? ` · ${esc(residentSizeText(pkg.size, view.language, view.measurement))}` : ''} · <span class="muted">${esc(interpolate(text.page.packageReceived, { date: date(pkg.receivedAt) }))}</span></li>`).join('')}</ul>`
    : `<p class="muted">${esc(text.page.packagesNone)}</p>`;
  const bookings = view.bookings.length
    ? `<ul>${view.bookings.map(({ booking, amenityName }) => `<li><strong>${esc(amenityName)}</strong><br>${esc(when(booking.start))} · <span class="muted">${esc(text.bookingStatus[booking.status])}</span></li>`).join('')}</ul>`
    : `<p class="muted">${esc(text.page.bookingsNone)}</p>`;
  const threads = view.threads.length
    ? `<ul>${view.threads.map((thread) => `<li><a href="/r/t/${esc(thread.id)}">${esc(thread.subject)}</a><br><span class="muted">${esc(when(thread.lastMessageAt))}${thread.unread > 0 ? ` · ${esc(text.page.unreadByDesk)}` : ''}</span></li>`).join('')}</ul>`
    : `<p class="muted">${esc(text.page.threadsNone)}</p>`;
  const emailLine = { on: text.page.emailOn, off: text.page.emailOff, bounced: text.page.emailBounced, none: '' }[view.email];
  const emailForm =
    view.email === 'on' || view.email === 'off'
      ? `<form method="post" action="/r/email"><input type="hidden" name="form" value="${esc(view.formToken)}"><input type="hidden" name="optOut" value="${view.email === 'on' ? '1' : '0'}"><button class="secondary" type="submit">${esc(view.email === 'on' ? text.page.stopEmails : text.page.resumeEmails)}</button></form>`
      : '';
  const body = [
    `<h1>${esc(interpolate(text.page.hello, { name: view.residentName }))}</h1>`,
    `<p class="muted">${esc(view.buildingName)} · ${esc(interpolate(text.page.unit, { unit: view.unitLabel }))}</p>`,
    view.notice ? `<p class="notice" role="status">${esc(view.notice)}</p>` : '',
    view.error ? `<p class="error" role="alert">${esc(view.error)}</p>` : '',
    `<section aria-labelledby="packages"><h2 id="packages">${esc(text.page.packagesTitle)}</h2>${packages}</section>`,
    `<section aria-labelledby="bookings"><h2 id="bookings">${esc(text.page.bookingsTitle)}</h2>${bookings}</section>`,
    `<section aria-labelledby="threads"><h2 id="threads">${esc(text.page.threadsTitle)}</h2>${threads}</section>`,
    `<section aria-labelledby="write"><h2 id="write">${esc(text.page.newTitle)}</h2>`,
    `<form method="post" action="/r/new"><input type="hidden" name="form" value="${esc(view.formToken)}">`,
    `<label for="subject">${esc(text.page.subjectLabel)}</label><input type="text" id="subject" name="subject" maxlength="120" value="${esc(view.draft?.subject ?? '')}">`,
    `<label for="body">${esc(text.page.bodyLabel)}</label><textarea id="body" name="body" maxlength="4000" required>${esc(view.draft?.body ?? '')}</textarea>`,
    `<button type="submit">${esc(text.page.send)}</button></form></section>`,
    `<section>${emailLine ? `<p>${esc(emailLine)}</p>` : ''}${emailForm}`,
    `<form method="post" action="/r/signout"><input type="hidden" name="form" value="${esc(view.formToken)}"><button class="secondary" type="submit">${esc(text.page.signOut)}</button></form></section>`,
  ].join('');
  return page(view.language, title, body);
}

export interface ThreadView {
  language: Language;
  timeZone: string;
  buildingName: string;
  formToken: string;
  thread: MessageThread;
  messages: readonly { message: Message; text: string; author: 'desk' | 'you' | string }[];
  notice: string | null;
  error: string | null;
  draft: string;
}

export function threadPage(view: ThreadView): string {
  const text = catalogOf(view.language);
  const when = (iso: string) => formatDateTime(iso, view.language, view.timeZone);
  const items = view.messages
    .map(({ message, text: body, author }) => {
      const who = author === 'desk' ? text.page.fromDesk : author === 'you' ? text.page.fromYou : author;
      const css = message.direction === 'outbound' ? 'from-desk' : 'from-resident';
      return `<div class="message ${css}" data-direction="${message.direction}"><div class="muted">${esc(who)} · ${esc(when(message.sentAt))}</div>${esc(body)}</div>`;
    })
    .join('');
  const body = [
    `<p><a href="/r/">${esc(text.page.back)}</a></p>`,
    `<h1>${esc(view.thread.subject)}</h1>`,
    view.notice ? `<p class="notice" role="status">${esc(view.notice)}</p>` : '',
    view.error ? `<p class="error" role="alert">${esc(view.error)}</p>` : '',
    `<section>${items}</section>`,
    `<section><form method="post" action="/r/t/${esc(view.thread.id)}"><input type="hidden" name="form" value="${esc(view.formToken)}">`,
    `<label for="reply">${esc(text.page.replyLabel)}</label><textarea id="reply" name="body" maxlength="4000" required>${esc(view.draft)}</textarea>`,
    `<button type="submit">${esc(text.page.send)}</button></form></section>`,
  ].join('');
  return page(view.language, `${view.thread.subject} · ${view.buildingName}`, body);
}
