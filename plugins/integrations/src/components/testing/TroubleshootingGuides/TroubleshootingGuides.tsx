import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import SearchIcon from '@material-ui/icons/Search';
import { useId, useMemo, useState } from 'react';
import { useConfigurationTemplates } from '../../../hooks/useConfigurationTemplates';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import {
  TroubleshootingGuide,
  searchGuides,
  troubleshootingGuides,
} from './guides';

function GuideCard(props: { guide: TroubleshootingGuide }) {
  const { guide } = props;
  return (
    <Card variant="outlined" component="li" data-testid={`guide-${guide.id}`}>
      <CardContent>
        <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
          <Typography variant="subtitle1" component="h3">
            <strong>{guide.label}</strong>
          </Typography>
          <Chip
            size="small"
            label={guide.provider?.displayName ?? 'All providers'}
          />
          <Typography variant="caption" color="textSecondary">
            {guide.failureClass}
            {guide.when ? ` · ${guide.when}` : ''}
          </Typography>
        </Box>
        <Typography variant="body2" paragraph>
          {guide.explanation}
        </Typography>
        <Typography variant="body2" component="ol" style={{ margin: 0 }}>
          {guide.repairSteps.map(step => (
            <li key={step}>{step}</li>
          ))}
        </Typography>
      </CardContent>
    </Card>
  );
}

/**
 * Every provider's known errors and the generic failure classes, each with
 * its repair steps, in one list searchable by provider, class and text.
 */
export function TroubleshootingGuides() {
  const templates = useConfigurationTemplates();
  const [search, setSearch] = useState('');
  const searchId = useId();
  const guides = useMemo(
    () => troubleshootingGuides(templates.value ?? []),
    [templates.value],
  );
  const found = searchGuides(guides, search);

  return (
    <Box>
      <TextField
        id={searchId}
        label="Search the guides"
        placeholder="Provider, failure class or words, e.g. stripe expired"
        fullWidth
        variant="outlined"
        size="small"
        value={search}
        onChange={event => setSearch(event.target.value)}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon />
            </InputAdornment>
          ),
        }}
      />
      {templates.loading && <Progress />}
      {templates.error && (
        <InlineAlert
          severity="warning"
          title="Only the generic guides are shown"
        >
          The providers’ known errors could not be loaded:{' '}
          {errorMessage(templates.error)}
        </InlineAlert>
      )}
      <Typography
        variant="body2"
        color="textSecondary"
        role="status"
        style={{ margin: '8px 0' }}
      >
        {found.length} of {guides.length} guides
      </Typography>
      <Box
        component="ul"
        display="flex"
        flexDirection="column"
        gridGap={12}
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {found.map(guide => (
          <GuideCard key={guide.id} guide={guide} />
        ))}
      </Box>
    </Box>
  );
}
