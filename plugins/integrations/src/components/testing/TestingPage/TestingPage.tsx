import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useState } from 'react';
import { HealthSchedulePanel } from '../HealthSchedulePanel';
import { SuiteRunPanel } from '../SuiteRunPanel';
import { TestHistoryPanel } from '../TestHistoryPanel';
import { TroubleshootingGuides } from '../TroubleshootingGuides';

const SECTIONS = [
  { id: 'run', label: 'Run tests', Panel: SuiteRunPanel },
  { id: 'history', label: 'History', Panel: TestHistoryPanel },
  { id: 'schedule', label: 'Schedule', Panel: HealthSchedulePanel },
  {
    id: 'guides',
    label: 'Troubleshooting guides',
    Panel: TroubleshootingGuides,
  },
] as const;

/**
 * Connection testing and diagnostics: run suites on many integrations, the
 * test history, the health-check schedule and the troubleshooting guides.
 * The host page renders the header.
 */
export function TestingPage() {
  const [section, setSection] =
    useState<(typeof SECTIONS)[number]['id']>('run');
  const current = SECTIONS.find(s => s.id === section) ?? SECTIONS[0];
  const { Panel } = current;
  return (
    <Box>
      <Tabs
        value={section}
        onChange={(_event, next) => setSection(next)}
        indicatorColor="primary"
        textColor="primary"
        aria-label="Testing and diagnostics"
      >
        {SECTIONS.map(s => (
          <Tab
            key={s.id}
            value={s.id}
            label={s.label}
            id={`testing-tab-${s.id}`}
            aria-controls={`testing-panel-${s.id}`}
          />
        ))}
      </Tabs>
      <Box
        role="tabpanel"
        id={`testing-panel-${current.id}`}
        aria-labelledby={`testing-tab-${current.id}`}
        mt={2}
      >
        <Panel />
      </Box>
    </Box>
  );
}
