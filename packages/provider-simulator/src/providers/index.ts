import { SimulatedProvider } from './types';
import { brevoProvider } from './brevo';
import { genericHttpProvider } from './genericHttp';
import { githubProvider } from './github';
import { googleAnalyticsProvider } from './googleAnalytics';
import { googleCalendarProvider } from './googleCalendar';
import { googleOAuthProvider } from './googleOAuth';
import { linkedinProvider } from './linkedin';
import { odooProvider } from './odoo';
import { paypalProvider } from './paypal';
import { scooppProvider } from './scoopp';
import { stripeProvider } from './stripe';
import { stripeConnectProvider } from './stripeConnect';
import { telegramProvider } from './telegram';
import { twitterProvider } from './twitter';

export const simulatedProviders: readonly SimulatedProvider[] = [
  stripeProvider,
  stripeConnectProvider,
  paypalProvider,
  brevoProvider,
  linkedinProvider,
  twitterProvider,
  telegramProvider,
  googleOAuthProvider,
  googleAnalyticsProvider,
  googleCalendarProvider,
  githubProvider,
  odooProvider,
  scooppProvider,
  genericHttpProvider,
];
