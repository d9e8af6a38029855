import { ProviderDefinition } from './types';
import { oneOf, settingsObject, text } from './fields';
import { googleKnownErrors, googleOAuthCredentials } from './googleOAuth';

/**
 * Asks the runtime rather than a list: `Intl.supportedValuesOf` leaves out UTC
 * and aliases such as Asia/Kolkata, while the constructor accepts them and
 * throws a RangeError for a zone it does not know.
 */
function isTimeZone(value: string): boolean {
  try {
    return Boolean(
      new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions()
        .timeZone,
    );
  } catch {
    return false;
  }
}

export const googleCalendarProvider: ProviderDefinition = {
  id: 'google-calendar',
  displayName: 'Google Calendar',
  category: 'calendar',
  authType: 'oauth2',
  description:
    'Events and availability of the company’s shared Google calendars.',
  docsUrl: 'https://developers.google.com/calendar/api/v3/reference',
  defaultBaseUrl: 'https://www.googleapis.com/calendar/v3',
  apiVersion: 'v3',
  defaultScopes: ['https://www.googleapis.com/auth/calendar.events'],
  features: [
    {
      id: 'events',
      label: 'Events',
      description: 'Read, create and update events.',
    },
    {
      id: 'free_busy',
      label: 'Free/busy',
      description: 'Find when people and rooms are available.',
    },
    {
      id: 'push_notifications',
      label: 'Push notifications',
      description: 'Be told of event changes through watch channels.',
    },
    {
      id: 'calendar_list',
      label: 'Calendar list',
      description: 'List the calendars the account can see.',
    },
  ],
  defaultFeatures: ['events', 'free_busy'],
  settingsSchema: settingsObject({
    calendarId: text({
      title: 'Calendar ID',
      description:
        'primary for the account’s own calendar, or an ID such as team@group.calendar.google.com.',
    }).regex(
      /^(primary|[^\s@]+@[^\s@]+)$/,
      'Calendar ID must be primary or an ID such as team@group.calendar.google.com',
    ),
    timeZone: text({
      title: 'Time zone',
      description: 'IANA time zone of new events, such as Europe/Paris.',
    }).refine(
      isTimeZone,
      'Time zone must be an IANA time zone such as Europe/Paris or UTC',
    ),
    sendUpdates: oneOf(
      {
        title: 'Notify guests',
        description: 'Who gets an email when an event is created or changed.',
      },
      ['all', 'externalOnly', 'none'],
    ),
  }),
  defaultSettings: {
    calendarId: 'primary',
    timeZone: 'UTC',
    sendUpdates: 'none',
  },
  credentialsSchema: googleOAuthCredentials,
  defaultMonitoring: {
    healthCheckInterval: 300,
    alertThresholds: { errorRate: 5, responseTime: 3000, uptime: 99.5 },
  },
  probes: {
    auth: { scheme: 'oauth2' },
    authCheck: {
      operation: 'List the calendars of the account',
      method: 'GET',
      path: '/users/me/calendarList',
      query: { maxResults: '1' },
      expect: { path: 'kind', equals: 'calendar#calendarList' },
    },
    functional: {
      operation: 'List one event of the configured calendar',
      method: 'GET',
      path: '/calendars/{settings.calendarId}/events',
      query: { maxResults: '1' },
      expect: { path: 'kind', equals: 'calendar#events' },
    },
    scopes: { from: 'token_info', path: 'tokeninfo' },
    errorFormat: {
      code: ['error.errors.0.reason', 'error.details.0.reason', 'error.status'],
      message: ['error.message'],
    },
    knownErrors: googleKnownErrors,
  },
  oauth: {
    tokenUrl: 'https://oauth2.googleapis.com/token',
    grant: 'refresh_token',
    clientAuthentication: 'body',
  },
};
