import express from 'express';
import { SimulatedProvider } from '../providers/types';
import { SimulatorState } from '../state/SimulatorState';
import { createControlRouter } from './controlRouter';
import { createProviderRouter } from './providerRouter';
import { createPartnerReceiver } from '../webhooks/partnerReceiver';

export function createSimulatorApp(
  providers: readonly SimulatedProvider[],
  state: SimulatorState,
): express.Express {
  const app = express();
  // Real APIs do not announce Express, and ETags would let clients get a 304
  // where a knob asks for something else.
  app.disable('x-powered-by');
  app.disable('etag');

  app.use('/_control', createControlRouter(state, state.now));
  app.use('/_partners', createPartnerReceiver());
  for (const provider of providers) {
    app.use(`/${provider.id}`, createProviderRouter(provider, state));
  }
  app.use((_req, res) => {
    res.status(404).json({ error: 'unknown provider' });
  });
  return app;
}
