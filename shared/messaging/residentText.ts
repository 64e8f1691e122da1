import type { Language } from '../domain/model';
import type { NoticeKind } from '../domain/messaging';
import type { MeasurementSystem, PackageKind, PackageSize } from '../domain/model';
import { sizeClassBound } from '../packages/sizeClasses';
import { formatLengths } from '../units/measure';
import type { BookingStatus } from '../domain/bookings';

// What residents read, in their language: the frame of every e-mail, the built-in wording of the
// automatic notices (a building may override each per language with a template) and the resident
// page of the central service. Kept apart from the desk's catalogs: the service renders these
// without i18next, with the same {{name}} placeholders as templates (shared/messaging/placeholders.ts).
// Plurals are avoided on purpose (“Packages waiting: 3”), since templates have none either.

export interface NoticeText {
  /** The template's name at the desk. */
  name: string;
  subject: string;
  body: string;
}

export interface ResidentCatalog {
  email: { readAndReply: string; linkNote: string; footer: string; newLinkSubject: string; newLinkBody: string };
  notices: Record<NoticeKind, NoticeText>;
  page: {
    title: string; hello: string; unit: string; packagesTitle: string; packagesNone: string; packageReceived: string;
    bookingsTitle: string; bookingsNone: string; threadsTitle: string; threadsNone: string; open: string; unreadByDesk: string;
    fromDesk: string; fromYou: string; newTitle: string; subjectLabel: string; bodyLabel: string; replyLabel: string; send: string;
    sent: string; back: string; emailOn: string; emailOff: string; emailBounced: string; stopEmails: string; resumeEmails: string;
    signOut: string; signedOut: string; defaultSubject: string; replySubject: string;
  };
  errors: {
    empty: string; tooLong: string; subjectTooLong: string; invalidCharacters: string; notFound: string; signedOut: string;
    formExpired: string; unavailable: string; tooMany: string;
  };
  link: {
    openTitle: string; openHint: string; openButton: string; usedTitle: string; usedBody: string; expiredTitle: string;
    expiredBody: string; invalidTitle: string; invalidBody: string; newLink: string; newLinkSent: string; newLinkTooSoon: string;
    newLinkUnavailable: string;
  };
  packageKinds: Record<PackageKind, string>;
  /** Size classes, and what they mean in the resident's own measurement system. */
  packageSizes: Record<PackageSize, string>;
  sizeUpTo: string;
  sizeLargerThan: string;
  /** What `{{largestPackage}}` says when no waiting package has a size noted. */
  sizeNotNoted: string;
  bookingStatus: Record<BookingStatus, string>;
}

