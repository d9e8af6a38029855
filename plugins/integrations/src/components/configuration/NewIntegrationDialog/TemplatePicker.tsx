import {
  AUTH_TYPE_LABELS,
  ConfigurationTemplate,
  INTEGRATION_CATEGORIES,
  INTEGRATION_CATEGORY_LABELS,
} from '@internal/plugin-integrations-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  templates: {
    maxHeight: 420,
    overflowY: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  subheader: {
    background: theme.palette.background.paper,
  },
}));

/** The provider templates by category, to pick the one to start from. */
export function TemplatePicker(props: {
  templates: ConfigurationTemplate[];
  selected?: string;
  onSelect(template: ConfigurationTemplate): void;
}) {
  const classes = useStyles();
  return (
    <List
      dense
      className={classes.templates}
      aria-label="Templates"
      subheader={<li />}
    >
      {INTEGRATION_CATEGORIES.map(category => {
        const inCategory = props.templates.filter(
          template => template.category === category,
        );
        if (inCategory.length === 0) {
          return null;
        }
        return (
          <li key={category}>
            <ul style={{ padding: 0 }}>
              <ListSubheader className={classes.subheader}>
                {INTEGRATION_CATEGORY_LABELS[category]}
              </ListSubheader>
              {inCategory.map(template => (
                <ListItem
                  key={template.id}
                  button
                  selected={template.id === props.selected}
                  onClick={() => props.onSelect(template)}
                >
                  <ListItemText
                    primary={template.displayName}
                    secondary={AUTH_TYPE_LABELS[template.authType]}
                  />
                </ListItem>
              ))}
            </ul>
          </li>
        );
      })}
    </List>
  );
}
