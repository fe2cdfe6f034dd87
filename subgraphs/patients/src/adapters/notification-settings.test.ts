import { ConfigError } from '@clinicflow/platform';
import { loadNotificationSettings } from './notification-settings';

const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'b'.repeat(32),
  TWILIO_FROM_NUMBER: '+15555550100',
  NOTIFICATIONS_WEBHOOK_BASE_URL: 'https://patients.clinic.example/',
};

const problemsOf = (environment: Record<string, string>) => {
  try {
    loadNotificationSettings(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadNotificationSettings', () => {
  it('turns notifications off when no provider is configured', () => {
    expect(loadNotificationSettings({})).toMatchObject({ sms: null, smsFallback: null, email: null });
  });

  it('reads a Twilio account, with the defaults for the rest', () => {
    expect(loadNotificationSettings(TWILIO)).toMatchObject({
      sms: { accountSid: TWILIO.TWILIO_ACCOUNT_SID, from: '+15555550100', apiUrl: undefined },
      webhookBaseUrl: 'https://patients.clinic.example',
      throttle: { max: 10, windowMinutes: 60 },
      retry: { limit: 5, delaySeconds: 5 },
    });
  });

  it('names each bad or missing variable, never its value', () => {
    const problems = problemsOf({ ...TWILIO, TWILIO_FROM_NUMBER: '555-0100', NOTIFICATIONS_THROTTLE_MAX: '-1' });
    expect(problems).toEqual([
      expect.stringMatching(/^TWILIO_FROM_NUMBER: must be a phone number in E\.164 form/),
      expect.stringMatching(/^NOTIFICATIONS_THROTTLE_MAX: /),
    ]);
    expect(problems.join()).not.toContain('555-0100');
    expect(problemsOf({ TWILIO_ACCOUNT_SID: TWILIO.TWILIO_ACCOUNT_SID })).toEqual([
      'TWILIO_AUTH_TOKEN: is required with TWILIO_ACCOUNT_SID',
      'TWILIO_FROM_NUMBER: is required with TWILIO_ACCOUNT_SID',
    ]);
    expect(problemsOf({ ...TWILIO, NOTIFICATIONS_WEBHOOK_BASE_URL: '' })).toEqual([
      'NOTIFICATIONS_WEBHOOK_BASE_URL: is required when a notification provider is configured',
    ]);
  });
});
