import {
  CopyConfigResponse,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import { useState } from 'react';
import { useCopyConfiguration } from '../../../hooks/useConfigurationMutations';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { ActionButton } from '../../shared/ActionButton';
import { CopyFromEnvironmentDialog } from '../CopyFromEnvironmentDialog';

/** "Copy from…": pick another environment, review what is copied, copy. */
export function CopyFromMenu(props: {
  config: IntegrationConfig;
  /** The same integration's configurations in other environments. */
  sources: IntegrationConfig[];
  disabledReason?: string;
  onCopied(result: CopyConfigResponse, from: IntegrationConfig): void;
}) {
  const { config, sources, disabledReason, onCopied } = props;
  const copyInto = useCopyConfiguration(config.name, config.environment);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [source, setSource] = useState<IntegrationConfig>();
  const [copying, setCopying] = useState(false);
  const [error, setError] = useState<Error>();

  const copy = async () => {
    if (!source) {
      return;
    }
    setCopying(true);
    setError(undefined);
    try {
      const result = await copyInto(source.environment);
      setSource(undefined);
      onCopied(result, source);
    } catch (e) {
      setError(e as Error);
    } finally {
      setCopying(false);
    }
  };

  return (
    <>
      <ActionButton
        onClick={event => setAnchor(event.currentTarget)}
        disabledReason={disabledReason}
        aria-haspopup="menu"
      >
        Copy from…
      </ActionButton>
      <Menu
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        {sources.map(candidate => (
          <MenuItem
            key={candidate.environment}
            onClick={() => {
              setAnchor(null);
              setError(undefined);
              setSource(candidate);
            }}
          >
            {ENVIRONMENT_LABELS[candidate.environment]} (version{' '}
            {candidate.metadata.version})
          </MenuItem>
        ))}
      </Menu>
      {source && (
        <CopyFromEnvironmentDialog
          source={source}
          target={config}
          busy={copying}
          error={error}
          onConfirm={copy}
          onCancel={() => setSource(undefined)}
        />
      )}
    </>
  );
}
