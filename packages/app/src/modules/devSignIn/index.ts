import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const devSignInPage = SignInPageBlueprint.make({
  params: {
    loader: () => import('./DevSignInPage').then(m => m.DevSignInPage),
  },
});

export const devSignInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [devSignInPage],
});