const en: ResidentCatalog = {
  email: {
    readAndReply: 'Read and reply on your page: {{url}}',
    linkNote: 'This link works once, until {{date}}. Every e-mail from the front desk brings a new one.',
    footer: 'Sent by the front desk of {{building}}. To stop these e-mails, choose “Stop e-mails” on your page or tell the front desk.',
    newLinkSubject: '{{building}}: your link to your page',
    newLinkBody: 'Here is the new link to your page at {{building}} that you asked for.',
  },
  notices: {
    packageReceived: { name: 'Package arrival', subject: '{{building}}: packages waiting for you', body: 'Hello {{residentName}},\n\nPackages waiting for you at the front desk: {{packageCount}} (the latest arrived {{date}}).' },
    packageReminder: { name: 'Package reminder', subject: '{{building}}: your packages are still waiting', body: 'Hello {{residentName}},\n\nPackages still waiting for you at the front desk: {{packageCount}}, the oldest since {{date}}. Please collect them, or tell the front desk if you are away.' },
    bookingConfirmed: { name: 'Booking confirmed', subject: '{{building}}: booking confirmed', body: 'Hello {{residentName}},\n\nYour booking of {{amenity}} on {{date}} is confirmed.' },
    bookingDeclined: { name: 'Booking declined', subject: '{{building}}: booking declined', body: 'Hello {{residentName}},\n\nYour booking request for {{amenity}} on {{date}} was declined. Ask the front desk if another time suits you.' },
    bookingCancelled: { name: 'Booking cancelled', subject: '{{building}}: booking cancelled', body: 'Hello {{residentName}},\n\nYour booking of {{amenity}} on {{date}} was cancelled.' },
    bookingOffered: { name: 'Place from the waiting list', subject: '{{building}}: a place opened up for you', body: 'Hello {{residentName}},\n\nA place opened up: your waiting-list request for {{amenity}} on {{date}} now has a place. Ask the front desk if you no longer need it.' },
  },
  page: {
    title: 'My page · {{building}}',
    hello: 'Hello {{name}}',
    unit: 'Unit {{unit}}',
    packagesTitle: 'Waiting for you at the front desk',
    packagesNone: 'Nothing is waiting for you.',
    packageReceived: 'since {{date}}',
    bookingsTitle: 'Your bookings',
    bookingsNone: 'No upcoming bookings.',
    threadsTitle: 'Messages',
    threadsNone: 'No messages yet.',
    open: 'Open',
    unreadByDesk: 'Not read by the front desk yet',
    fromDesk: 'Front desk',
    fromYou: 'You',
    newTitle: 'Write to the front desk',
    subjectLabel: 'Subject',
    bodyLabel: 'Message',
    replyLabel: 'Your reply',
    send: 'Send',
    sent: 'Sent. The front desk sees it now.',
    back: 'Back to my page',
    emailOn: 'You receive e-mails from the front desk.',
    emailOff: 'You asked for no e-mails from the front desk. You still find your messages here.',
    emailBounced: 'E-mails to your address came back. Give the front desk a working address.',
    stopEmails: 'Stop e-mails',
    resumeEmails: 'Receive e-mails again',
    signOut: 'Sign out',
    signedOut: 'You are signed out. The link in your next e-mail from the front desk brings you back.',
    defaultSubject: 'Message from a resident',
    replySubject: 'Re: {{subject}}',
  },
  errors: {
    empty: 'Your message is empty. Write something, then send it.',
    tooLong: 'Your message is too long ({{count}} characters; at most {{max}}). Shorten it, then send it.',
    subjectTooLong: 'The subject is too long (at most {{max}} characters). Shorten it, then send it.',
    invalidCharacters: 'Your message contains characters that cannot be sent. Retype it, then send it.',
    notFound: 'This conversation is not on your page. Go back to your page and choose it there.',
    signedOut: 'You are not signed in. Open the link in your latest e-mail from the front desk.',
    formExpired: 'This page was open too long. Reload it, then send your message again.',
    unavailable: 'The front desk’s service could not save this right now. Wait a minute, then send it again: your text is still here.',
    tooMany: 'You sent many messages in a short time. Wait a few minutes, then send it again.',
  },
  link: {
    openTitle: 'Your page at {{building}}',
    openHint: 'This link works once. After you open it, your page stays open on this device for {{hours}} hours.',
    openButton: 'Open my page',
    usedTitle: 'This link was already used',
    usedBody: 'Each link works once. If you opened it before, your page may still be open in another tab. Otherwise ask for a new link: it goes to the e-mail address the front desk has for you.',
    expiredTitle: 'This link has expired',
    expiredBody: 'Links work for a limited time. Ask for a new one: it goes to the e-mail address the front desk has for you.',
    invalidTitle: 'This link is not valid',
    invalidBody: 'Check that you opened the whole address from the e-mail, or open your latest e-mail from the front desk.',
    newLink: 'E-mail me a new link',
    newLinkSent: 'A new link is on its way to your e-mail address.',
    newLinkTooSoon: 'A new link was sent a few minutes ago. Check your inbox (and your spam folder) before asking again.',
    newLinkUnavailable: 'No link can be sent: the front desk has no working e-mail address for you, or you asked for no e-mails. Ask at the front desk.',
  },
  packageKinds: {
    parcel: 'Parcel',
    envelope: 'Envelope',
    flowers: 'Flowers',
    food: 'Food',
    other: 'Other',
  },
  packageSizes: { small: 'Small', medium: 'Medium', large: 'Large', oversized: 'Oversized' },
  sizeUpTo: '{{size}} (up to {{dimensions}})',
  sizeLargerThan: '{{size}} (larger than {{dimensions}})',
  sizeNotNoted: 'size not noted',
  bookingStatus: {
    requested: 'Awaiting approval',
    confirmed: 'Confirmed',
    waitlisted: 'On the waiting list',
    declined: 'Declined',
    cancelled: 'Cancelled',
    checkedIn: 'Checked in',
    noShow: 'Missed',
  },
};

