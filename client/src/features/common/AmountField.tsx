import { LIMITS, formatMoney, parseMoney } from '@commonweal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './TextField';

interface AmountLimit {
  readonly min: number;
  readonly max: number;
}

/**
 * An amount typed in yuan ("12,500.50") as integer fen, or null when it is not
 * an exact amount within `limit`. parseMoney works on the string with bigint;
 * no floating point is involved.
 */
export function parseAmount(text: string, currency = 'CNY', limit: AmountLimit = LIMITS.amountMinor): number | null {
  const minor = parseMoney(text, currency);
  if (minor === null) return null;
  if (minor < BigInt(limit.min) || minor > BigInt(limit.max)) return null;
  return Number(minor); // exact: the limits are far below Number.MAX_SAFE_INTEGER
}

export interface AmountInput {
  /** The input's id. */
  id: string;
  text: string;
  setText: (text: string) => void;
  /** Integer minor units, or null while the text is not a valid amount. */
  minor: number | null;
  /** Show "invalid" from now on (on blur). */
  touch: () => void;
  /** On submit: the amount, or null after marking the input invalid and focusing it. */
  take: () => number | null;
  invalid: boolean;
  reset: () => void;
}

/** The state of the amount input `id`: the text as typed and its exact value in minor units. */
export function useAmountInput(id: string, currency: string, limit: AmountLimit = LIMITS.amountMinor): AmountInput {
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const minor = parseAmount(text, currency, limit);
  return {
    id,
    text,
    setText,
    minor,
    touch: () => setTouched(true),
    take: () => {
      setTouched(true);
      if (minor === null) document.getElementById(id)?.focus();
      return minor;
    },
    invalid: touched && text !== '' && minor === null,
    reset: () => {
      setText('');
      setTouched(false);
    },
  };
}

interface AmountFieldProps {
  amount: AmountInput;
  currency: string;
  label: string;
  testId?: string;
  /** The server's message for this input. */
  error?: string | null;
}

/** A money input in yuan: shows the parsed amount ("= ¥12,500.50") as its hint. */
export function AmountField({ amount, currency, label, testId, error }: AmountFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      id={amount.id}
      label={label}
      hint={amount.minor !== null ? `= ${formatMoney(amount.minor, currency)}` : t('common.amountHint')}
      inputMode="decimal"
      autoComplete="off"
      required
      value={amount.text}
      onChange={amount.setText}
      onBlur={amount.touch}
      error={amount.invalid ? t('common.amountInvalid') : error}
      testId={testId}
    />
  );
}
