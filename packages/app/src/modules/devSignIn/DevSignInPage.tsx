import { ProxiedSignInPage, SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';

const PERSONA_STORAGE_KEY = 'integrations.devPersona';

/** Picks the persona from `?as=` (remembered for later visits) or from the last choice. */
export function chooseDevPersona(
  personas: string[],
  search: string,
  storage: Storage,
): string | undefined {
  const requested = new URLSearchParams(search).get('as');
  if (requested === 'guest') {
    storage.removeItem(PERSONA_STORAGE_KEY);
    return undefined;
  }
  if (requested && personas.includes(requested)) {
    storage.setItem(PERSONA_STORAGE_KEY, requested);
    return requested;
  }
  const remembered = storage.getItem(PERSONA_STORAGE_KEY);
  return remembered && personas.includes(remembered) ? remembered : undefined;
}

/**
 * In development (where `app.devSignIn` is configured) signs in without a
 * click: as the chosen persona when there is one, otherwise as the guest
 * provider's user. Elsewhere it is Backstage's usual sign-in page.
 */
export function DevSignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const devSignIn = configApi.getOptionalConfig('app.devSignIn');
  if (!devSignIn) {
    return <SignInPage {...props} providers={['guest']} />;
  }

  const persona = chooseDevPersona(
    devSignIn.getOptionalStringArray('personas') ?? [],
    window.location.search,
    window.localStorage,
  );
  if (persona) {
    return (
      <ProxiedSignInPage
        {...props}
        provider="dev-persona"
        headers={{ 'x-dev-persona': persona }}
      />
    );
  }
  return <ProxiedSignInPage {...props} provider="guest" />;
}
