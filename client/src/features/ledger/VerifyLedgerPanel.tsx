import { useLazyQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { VerifyLedgerDocument } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';

/** "Verify this ledger": the server recomputes every entry's hash and the chain that links them. */
export function VerifyLedgerPanel({ fundId }: { fundId: string }) {
  const { t } = useTranslation();
  const [verify, { data, loading, error }] = useLazyQuery(VerifyLedgerDocument, { fetchPolicy: 'network-only' });
  const result = data?.verifyLedger;

  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('ledger.verifyTitle')}</h2>
      <p className="muted small">{t('ledger.verifyIntro')}</p>
      <button
        type="button"
        className="button button-primary"
        data-testid="verify-ledger"
        disabled={loading}
        onClick={() => void verify({ variables: { fundId } }).catch(() => undefined)}
      >
        {loading ? t('ledger.verifying') : t('ledger.verify')}
      </button>
      <div role="status" aria-live="polite">
        {result && !loading ? (
          <p
            className={`notice verify-result ${result.valid ? 'notice-success' : 'notice-error'}`}
            data-testid="verify-result"
          >
            {result.valid ? (
              <>
                <strong>✓ {t('ledger.valid')}</strong> {t('ledger.validDetail', { count: result.entriesChecked })}
              </>
            ) : (
              <>
                <strong>✗ {t('ledger.broken')}</strong>{' '}
                {result.firstBrokenSequence !== null && result.firstBrokenSequence !== undefined
                  ? t('ledger.brokenAt', { sequence: result.firstBrokenSequence, count: result.entriesChecked })
                  : t('ledger.brokenChecked', { count: result.entriesChecked })}
                {result.problem ? ` ${result.problem}` : ''}
              </>
            )}
          </p>
        ) : null}
      </div>
      {error && !loading ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
