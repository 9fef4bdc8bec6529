import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { ErrorLike } from '@apollo/client';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INSUFFICIENT_FUNDS',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  /** `extensions.code` of the first GraphQL error, when the server sent one. */
  code: ErrorCode | null;
  /** `extensions.field` of a BAD_USER_INPUT error, e.g. "title" or "input.title". */
  field: string | null;
  /** The server's message, or null for network failures. */
  message: string | null;
  network: boolean;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** What the UI needs from an Apollo error: the code, the offending field and the server's words. */
export function errorInfo(error: ErrorLike): ErrorInfo {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.['code'];
    const field = first?.extensions?.['field'];
    return {
      code: isErrorCode(code) ? code : null,
      field: typeof field === 'string' ? field : null,
      message: first?.message ?? null,
      network: false,
    };
  }
  if (ServerError.is(error)) {
    return { code: null, field: null, message: null, network: true };
  }
  return { code: null, field: null, message: null, network: true };
}

/** True when a BAD_USER_INPUT error names `name` (matches "title", "input.title", "input.newOrganization.name"). */
export function fieldMatches(info: ErrorInfo | null, name: string): boolean {
  if (!info?.field) return false;
  return info.field === name || info.field.endsWith(`.${name}`);
}
