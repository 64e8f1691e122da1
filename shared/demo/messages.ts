// Message threads between the desk and residents (shared/domain/messaging.ts). Threads go to
// residents who gave an e-mail address, since e-mail is the only channel the central service
// delivers today, and are written in the resident's own language. Outbound messages count as
// delivered; the desk has read every reply except in a few recent threads.

import type { Language, Resident } from '../domain/model';
import { isoAt, sampleDeliveryMinute, sampleHistoryDay, type HistoryContext } from './history';
import { sequentialId } from './ids';
import type { Message, MessageThread } from '../domain/messaging';
import type { Random } from './random';

interface Topic {
  readonly subject: string;
  /** Messages from the desk; "{name}" becomes the resident's first name. */
  readonly outbound: readonly string[];
  /** Replies from the resident. */
  readonly inbound: readonly string[];
}

const TOPICS: Readonly<Record<Language, readonly Topic[]>> = {
  en: [
    { subject: 'Package waiting at the front desk', outbound: ['Hello {name}, a package is waiting for you at the front desk.', 'Reminder: your package is still at the desk.'], inbound: ['Thanks! I will pick it up tonight.', 'Could my neighbour collect it for me?'] },
    { subject: 'Party Room booking', outbound: ['Hello {name}, your Party Room booking is confirmed.', 'Please return the key to the desk after your event.'], inbound: ['Can I start an hour earlier?', 'Thank you, all good.'] },
    { subject: 'Water shut-off on Tuesday', outbound: ['Hello {name}, water will be off on Tuesday from 9:00 to 12:00 for maintenance.'], inbound: ['Understood, thanks for the notice.', 'Will the gym showers be affected?'] },
    { subject: 'Visitor parking', outbound: ['Hello {name}, your visitor pass is ready at the desk.'], inbound: ['My parents arrive Saturday around noon.', 'Great, thank you!'] },
  ],
  es: [
    { subject: 'Paquete en recepción', outbound: ['Hola {name}, tiene un paquete esperándole en recepción.', 'Recordatorio: su paquete sigue en recepción.'], inbound: ['¡Gracias! Paso a recogerlo esta noche.', '¿Puede recogerlo mi vecina?'] },
    { subject: 'Reserva del salón de fiestas', outbound: ['Hola {name}, su reserva del salón de fiestas está confirmada.', 'Por favor, devuelva la llave en recepción después del evento.'], inbound: ['¿Puedo empezar una hora antes?', 'Muchas gracias, todo bien.'] },
    { subject: 'Corte de agua el martes', outbound: ['Hola {name}, el martes no habrá agua de 9:00 a 12:00 por mantenimiento.'], inbound: ['Entendido, gracias por avisar.', '¿Afecta también a las duchas del gimnasio?'] },
  ],
  fr: [
    { subject: 'Colis à la réception', outbound: ['Bonjour {name}, un colis vous attend à la réception.', 'Rappel : votre colis est toujours à la réception.'], inbound: ['Merci ! Je passe le chercher ce soir.', 'Ma voisine peut-elle le récupérer ?'] },
    { subject: 'Réservation de la salle de fête', outbound: ['Bonjour {name}, votre réservation de la salle de fête est confirmée.', 'Merci de rapporter la clé à la réception après l’événement.'], inbound: ['Puis-je commencer une heure plus tôt ?', 'Merci beaucoup, tout est parfait.'] },
    { subject: 'Coupure d’eau mardi', outbound: ['Bonjour {name}, l’eau sera coupée mardi de 9 h à 12 h pour maintenance.'], inbound: ['Bien noté, merci.', 'Les douches de la salle de sport sont-elles concernées ?'] },
  ],
};

const MINUTE_MS = 60_000;
const OPEN_WINDOW_MS = 14 * 24 * 60 * MINUTE_MS;

export interface Conversations {
  threads: MessageThread[];
  messages: Message[];
}