const es: ResidentCatalog = {
  email: {
    readAndReply: 'Lea y responda en su página: {{url}}',
    linkNote: 'Este enlace funciona una sola vez, hasta el {{date}}. Cada correo de recepción trae uno nuevo.',
    footer: 'Enviado por la recepción de {{building}}. Para no recibir más correos, elija «Dejar de recibir correos» en su página o avise en recepción.',
    newLinkSubject: '{{building}}: su enlace a su página',
    newLinkBody: 'Aquí tiene el nuevo enlace a su página de {{building}} que pidió.',
  },
  notices: {
    packageReceived: { name: 'Llegada de paquetes', subject: '{{building}}: tiene paquetes esperándole', body: 'Hola, {{residentName}}:\n\nPaquetes esperándole en recepción: {{packageCount}} (el último llegó el {{date}}).' },
    packageReminder: { name: 'Recordatorio de paquetes', subject: '{{building}}: sus paquetes siguen esperando', body: 'Hola, {{residentName}}:\n\nPaquetes que siguen esperándole en recepción: {{packageCount}}, el más antiguo desde el {{date}}. Por favor, recójalos o avise en recepción si está de viaje.' },
    bookingConfirmed: { name: 'Reserva confirmada', subject: '{{building}}: reserva confirmada', body: 'Hola, {{residentName}}:\n\nSu reserva de {{amenity}} para el {{date}} está confirmada.' },
    bookingDeclined: { name: 'Reserva rechazada', subject: '{{building}}: reserva rechazada', body: 'Hola, {{residentName}}:\n\nSu solicitud de reserva de {{amenity}} para el {{date}} fue rechazada. Pregunte en recepción si le conviene otro horario.' },
    bookingCancelled: { name: 'Reserva cancelada', subject: '{{building}}: reserva cancelada', body: 'Hola, {{residentName}}:\n\nSu reserva de {{amenity}} para el {{date}} fue cancelada.' },
    bookingOffered: { name: 'Plaza de la lista de espera', subject: '{{building}}: se liberó una plaza para usted', body: 'Hola, {{residentName}}:\n\nSe liberó una plaza: su solicitud en lista de espera de {{amenity}} para el {{date}} ya tiene sitio. Avise en recepción si ya no la necesita.' },
  },
  page: {
    title: 'Mi página · {{building}}',
    hello: 'Hola, {{name}}',
    unit: 'Unidad {{unit}}',
    packagesTitle: 'Le espera en recepción',
    packagesNone: 'No hay nada esperándole.',
    packageReceived: 'desde el {{date}}',
    bookingsTitle: 'Sus reservas',
    bookingsNone: 'No tiene reservas próximas.',
    threadsTitle: 'Mensajes',
    threadsNone: 'Todavía no hay mensajes.',
    open: 'Abrir',
    unreadByDesk: 'Recepción aún no lo ha leído',
    fromDesk: 'Recepción',
    fromYou: 'Usted',
    newTitle: 'Escribir a recepción',
    subjectLabel: 'Asunto',
    bodyLabel: 'Mensaje',
    replyLabel: 'Su respuesta',
    send: 'Enviar',
    sent: 'Enviado. Recepción ya lo ve.',
    back: 'Volver a mi página',
    emailOn: 'Recibe correos de recepción.',
    emailOff: 'Pidió no recibir correos de recepción. Sus mensajes siguen estando aquí.',
    emailBounced: 'Los correos a su dirección fueron devueltos. Dé a recepción una dirección que funcione.',
    stopEmails: 'Dejar de recibir correos',
    resumeEmails: 'Volver a recibir correos',
    signOut: 'Cerrar sesión',
    signedOut: 'Ha cerrado la sesión. El enlace de su próximo correo de recepción le trae de vuelta.',
    defaultSubject: 'Mensaje de un residente',
    replySubject: 'Re: {{subject}}',
  },
  errors: {
    empty: 'Su mensaje está vacío. Escriba algo y envíelo.',
    tooLong: 'Su mensaje es demasiado largo ({{count}} caracteres; como máximo {{max}}). Acórtelo y envíelo.',
    subjectTooLong: 'El asunto es demasiado largo (como máximo {{max}} caracteres). Acórtelo y envíelo.',
    invalidCharacters: 'Su mensaje contiene caracteres que no se pueden enviar. Vuelva a escribirlo y envíelo.',
    notFound: 'Esta conversación no está en su página. Vuelva a su página y elíjala allí.',
    signedOut: 'No ha iniciado sesión. Abra el enlace de su último correo de recepción.',
    formExpired: 'Esta página estuvo abierta demasiado tiempo. Recárguela y envíe su mensaje de nuevo.',
    unavailable: 'El servicio de recepción no pudo guardarlo ahora. Espere un minuto y envíelo de nuevo: su texto sigue aquí.',
    tooMany: 'Envió muchos mensajes en poco tiempo. Espere unos minutos y envíelo de nuevo.',
  },
  link: {
    openTitle: 'Su página de {{building}}',
    openHint: 'Este enlace funciona una sola vez. Después de abrirlo, su página sigue abierta en este dispositivo durante {{hours}} horas.',
    openButton: 'Abrir mi página',
    usedTitle: 'Este enlace ya se usó',
    usedBody: 'Cada enlace funciona una sola vez. Si ya lo abrió, puede que su página siga abierta en otra pestaña. Si no, pida un enlace nuevo: llegará a la dirección de correo que recepción tiene de usted.',
    expiredTitle: 'Este enlace ha caducado',
    expiredBody: 'Los enlaces funcionan durante un tiempo limitado. Pida uno nuevo: llegará a la dirección de correo que recepción tiene de usted.',
    invalidTitle: 'Este enlace no es válido',
    invalidBody: 'Compruebe que abrió la dirección completa del correo, o abra su último correo de recepción.',
    newLink: 'Enviarme un enlace nuevo',
    newLinkSent: 'Un enlace nuevo va de camino a su dirección de correo.',
    newLinkTooSoon: 'Se envió un enlace nuevo hace unos minutos. Revise su bandeja de entrada (y la carpeta de spam) antes de pedir otro.',
    newLinkUnavailable: 'No se puede enviar ningún enlace: recepción no tiene una dirección de correo que funcione, o pidió no recibir correos. Pregunte en recepción.',
  },
  packageKinds: {
    parcel: 'Paquete',
    envelope: 'Sobre',
    flowers: 'Flores',
    food: 'Comida',
    other: 'Otro',
  },
  packageSizes: { small: 'Pequeño', medium: 'Mediano', large: 'Grande', oversized: 'Extragrande' },
  sizeUpTo: '{{size}} (hasta {{dimensions}})',
  sizeLargerThan: '{{size}} (más de {{dimensions}})',
  sizeNotNoted: 'tamaño no anotado',
  bookingStatus: {
    requested: 'Pendiente de aprobación',
    confirmed: 'Confirmada',
    waitlisted: 'En lista de espera',
    declined: 'Rechazada',
    cancelled: 'Cancelada',
    checkedIn: 'Registrada',
    noShow: 'No se presentó',
  },
};

