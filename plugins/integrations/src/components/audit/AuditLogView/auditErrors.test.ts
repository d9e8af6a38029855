import { FAILURE_CLASS_INFO } from '@internal/plugin-integrations-common';
import { auditErrorText } from './auditErrors';

describe('auditErrorText', () => {
  it('names the error in words instead of its class', () => {
    expect(
      auditErrorText(
        'NotAllowedError: Changing the host sends the stored credentials',
      ),
    ).toBe('Not allowed: Changing the host sends the stored credentials');
    expect(auditErrorText('auth_invalid')).toBe(
      FAILURE_CLASS_INFO.auth_invalid.label,
    );
  });

  it('keeps an error it does not know as it was recorded', () => {
    expect(auditErrorText('TypeError: x is undefined')).toBe(
      'TypeError: x is undefined',
    );
    expect(auditErrorText('Something broke')).toBe('Something broke');
  });
});