export function generateConversations(random: Random, context: HistoryContext, residents: readonly Resident[], threadCount: number, messageCount: number): Conversations {
  if (messageCount < threadCount) throw new RangeError('every thread needs at least one message');
  if (threadCount === 0) return { threads: [], messages: [] };
  const reachable = residents.filter((resident) => resident.email !== null);
  const audience = reachable.length > 0 ? reachable : residents;

  // Every thread has one message; the rest land on random threads, so some threads run long.
  const lengths = Array<number>(threadCount).fill(1);
  for (let i = threadCount; i < messageCount; i++) {
    const thread = random.int(0, threadCount - 1);
    lengths[thread] = (lengths[thread] ?? 1) + 1;
  }

  const starts = Array.from({ length: threadCount }, () => {
    for (;;) {
      const startMs = context.calendar.instantOf(sampleHistoryDay(random, context), sampleDeliveryMinute(random));
      if (startMs < context.nowMs - MINUTE_MS) return startMs;
    }
  }).sort((a, b) => a - b);

  const threads: MessageThread[] = [];
  const drafts: { threadId: string; message: Omit<Message, 'id' | 'threadId'>; sentMs: number }[] = [];
  const delivered = (sentMs: number): Message['delivery'] => ({ recipients: 1, queued: 0, retrying: 0, retryReason: null, sent: 1, failed: 0, skipped: 0, problemCounts: {}, problems: [], updatedAt: isoAt(sentMs) });
  starts.forEach((startMs, index) => {
    const threadId = sequentialId('t', index + 1, 5);
    const resident = random.pick(audience);
    const topic = random.pick(TOPICS[resident.language]);
    const length = lengths[index] ?? 1;
    // Replies come minutes to days apart; a thread started recently is squeezed to fit before now.
    const gaps = Array.from({ length: length - 1 }, () => (2 + Math.floor(-Math.log(1 - random.next()) * 8 * 60)) * MINUTE_MS);
    const span = gaps.reduce((sum, gap) => sum + gap, 0);
    const room = context.nowMs - startMs;
    const scale = span > room ? room / (span + 1) : 1;
    let sentMs = startMs;
    let direction: Message['direction'] = random.chance(0.7) ? 'outbound' : 'inbound';
    let firstStaffId: string | null = null;
    let lastInboundMs: number | null = null;
    let previousMs = startMs - 1;
    for (let i = 0; i < length; i++) {
      if (i > 0) {
        sentMs += Math.floor((gaps[i - 1] ?? 0) * scale);
        direction = random.chance(0.75) ? (direction === 'outbound' ? 'inbound' : 'outbound') : direction;
      }
      const text = direction === 'outbound' ? random.pick(topic.outbound).replace('{name}', resident.firstName) : random.pick(topic.inbound);
      const outbound = direction === 'outbound';
      if (!outbound) lastInboundMs = sentMs;
      if (i > 0 && i === length - 1) previousMs = sentMs - Math.floor((gaps[i - 1] ?? 0) * scale);
      const staffId = outbound ? context.roster.pick(random, sentMs) : null;
      if (i === 0) firstStaffId = staffId;
      drafts.push({
        threadId,
        sentMs,
        message: {
          direction,
          staffId,
          residentId: outbound ? null : resident.id,
          body: text,
          template: null,
          sentAt: isoAt(sentMs),
          mutationId: null,
          delivery: outbound ? delivered(sentMs) : null,
        },
      });
    }
    // The desk has read everything but the last reply of every other recent thread (decided
    // without random draws, so adding it moved no other part of the fixture).
    const recent = context.nowMs - sentMs < OPEN_WINDOW_MS;
    const unread = lastInboundMs !== null && lastInboundMs === sentMs && recent && index % 2 === 0 ? 1 : 0;
    const readUpToMs = unread === 1 ? Math.min(previousMs, sentMs - 1) : sentMs;
    threads.push({
      id: threadId,
      kind: 'resident',
      unitId: resident.unitId,
      residentId: resident.id,
      broadcast: null,
      subject: topic.subject,
      createdAt: isoAt(startMs),
      createdBy: firstStaffId,
      lastMessageAt: isoAt(sentMs),
      lastInboundAt: lastInboundMs === null ? null : isoAt(lastInboundMs),
      unread,
      readUpTo: isoAt(readUpToMs),
      readBy: null,
    });
  });

  // Message ids follow global send order, as a server would assign them.
  drafts.sort((a, b) => a.sentMs - b.sentMs);
  const messages = drafts.map((draft, index): Message => ({ id: sequentialId('msg', index + 1, 6), threadId: draft.threadId, ...draft.message }));
  return { threads, messages };
}
