import { useEffect, useState } from 'react';

/** The current time, renewed every `intervalMs`, for labels that count down. */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function span(seconds: number): string {
  if (seconds < 60) {
    return `${seconds} s`;
  }
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
}

/** "in 40 s" for a time ahead, "due now" once it has come. */
export function untilLabel(iso: string, now: Date): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  return seconds > 0 ? `in ${span(seconds)}` : 'due now';
}

/** "40 s ago" for a time past. */
export function agoLabel(iso: string, now: Date): string {
  const seconds = Math.max(
    0,
    Math.round((now.getTime() - Date.parse(iso)) / 1000),
  );
  return `${span(seconds)} ago`;
}

/** "every 5 min" for an interval in seconds. */
export function intervalLabel(seconds: number): string {
  return `every ${span(seconds)}`;
}