const fr: ResidentCatalog = {
  email: {
    readAndReply: 'Lisez et répondez sur votre page : {{url}}',
    linkNote: 'Ce lien ne fonctionne qu’une fois, jusqu’au {{date}}. Chaque courriel de la loge en apporte un nouveau.',
    footer: 'Envoyé par la loge de {{building}}. Pour ne plus recevoir ces courriels, choisissez « Ne plus recevoir de courriels » sur votre page ou prévenez la loge.',
    newLinkSubject: '{{building}} : votre lien vers votre page',
    newLinkBody: 'Voici le nouveau lien vers votre page de {{building}} que vous avez demandé.',
  },
  notices: {
    packageReceived: { name: 'Arrivée de colis', subject: '{{building}} : des colis vous attendent', body: 'Bonjour {{residentName}},\n\nColis qui vous attendent à la loge : {{packageCount}} (le dernier est arrivé le {{date}}).' },
    packageReminder: { name: 'Rappel de colis', subject: '{{building}} : vos colis vous attendent toujours', body: 'Bonjour {{residentName}},\n\nColis qui vous attendent toujours à la loge : {{packageCount}}, le plus ancien depuis le {{date}}. Merci de venir les chercher, ou prévenez la loge si vous êtes absent.' },
    bookingConfirmed: { name: 'Réservation confirmée', subject: '{{building}} : réservation confirmée', body: 'Bonjour {{residentName}},\n\nVotre réservation de {{amenity}} le {{date}} est confirmée.' },
    bookingDeclined: { name: 'Réservation refusée', subject: '{{building}} : réservation refusée', body: 'Bonjour {{residentName}},\n\nVotre demande de réservation de {{amenity}} le {{date}} a été refusée. Demandez à la loge si un autre créneau vous convient.' },
    bookingCancelled: { name: 'Réservation annulée', subject: '{{building}} : réservation annulée', body: 'Bonjour {{residentName}},\n\nVotre réservation de {{amenity}} le {{date}} a été annulée.' },
    bookingOffered: { name: 'Place de la liste d’attente', subject: '{{building}} : une place s’est libérée pour vous', body: 'Bonjour {{residentName}},\n\nUne place s’est libérée : votre demande en liste d’attente pour {{amenity}} le {{date}} a maintenant une place. Prévenez la loge si vous n’en avez plus besoin.' },
  },
  page: {
    title: 'Ma page · {{building}}',
    hello: 'Bonjour {{name}}',
    unit: 'Logement {{unit}}',
    packagesTitle: 'Vous attend à la loge',
    packagesNone: 'Rien ne vous attend.',
    packageReceived: 'depuis le {{date}}',
    bookingsTitle: 'Vos réservations',
    bookingsNone: 'Aucune réservation à venir.',
    threadsTitle: 'Messages',
    threadsNone: 'Pas encore de message.',
    open: 'Ouvrir',
    unreadByDesk: 'Pas encore lu par la loge',
    fromDesk: 'Loge',
    fromYou: 'Vous',
    newTitle: 'Écrire à la loge',
    subjectLabel: 'Objet',
    bodyLabel: 'Message',
    replyLabel: 'Votre réponse',
    send: 'Envoyer',
    sent: 'Envoyé. La loge le voit dès maintenant.',
    back: 'Retour à ma page',
    emailOn: 'Vous recevez les courriels de la loge.',
    emailOff: 'Vous avez demandé à ne plus recevoir de courriels de la loge. Vos messages restent ici.',
    emailBounced: 'Les courriels envoyés à votre adresse sont revenus. Donnez à la loge une adresse qui fonctionne.',
    stopEmails: 'Ne plus recevoir de courriels',
    resumeEmails: 'Recevoir de nouveau les courriels',
    signOut: 'Se déconnecter',
    signedOut: 'Vous êtes déconnecté. Le lien de votre prochain courriel de la loge vous ramènera ici.',
    defaultSubject: 'Message d’un résident',
    replySubject: 'Re : {{subject}}',
  },
  errors: {
    empty: 'Votre message est vide. Écrivez quelque chose, puis envoyez-le.',
    tooLong: 'Votre message est trop long ({{count}} caractères ; {{max}} au plus). Raccourcissez-le, puis envoyez-le.',
    subjectTooLong: 'L’objet est trop long ({{max}} caractères au plus). Raccourcissez-le, puis envoyez-le.',
    invalidCharacters: 'Votre message contient des caractères qui ne peuvent pas être envoyés. Retapez-le, puis envoyez-le.',
    notFound: 'Cette conversation ne figure pas sur votre page. Revenez à votre page et choisissez-la là.',
    signedOut: 'Vous n’êtes pas connecté. Ouvrez le lien de votre dernier courriel de la loge.',
    formExpired: 'Cette page est restée ouverte trop longtemps. Rechargez-la, puis renvoyez votre message.',
    unavailable: 'Le service de la loge n’a pas pu l’enregistrer pour le moment. Attendez une minute, puis renvoyez-le : votre texte est toujours là.',
    tooMany: 'Vous avez envoyé beaucoup de messages en peu de temps. Attendez quelques minutes, puis renvoyez-le.',
  },
  link: {
    openTitle: 'Votre page de {{building}}',
    openHint: 'Ce lien ne fonctionne qu’une fois. Une fois ouverte, votre page reste ouverte sur cet appareil pendant {{hours}} heures.',
    openButton: 'Ouvrir ma page',
    usedTitle: 'Ce lien a déjà servi',
    usedBody: 'Chaque lien ne fonctionne qu’une fois. Si vous l’avez déjà ouvert, votre page est peut-être encore ouverte dans un autre onglet. Sinon, demandez un nouveau lien : il sera envoyé à l’adresse que la loge a pour vous.',
    expiredTitle: 'Ce lien a expiré',
    expiredBody: 'Les liens ne fonctionnent que pendant une durée limitée. Demandez-en un nouveau : il sera envoyé à l’adresse que la loge a pour vous.',
    invalidTitle: 'Ce lien n’est pas valide',
    invalidBody: 'Vérifiez que vous avez ouvert l’adresse complète du courriel, ou ouvrez votre dernier courriel de la loge.',
    newLink: 'M’envoyer un nouveau lien',
    newLinkSent: 'Un nouveau lien est en route vers votre adresse électronique.',
    newLinkTooSoon: 'Un nouveau lien a été envoyé il y a quelques minutes. Vérifiez votre boîte de réception (et vos indésirables) avant d’en redemander un.',
    newLinkUnavailable: 'Aucun lien ne peut être envoyé : la loge n’a pas d’adresse électronique qui fonctionne pour vous, ou vous avez demandé à ne plus recevoir de courriels. Renseignez-vous à la loge.',
  },
  packageKinds: {
    parcel: 'Colis',
    envelope: 'Enveloppe',
    flowers: 'Fleurs',
    food: 'Repas',
    other: 'Autre',
  },
  packageSizes: { small: 'Petit', medium: 'Moyen', large: 'Grand', oversized: 'Hors gabarit' },
  sizeUpTo: '{{size}} (jusqu’à {{dimensions}})',
  sizeLargerThan: '{{size}} (plus de {{dimensions}})',
  sizeNotNoted: 'taille non notée',
  bookingStatus: {
    requested: 'En attente d’accord',
    confirmed: 'Confirmée',
    waitlisted: 'En liste d’attente',
    declined: 'Refusée',
    cancelled: 'Annulée',
    checkedIn: 'Présence enregistrée',
    noShow: 'Absence',
  },
};

