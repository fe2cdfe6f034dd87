import { smsKeywordOf } from './sms-keywords';

describe('smsKeywordOf', () => {
  it("reads Twilio's opt-out, opt-in and help keywords in any case, and nothing else", () => {
    expect(['STOP', ' stop ', 'Unsubscribe', 'cancel', 'END', 'quit', 'STOPALL'].map(smsKeywordOf)).toEqual(
      Array(7).fill('opt-out'),
    );
    expect(['START', 'yes', 'Unstop'].map(smsKeywordOf)).toEqual(['opt-in', 'opt-in', 'opt-in']);
    expect(['HELP', 'info'].map(smsKeywordOf)).toEqual(['help', 'help']);
    expect(['please stop texting me', 'STOP!', 'hello'].map(smsKeywordOf)).toEqual([null, null, null]);
  });
});
