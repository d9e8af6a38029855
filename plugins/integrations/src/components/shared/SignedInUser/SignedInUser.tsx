import {
  configApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import Chip from '@material-ui/core/Chip';
import PersonIcon from '@material-ui/icons/Person';
import useAsync from 'react-use/esm/useAsync';
import { shortRef } from '../../../labels';

/** Where the portal's development sign-in remembers the persona chosen with `?as=`. */
const DEV_PERSONA_STORAGE_KEY = 'integrations.devPersona';

function chosenPersona(): string | undefined {
  try {
    return window.localStorage.getItem(DEV_PERSONA_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whom the page acts as, in development only (where `app.devSignIn` lets
 * anyone switch persona with `?as=`), so a refused action is not a mystery.
 */
export function SignedInUser() {
  const configApi = useApi(configApiRef);
  const identityApi = useApi(identityApiRef);
  const development = configApi.has('app.devSignIn');
  const { value } = useAsync(async () => {
    if (!development) {
      return undefined;
    }
    const [profile, identity] = await Promise.all([
      identityApi.getProfileInfo(),
      identityApi.getBackstageIdentity(),
    ]);
    return { displayName: profile.displayName, ref: identity.userEntityRef };
  }, [identityApi, development]);

  if (!value) {
    return null;
  }
  const persona = chosenPersona();
  const who = value.displayName
    ? `${value.displayName} (${shortRef(value.ref)})`
    : shortRef(value.ref);
  return (
    <Chip
      size="small"
      icon={<PersonIcon />}
      title={value.ref}
      label={`Signed in as ${who}${persona ? ` · persona ${persona}` : ''}`}
    />
  );
}
