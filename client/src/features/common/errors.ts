import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { ErrorLike } from '@apollo/client';
import i18next from 'i18next';

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
  /**
   * What went wrong in the reader's language: the server's own message for
   * English readers (it names the problem precisely), the translated words
   * for the error's code otherwise (the server speaks English only). Null for
   * network failures.
   */
  message: string | null;
  network: boolean;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function inReadersLanguage(serverMessage: string | null, code: ErrorCode | null): string | null {
  if (i18next.language?.startsWith('en')) return serverMessage;
  return code ? i18next.t(`errors.${code}`) : i18next.t('common.errorTitle');
}

/** What the UI needs from an Apollo error: the code, the offending field and the server's words. */
export function errorInfo(error: ErrorLike): ErrorInfo {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.['code'];
    const field = first?.extensions?.['field'];
    const known = isErrorCode(code) ? code : null;
    return {
      code: known,
      field: typeof field === 'string' ? field : null,
      message: inReadersLanguage(first?.message ?? null, known),
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
