import { usePermission } from '@backstage/plugin-permission-react';
import {
  UsageAnalyticsQuery,
  UsageExportFormat,
  analyticsExportPermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import { useState } from 'react';
import { useUsageExport } from '../../../hooks/useUsageAnalytics';
import { errorMessage } from '../../../requestErrors';
import { saveFile } from '../../../saveFile';
import { InlineAlert } from '../../shared/InlineAlert';

export interface UsageExportMenuProps {
  /** What the page shows: the file holds the same environment, integration and period. */
  query: UsageAnalyticsQuery;
}

function UsageExport(props: UsageExportMenuProps) {
  const { query } = props;
  const exportUsage = useUsageExport();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<Error>();

  const download = async (format: UsageExportFormat) => {
    setAnchor(null);
    setExporting(true);
    setError(undefined);
    try {
      const file = await exportUsage({ ...query, format });
      saveFile(file.content, file.fileName);
    } catch (e) {
      setError(e as Error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        variant="outlined"
        aria-haspopup="menu"
        onClick={event => setAnchor(event.currentTarget)}
        disabled={exporting}
      >
        {exporting ? 'Exporting…' : 'Export'}
      </Button>
      <Menu
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        <MenuItem onClick={() => download('csv')}>
          CSV: one row per integration
        </MenuItem>
        <MenuItem onClick={() => download('json')}>
          JSON: everything on this page
        </MenuItem>
      </Menu>
      {error && (
        // A line of its own below the toolbar's controls.
        <Box flexBasis="100%">
          <InlineAlert severity="error" title="The export failed">
            {errorMessage(error)}
          </InlineAlert>
        </Box>
      )}
    </>
  );
}

/**
 * Downloads the usage the page shows as CSV or JSON, through the API with
 * the user's token; offered only to those with the export permission.
 */
export function UsageExportMenu(props: UsageExportMenuProps) {
  const { allowed } = usePermission({ permission: analyticsExportPermission });
  return allowed ? <UsageExport {...props} /> : null;
}
