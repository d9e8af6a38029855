import { Theme } from '@material-ui/core/styles';

/** How a bucket's uptime is coloured: all checks passed, some failed, many failed, or none ran. */
export type UptimeBand = 'full' | 'partial' | 'poor' | 'none';

export const UPTIME_BANDS: UptimeBand[] = ['full', 'partial', 'poor', 'none'];

export const UPTIME_BAND_LABELS: Record<UptimeBand, string> = {
  full: '100 %',
  partial: 'Below 100 %',
  poor: 'Below 95 %',
  none: 'No checks',
};

export function uptimeBand(uptime: number | null): UptimeBand {
  if (uptime === null) {
    return 'none';
  }
  if (uptime >= 100) {
    return 'full';
  }
  return uptime >= 95 ? 'partial' : 'poor';
}

export function bandColour(band: UptimeBand, theme: Theme): string {
  switch (band) {
    case 'full':
      return theme.palette.success.main;
    case 'partial':
      return theme.palette.warning.main;
    case 'poor':
      return theme.palette.error.main;
    default:
      return theme.palette.grey[300];
  }
}
