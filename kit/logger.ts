import pino from 'pino';

/** Structured JSON logs. Never log personal data (ID numbers, phones, names): log ids. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
});
