import { LIMITS } from '@commonweal/shared';
import { useState } from 'react';
import { Field } from '../common/Field';
import { daysFromNow, endOfDay, toDateInputValue } from '../common/format';

const DEFAULT_DAYS = 14;

interface WindowFormProps {
  /** Label of the date input ("Consultation ends on"). */
  label: string;
  submitLabel: string;
  busy: boolean;
  /** Called with the end of the chosen day as an ISO instant. */
  onSubmit: (closesAt: string) => void;
  testId?: string;
}

/** Opens a consultation or bidding window: a closing date (default in 14 days) and a button. */
export function WindowForm({ label, submitLabel, busy, onSubmit, testId }: WindowFormProps) {
  const [endsOn, setEndsOn] = useState(() => toDateInputValue(daysFromNow(DEFAULT_DAYS)));
  return (
    <form
      className="form action-block"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(endOfDay(endsOn));
      }}
    >
      <Field label={label}>
        <input
          type="date"
          required
          min={toDateInputValue(daysFromNow(1))}
          max={toDateInputValue(daysFromNow(LIMITS.windowDays.max))}
          value={endsOn}
          onChange={(e) => setEndsOn(e.target.value)}
        />
      </Field>
      <button type="submit" className="button button-primary" data-testid={testId} disabled={busy || !endsOn}>
        {submitLabel}
      </button>
    </form>
  );
}