export const RESIDENT_CATALOGS: Readonly<Record<Language, ResidentCatalog>> = { en, es, fr };

/** Replaces {{name}} with its value (values are plain text; HTML is escaped where it is rendered). */
export function interpolate(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g, (match, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : match));
}

/** "Large (up to 75 × 50 × 50 cm)": a size class as a resident reads it, in their language and system. */
export function residentSizeText(size: PackageSize, language: Language, system: MeasurementSystem): string {
  const catalog = RESIDENT_CATALOGS[language];
  const bound = sizeClassBound(size, system);
  const values = { size: catalog.packageSizes[size], dimensions: formatLengths(bound.dimensionsMm, system, language, 'centimeter') };
  return interpolate(bound.kind === 'upTo' ? catalog.sizeUpTo : catalog.sizeLargerThan, values);
}

const SIZE_ORDER: readonly PackageSize[] = ['small', 'medium', 'large', 'oversized'];

/** The `{{largestPackage}}` placeholder: the largest size noted among these packages, so a resident knows whether to bring help. */
export function largestPackageText(packages: ReadonlyArray<{ size: PackageSize | null }>, language: Language, system: MeasurementSystem): string {
  const largest = packages.reduce<PackageSize | null>((best, pkg) => (pkg.size && (best === null || SIZE_ORDER.indexOf(pkg.size) > SIZE_ORDER.indexOf(best)) ? pkg.size : best), null);
  return largest ? residentSizeText(largest, language, system) : RESIDENT_CATALOGS[language].sizeNotNoted;
}
