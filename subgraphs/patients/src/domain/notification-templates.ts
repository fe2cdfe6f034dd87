import { type NotificationDetails } from './notification-requests';
import { NotificationKind } from './notification.entity';

/** A rendered message: the subject is for email, the text for both channels. */
export interface RenderedMessage {
  subject: string;
  text: string;
}

/** Where and how a message is read: the patient's time zone and language. */
export interface Reader {
  timeZone: string;
  /** The patient's preferred language (BCP 47); languages without templates get English. */
  language: string;
}

const CLINIC = 'ClinicFlow';

type Templates = {
  [K in NotificationKind]: (details: NotificationDetails<K>, format: Formats) => RenderedMessage;
};

interface Formats {
  money(amountCents: number, currency: string): string;
  dateTime(iso: string): string;
}

/**
 * One plain function per kind and language. Bodies say that something is ready or due and where to
 * go, never a result value, a diagnosis or a medicine's name: an SMS or email can be read by anyone
 * holding the phone.
 */
const english: Templates = {
  [NotificationKind.CHECK_IN_CONFIRMATION]: ({ token, serviceName }) => ({
    subject: `${CLINIC}: you are checked in`,
    text: `${CLINIC}: you are checked in for ${serviceName}. Your number is ${token}. We will let you know when your turn is near.`,
  }),
  [NotificationKind.TURN_NEAR]: ({ token, ahead }) => ({
    subject: `${CLINIC}: your turn is near`,
    text: `${CLINIC}: your turn is near (number ${token}, ${ahead} ahead of you). Please stay close to the waiting area.`,
  }),
  [NotificationKind.TOKEN_CALLED]: ({ token, location }) => ({
    subject: `${CLINIC}: number ${token}, it is your turn`,
    text: `${CLINIC}: number ${token}, please go to ${location} now.`,
  }),
  [NotificationKind.LAB_RESULT_READY]: () => ({
    subject: `${CLINIC}: a lab result is ready`,
    text: `${CLINIC}: a new lab result is ready. Sign in to the patient portal or ask your care team to see it.`,
  }),
  [NotificationKind.MEDICATION_READY]: ({ pickupLocation }) => ({
    subject: `${CLINIC}: your medication is ready`,
    text: `${CLINIC}: your medication is ready for pickup${pickupLocation ? ` at ${pickupLocation}` : ''}. Please bring photo ID.`,
  }),
  [NotificationKind.PAYMENT_RECEIPT]: ({ amountCents, currency, reference }, format) => ({
    subject: `${CLINIC}: payment received`,
    text: `${CLINIC}: we received your payment of ${format.money(amountCents, currency)} (reference ${reference}). Thank you.`,
  }),
  [NotificationKind.APPOINTMENT_REMINDER]: ({ startsAt, serviceName }, format) => ({
    subject: `${CLINIC}: appointment reminder`,
    text: `${CLINIC}: reminder of your ${serviceName} appointment on ${format.dateTime(startsAt)}. Reply STOP to opt out of texts.`,
  }),
  [NotificationKind.APPOINTMENT_BOOKED]: ({ startsAt, serviceName }, format) => ({
    subject: `${CLINIC}: appointment booked`,
    text: `${CLINIC}: your ${serviceName} appointment is booked for ${format.dateTime(startsAt)}.`,
  }),
  [NotificationKind.APPOINTMENT_RESCHEDULED]: ({ startsAt, serviceName }, format) => ({
    subject: `${CLINIC}: appointment moved`,
    text: `${CLINIC}: your ${serviceName} appointment has moved to ${format.dateTime(startsAt)}.`,
  }),
  [NotificationKind.APPOINTMENT_CANCELLED]: ({ startsAt, serviceName }, format) => ({
    subject: `${CLINIC}: appointment cancelled`,
    text: `${CLINIC}: your ${serviceName} appointment on ${format.dateTime(startsAt)} has been cancelled. Please contact the clinic to book again.`,
  }),
};

