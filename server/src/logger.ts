import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Never logged, wherever they appear in a log object. */
const SECRETS = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'variables',
  '*.variables',
];

/** JSON logs (pino); secrets are redacted, and GraphQL variables are never logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { service: 'commonweal' }, redact: { paths: SECRETS, censor: '[redacted]' } },
    destination,
  );
}
