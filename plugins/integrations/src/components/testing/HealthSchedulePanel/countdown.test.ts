import { agoLabel, intervalLabel, untilLabel } from './countdown';

const now = new Date('2026-11-28T09:00:00Z');
const at = (seconds: number) =>
  new Date(now.getTime() + seconds * 1000).toISOString();

describe('schedule countdown labels', () => {
  it('counts down to the next check, and says when it is due', () => {
    expect(untilLabel(at(40), now)).toBe('in 40 s');
    expect(untilLabel(at(150), now)).toBe('in 2 min 30 s');
    expect(untilLabel(at(7200), now)).toBe('in 2 h');
    expect(untilLabel(at(0), now)).toBe('due now');
    expect(untilLabel(at(-30), now)).toBe('due now');
  });

  it('says how long ago the last check was and how often checks run', () => {
    expect(agoLabel(at(-75), now)).toBe('1 min 15 s ago');
    expect(intervalLabel(300)).toBe('every 5 min');
    expect(intervalLabel(30)).toBe('every 30 s');
  });
});
