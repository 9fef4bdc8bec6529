import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { FeedbackResponsivenessDocument } from '../../../gql/graphql';
import { ErrorNotice } from '../../common/ErrorNotice';
import { Loading } from '../../common/Loading';
import { formatDuration, formatShare } from '../format';

/** The fund's public responsiveness: share answered, median time to a first answer, items left waiting. */
export function ResponsivenessFigures({ fundId }: { fundId: string }) {
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(FeedbackResponsivenessDocument, { variables: { fundId } });
  const r = data?.fund?.responsiveness;
  return (
    <section className="card" aria-labelledby="responsiveness-title" data-testid="responsiveness">
      <h2 id="responsiveness-title">{t('participation.responsiveness.title')}</h2>
      {loading && !data ? <Loading /> : null}
      {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {r ? (
        <dl className="responsiveness">
          <div>
            <dt>{t('participation.responsiveness.answeredShare')}</dt>
            <dd data-testid="responsiveness-share">{formatShare(r.answeredShare, i18n.language)}</dd>
            <dd className="muted small" data-testid="responsiveness-answered">
              {t('participation.responsiveness.answeredOf', { answered: r.answered, total: r.total })}
            </dd>
          </div>
          <div>
            <dt>{t('participation.responsiveness.median')}</dt>
            <dd data-testid="responsiveness-median">
              {r.medianFirstResponseSeconds === null || r.medianFirstResponseSeconds === undefined
                ? t('participation.responsiveness.medianNone')
                : formatDuration(r.medianFirstResponseSeconds, i18n.language)}
            </dd>
          </div>
          <div>
            <dt>{t('participation.responsiveness.openOld')}</dt>
            <dd data-testid="responsiveness-open-old">{r.openOlderThan7Days}</dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}
