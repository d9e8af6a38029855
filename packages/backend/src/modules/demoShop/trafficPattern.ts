/** One kind of call the demo shop makes, and how often relative to the others. */
export interface DemoCall {
  integration: string;
  method: 'GET' | 'POST';
  path: string;
  /** Else derived from the path by the integrations backend. */
  endpoint?: string;
  json?: unknown;
  form?: string;
  component: string;
  weight: number;
}

const CHECKOUT = 'component:default/checkout';
const NOTIFICATIONS = 'component:default/order-notifications';
const MARKETING = 'component:default/marketing-site';
const ENGINEERING = 'component:default/release-bot';

/**
 * What a small web shop's services call: payments at checkout, receipts by
 * email, order alerts to the support channel, analytics reports, issues of
 * its repository. A few calls ask for customers that do not exist, as real
 * traffic does.
 */
export const DEMO_CALLS: DemoCall[] = [
  {
    integration: 'stripe',
    method: 'GET',
    path: '/v1/customers?limit=10',
    component: CHECKOUT,
    weight: 3,
  },
  {
    integration: 'stripe',
    method: 'GET',
    path: '/v1/charges?customer=cus_QmZ4bX8tWq2Lr7',
    component: CHECKOUT,
    weight: 2,
  },
  {
    integration: 'stripe',
    method: 'POST',
    path: '/v1/charges',
    form: 'amount=2000&currency=usd&source=tok_visa',
    component: CHECKOUT,
    weight: 2,
  },
  {
    integration: 'stripe',
    method: 'GET',
    path: '/v1/customers/cus_Missing0000000',
    component: CHECKOUT,
    weight: 0.4,
  },
  {
    integration: 'stripe',
    method: 'GET',
    path: '/v1/balance',
    component: CHECKOUT,
    weight: 0.4,
  },
  {
    integration: 'github',
    method: 'GET',
    path: '/repos/acme/shop/issues?state=open',
    component: ENGINEERING,
    weight: 2,
  },
  {
    integration: 'github',
    method: 'GET',
    path: '/repos/acme/shop',
    component: ENGINEERING,
    weight: 1,
  },
  {
    integration: 'brevo',
    method: 'POST',
    path: '/smtp/email',
    json: {
      sender: { name: 'Acme Shop', email: 'no-reply@acme-shop.example' },
      to: [{ email: 'jenny.rosen@example.com' }],
      subject: 'Your receipt',
      htmlContent: '<p>Thank you for your order.</p>',
    },
    component: NOTIFICATIONS,
    weight: 2,
  },
  {
    integration: 'brevo',
    method: 'GET',
    path: '/account',
    component: NOTIFICATIONS,
    weight: 0.3,
  },
  {
    integration: 'telegram',
    method: 'POST',
    path: '/bot{credentials.botToken}/sendMessage',
    endpoint: '/bot{token}/sendMessage',
    json: { chat_id: -1001234567890, text: 'New order #1042: 2 items, $20.00' },
    component: NOTIFICATIONS,
    weight: 1.5,
  },
  {
    integration: 'telegram',
    method: 'GET',
    path: '/bot{credentials.botToken}/getUpdates?timeout=0',
    endpoint: '/bot{token}/getUpdates',
    component: NOTIFICATIONS,
    weight: 1,
  },
  {
    integration: 'google-analytics',
    method: 'POST',
    path: '/properties/{settings.propertyId}:runReport',
    endpoint: '/properties/{id}:runReport',
    json: {
      dateRanges: [{ startDate: '7daysAgo', endDate: 'today' }],
      dimensions: [{ name: 'country' }],
      metrics: [{ name: 'activeUsers' }],
    },
    component: MARKETING,
    weight: 1,
  },
  {
    integration: 'google-analytics',
    method: 'GET',
    path: '/properties/{settings.propertyId}/metadata',
    endpoint: '/properties/{id}/metadata',
    component: MARKETING,
    weight: 0.3,
  },
];

/**
 * The demo's clock: a whole day passes every `dayMinutes` minutes, so the
 * working-hours peak and the quiet night follow each other within minutes.
 */
export function demoTimeOf(
  now: Date,
  dayMinutes: number,
): { hour: number; weekday: number } {
  const demo = new Date(now.getTime() * ((24 * 60) / dayMinutes));
  return {
    hour: demo.getUTCHours() + demo.getUTCMinutes() / 60,
    weekday: demo.getUTCDay(),
  };
}

/**
 * Share of the peak rate at a time of the (demo) week, UTC: busy in
 * working hours with a lunch dip, an evening tail, quiet at night, and a
 * third of that at weekends.
 */
export function loadFactor(hour: number, weekday: number): number {
  let daily: number;
  if (hour < 6) {
    daily = 0.08;
  } else if (hour < 9) {
    daily = 0.08 + ((hour - 6) / 3) * 0.92;
  } else if (hour < 12) {
    daily = 1;
  } else if (hour < 13.5) {
    daily = 0.75;
  } else if (hour < 18) {
    daily = 0.95;
  } else if (hour < 23) {
    daily = 0.95 - ((hour - 18) / 5) * 0.8;
  } else {
    daily = 0.1;
  }
  const weekend = weekday === 0 || weekday === 6;
  return daily * (weekend ? 0.35 : 1);
}

/** One of the calls, at random by weight. */
export function pickCall(random: number, calls = DEMO_CALLS): DemoCall {
  const total = calls.reduce((sum, call) => sum + call.weight, 0);
  let left = random * total;
  for (const call of calls) {
    left -= call.weight;
    if (left < 0) {
      return call;
    }
  }
  return calls[calls.length - 1];
}
