import { useApi } from '@backstage/core-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import { integrationsApiRef } from '../api';

interface ConfigRef {
  name: string;
  environment: Environment;
}

/**
 * Which of these configurations have no credentials stored, checked only while
 * `active` (e.g. while a confirmation asks about them); one that cannot be
 * read counts as having them, so only a known gap is reported.
 */
export function useMissingCredentials(configs: ConfigRef[], active: boolean) {
  const api = useApi(integrationsApiRef);
  const key = active
    ? JSON.stringify(
        configs.map(({ name, environment }) => [name, environment]),
      )
    : '';
  return useAsync(async (): Promise<ConfigRef[]> => {
    if (!key) {
      return [];
    }
    const refs = (JSON.parse(key) as [string, Environment][]).map(
      ([name, environment]) => ({ name, environment }),
    );
    const stored = await Promise.all(
      refs.map(ref =>
        api
          .getCredentials(ref.name, ref.environment)
          .then(({ fields }) => fields.some(field => field.set))
          .catch(() => true),
      ),
    );
    return refs.filter((_, index) => !stored[index]);
  }, [api, key]);
}