const spanish: Templates = {
  [NotificationKind.CHECK_IN_CONFIRMATION]: ({ token, serviceName }) => ({
    subject: `${CLINIC}: registro confirmado`,
    text: `${CLINIC}: se ha registrado para ${serviceName}. Su número es ${token}. Le avisaremos cuando se acerque su turno.`,
  }),
  [NotificationKind.TURN_NEAR]: ({ token, ahead }) => ({
    subject: `${CLINIC}: su turno se acerca`,
    text: `${CLINIC}: su turno se acerca (número ${token}, ${ahead} por delante). Por favor, quédese cerca de la sala de espera.`,
  }),
  [NotificationKind.TOKEN_CALLED]: ({ token, location }) => ({
    subject: `${CLINIC}: número ${token}, es su turno`,
    text: `${CLINIC}: número ${token}, por favor pase ahora a ${location}.`,
  }),
  [NotificationKind.LAB_RESULT_READY]: () => ({
    subject: `${CLINIC}: un resultado de laboratorio está listo`,
    text: `${CLINIC}: hay un nuevo resultado de laboratorio. Entre en el portal del paciente o consulte a su equipo de atención para verlo.`,
  }),
  [NotificationKind.MEDICATION_READY]: ({ pickupLocation }) => ({
    subject: `${CLINIC}: su medicamento está listo`,
    text: `${CLINIC}: su medicamento está listo para recoger${pickupLocation ? ` en ${pickupLocation}` : ''}. Traiga una identificación con foto.`,
  }),
  [NotificationKind.PAYMENT_RECEIPT]: ({ amountCents, currency, reference }, format) => ({
    subject: `${CLINIC}: pago recibido`,
    text: `${CLINIC}: hemos recibido su pago de ${format.money(amountCents, currency)} (referencia ${reference}). Gracias.`,
  }),
  [NotificationKind.APPOINTMENT_REMINDER]: ({ startsAt, serviceName }, format) => ({
    subject: `${CLINIC}: recordatorio de cita`,
    text: `${CLINIC}: le recordamos su cita de ${serviceName} el ${format.dateTime(startsAt)}. Responda STOP para no recibir más mensajes.`,
  }),
  [NotificationKind.APPOINTMENT_BOOKED]: ({ startsAt, serviceName }, format) => ({
    subject: `${CLINIC}: cita reservada`,
    text: `${CLINIC}: su cita de ${serviceName} está reservada para el ${format.dateTime(startsAt)}.`,
  }),
  [NotificationKind.APPOINTMENT_RESCHEDULED]: ({ startsAt, serviceName }, format) => ({
    subject: `${CLINIC}: cita cambiada`,
    text: `${CLINIC}: su cita de ${serviceName} se ha cambiado al ${format.dateTime(startsAt)}.`,
  }),
  [NotificationKind.APPOINTMENT_CANCELLED]: ({ startsAt, serviceName }, format) => ({
    subject: `${CLINIC}: cita cancelada`,
    text: `${CLINIC}: su cita de ${serviceName} del ${format.dateTime(startsAt)} ha sido cancelada. Llame a la clínica para pedir otra.`,
  }),
};

const byLanguage: Record<string, { templates: Templates; locale: string }> = {
  en: { templates: english, locale: 'en-US' },
  es: { templates: spanish, locale: 'es-US' },
};

/** Renders a notification's message in the reader's language (English when it has none), dates in their time zone. */
export function renderNotification(
  kind: NotificationKind,
  details: Record<string, unknown>,
  reader: Reader,
): RenderedMessage {
  const { templates, locale } = byLanguage[reader.language.split('-')[0]!.toLowerCase()] ?? byLanguage.en!;
  const format: Formats = {
    money: (amountCents, currency) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountCents / 100),
    dateTime: (iso) =>
      new Intl.DateTimeFormat(locale, {
        timeZone: reader.timeZone,
        weekday: 'short',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      }).format(new Date(iso)),
  };
  const template = templates[kind] as (details: Record<string, unknown>, format: Formats) => RenderedMessage;
  return template(details, format);
}
