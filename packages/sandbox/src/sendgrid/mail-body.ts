import { mailError, type SendGridErrorItem } from './sendgrid-errors';

export interface EmailAddress {
  email: string;
  name?: string;
}

export interface Personalization {
  to: EmailAddress[];
  cc?: EmailAddress[];
  bcc?: EmailAddress[];
  subject?: string;
  custom_args?: Record<string, string>;
}

/** The part of SendGrid's v3 mail send body the sandbox checks and keeps. */
export interface MailSendBody {
  personalizations: Personalization[];
  from: EmailAddress;
  subject?: string;
  content?: { type: string; value: string }[];
  template_id?: string;
  categories?: string[];
  custom_args?: Record<string, string>;
}

// Deliberately loose, like SendGrid's own check: something@something.tld.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function addressErrors(value: unknown, field: string, anchor: string): SendGridErrorItem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((address, index) =>
    isObject(address) && typeof address.email === 'string' && EMAIL.test(address.email)
      ? []
      : [mailError('Does not contain a valid address.', `${field}.${index}.email`, anchor)],
  );
}

function personalizationErrors(personalizations: unknown[]): SendGridErrorItem[] {
  return personalizations.flatMap((personalization, index) => {
    const field = `personalizations.${index}`;
    if (!isObject(personalization) || !Array.isArray(personalization.to) || personalization.to.length === 0) {
      return [
        mailError(
          'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
          `${field}.to`,
          'personalizations.to',
        ),
      ];
    }
    return [
      ...addressErrors(personalization.to, `${field}.to`, 'personalizations.to'),
      ...addressErrors(personalization.cc, `${field}.cc`, 'personalizations.cc'),
      ...addressErrors(personalization.bcc, `${field}.bcc`, 'personalizations.bcc'),
    ];
  });
}

/**
 * Checks a mail send body the way SendGrid's v3 API does (the fields ClinicFlow sends), and answers
 * with SendGrid's own messages and field paths, so client code sees the errors it would in production.
 */
export function mailSendErrors(body: unknown): SendGridErrorItem[] {
  if (!isObject(body)) return [{ message: 'Bad Request', field: null, help: null }];
  const errors: SendGridErrorItem[] = [];
  const { personalizations, from, subject, content, template_id: templateId } = body;
  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    errors.push(
      mailError(
        'The personalizations field is required and must have at least one personalization.',
        'personalizations',
        'personalizations',
      ),
    );
  } else {
    errors.push(...personalizationErrors(personalizations));
  }
  if (!isObject(from)) {
    errors.push(
      mailError(
        'The from object must be provided for every email send. It is an object that requires an email parameter, but may also contain a name parameter.',
        'from',
        'from',
      ),
    );
  } else if (typeof from.email !== 'string' || !EMAIL.test(from.email)) {
    errors.push(mailError('The from email does not contain a valid address.', 'from.email', 'from'));
  }
  const everyPersonalizationHasSubject =
    Array.isArray(personalizations) &&
    personalizations.length > 0 &&
    personalizations.every(
      (personalization) => isObject(personalization) && typeof personalization.subject === 'string',
    );
  if (typeof templateId !== 'string' && typeof subject !== 'string' && !everyPersonalizationHasSubject) {
    errors.push(
      mailError(
        'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
        'subject',
        'subject',
      ),
    );
  }
  if (typeof templateId !== 'string') {
    if (!Array.isArray(content) || content.length === 0) {
      errors.push(
        mailError(
          'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
          'content',
          'content',
        ),
      );
    } else {
      content.forEach((block, index) => {
        if (!isObject(block) || typeof block.value !== 'string' || block.value.length === 0) {
          errors.push(
            mailError(
              'The content value must be a string at least one character in length.',
              `content.${index}.value`,
              'content.value',
            ),
          );
        }
      });
    }
  }
  return errors;
}
