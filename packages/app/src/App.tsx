import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { devSignInModule } from './modules/devSignIn';

// Plugins, including the integrations plugin, are discovered from this
// package's dependencies (app.packages: all in app-config.yaml).
export default createApp({
  features: [navModule, homeModule, devSignInModule],
});
