import { Router } from 'express';
import { ProviderContext, SimulatedProvider } from './types';
import { bearerMatching, OPAQUE_TOKEN } from './http';
import { googleApiErrors, googleApiRateLimit } from './googleApiErrors';

const OWNER = 'ops@acme-shop.example';

function routes(context: ProviderContext): Router {
  const router = Router();
  router.use(
    context.requireCredentials(bearerMatching(OPAQUE_TOKEN, context.tokens)),
  );

  router.get('/calendar/v3/users/me/calendarList', (_req, res) => {
    res.json({
      kind: 'calendar#calendarList',
      items: [
        {
          kind: 'calendar#calendarListEntry',
          id: 'primary',
          summary: OWNER,
          timeZone: 'UTC',
          accessRole: 'owner',
          primary: true,
        },
      ],
    });
  });

  router.get('/calendar/v3/calendars/:calendarId/events', (req, res) => {
    const { calendarId } = req.params;
    res.json({
      kind: 'calendar#events',
      summary: calendarId === 'primary' ? OWNER : calendarId,
      timeZone: 'UTC',
      accessRole: 'owner',
      updated: new Date(context.now()).toISOString(),
      items: [],
    });
  });

  return router;
}

export const googleCalendarProvider: SimulatedProvider = {
  id: 'google-calendar',
  defaultScopes: ['https://www.googleapis.com/auth/calendar'],
  rateLimit: googleApiRateLimit,
  errors: googleApiErrors,
  routes,
};
