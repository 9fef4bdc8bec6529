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

export interface FormErrors {
  /** The server's message for this input, when the error names it. */
  field(name: string): string | null;
  /** The error names none of the form's inputs: show it for the whole form. */
  general: boolean;
}

/** Splits a mutation error between the form's inputs (BAD_USER_INPUT with a field) and the form as a whole. */
export function formErrors(error: ErrorLike | undefined, fields: readonly string[]): FormErrors {
  const info = error ? errorInfo(error) : null;
  const matched = info ? (fields.find((name) => fieldMatches(info, name)) ?? null) : null;
  return {
    field(name) {
      if (!info || matched !== name || !info.message) return null;
      // The server prefixes messages with the field ("title: ..."); beside the input that is noise.
      const prefix = `${info.field ?? name}: `;
      return info.message.startsWith(prefix) ? info.message.slice(prefix.length) : info.message;
    },
    general: Boolean(error) && matched === null,
  };
}
