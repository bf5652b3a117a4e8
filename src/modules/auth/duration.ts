const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * Token lifetimes as written in JWT_EXPIRES_IN: a number of seconds ("3600") or a number with one
 * unit ("15m", "12h", "7d", "2w"). Anything else is rejected (no silent fallback to a default).
 */
export function parseDurationSeconds(value: string): number {
  const match = /^\s*(\d+)\s*([smhdw]?)\s*$/i.exec(value);
  if (!match) throw new Error(`Invalid duration "${value}": use seconds or a number with s, m, h, d or w`);
  const seconds = Number(match[1]) * UNITS[(match[2] || 's').toLowerCase()];
  if (seconds <= 0) throw new Error(`Invalid duration "${value}": must be positive`);
  return seconds;
}

/** "10 minutes", "1 minute", "30 seconds": OTP expiry as written in mails and responses. */
export function describeSeconds(seconds: number): string {
  if (seconds % 60 === 0) {
    const minutes = seconds / 60;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
