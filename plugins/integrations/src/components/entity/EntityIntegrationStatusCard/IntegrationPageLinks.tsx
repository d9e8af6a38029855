import { Link } from '@backstage/core-components';
import { Environment } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useIntegrationsPageLink } from '../../../hooks/useIntegrationsPageLink';

/** Where to go from the catalog: the integration on each page of the plugin. */
export function IntegrationPageLinks(props: {
  integration: string;
  environment: Environment;
}) {
  const { integration, environment } = props;
  const link = useIntegrationsPageLink();
  // Production is each page's default, so its links stay short.
  const scoped: Record<string, string> =
    environment === 'production'
      ? { integration }
      : { integration, environment };
  const links: Array<[label: string, href: string]> = [
    ['Dashboard', link('dashboard', scoped)],
    ['Configuration', link('config', { integration, environment })],
    ['Errors', link('errors', scoped)],
    ['Analytics', link('analytics', scoped)],
  ];
  return (
    <Box
      component="nav"
      aria-label={`${integration} in Integration Manager`}
      display="flex"
      flexWrap="wrap"
      gridGap={16}
    >
      {links.map(([label, href]) => (
        <Typography key={label} variant="body2">
          <Link to={href}>{label}</Link>
        </Typography>
      ))}
    </Box>
  );
}
