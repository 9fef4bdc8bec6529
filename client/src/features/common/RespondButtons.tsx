import { useTranslation } from 'react-i18next';

interface RespondButtonsProps {
  /** What is answered, for screen readers ("Accept <subject>"). */
  subject: string;
  busy: boolean;
  onRespond: (accept: boolean) => void;
  /** data-testid `<prefix>-accept` and `<prefix>-decline`. */
  testIdPrefix: string;
}

/** Accept / Decline for a pledge or a partnership proposal. */
export function RespondButtons({ subject, busy, onRespond, testIdPrefix }: RespondButtonsProps) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      {([true, false] as const).map((accept) => (
        <button
          key={String(accept)}
          type="button"
          className={`button ${accept ? 'button-primary' : 'button-danger'}`}
          data-testid={`${testIdPrefix}-${accept ? 'accept' : 'decline'}`}
          disabled={busy}
          onClick={() => onRespond(accept)}
        >
          {accept ? t('common.accept') : t('common.decline')}
          <span className="visually-hidden"> {subject}</span>
        </button>
      ))}
    </div>
  );
}
