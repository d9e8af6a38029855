import { useState } from 'react';
import { useIntegrationsPageParams } from '../../../hooks/useIntegrationsPageParams';
import { ConfigurationEditor } from '../ConfigurationEditor';
import { ConfigurationTable } from '../ConfigurationTable';

/**
 * The configuration sub-page: every configuration, and the editor of the one
 * named in the URL (`?integration=stripe&environment=production&section=tests`).
 */
export function ConfigurationPage() {
  const { integration, environment, section, openEditor, closeEditor } =
    useIntegrationsPageParams();
  const [reloadKey, setReloadKey] = useState(0);

  return (
    <>
      <ConfigurationTable onOpen={openEditor} reloadKey={reloadKey} />
      {integration && (
        <ConfigurationEditor
          key={integration}
          name={integration}
          environment={environment}
          section={section}
          onNavigate={(env, next) => openEditor(integration, env, next)}
          onClose={closeEditor}
          onChanged={() => setReloadKey(n => n + 1)}
        />
      )}
    </>
  );
}
