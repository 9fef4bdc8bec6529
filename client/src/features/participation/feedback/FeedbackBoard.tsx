import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { FeedbackListDocument } from '../../../gql/graphql';
import { useViewer } from '../../auth/session';
import { ErrorNotice } from '../../common/ErrorNotice';
import { Loading } from '../../common/Loading';
import { SelectField } from '../../common/SelectField';
import { SignInPrompt } from '../../common/SignInPrompt';
import { useSearchParam } from '../../common/useSearchParam';
import { WithCurrentFund, type CurrentFund } from '../../funds/WithCurrentFund';
import { isFundSide } from '../roles';
import { useScrollToHash } from '../useScrollToHash';
import { FeedbackCard } from './FeedbackCard';
import { FeedbackForm } from './FeedbackForm';
import { FEEDBACK_STATUSES, isFeedbackStatus } from './feedbackStatus';
import { ResponsivenessFigures } from './ResponsivenessFigures';

/** /feedback: the responsiveness figures, the form, and the feedback the viewer may read with its answers. */
export function FeedbackBoard() {
  return <WithCurrentFund>{(fund) => <FundFeedback fund={fund} />}</WithCurrentFund>;
}

function FundFeedback({ fund }: { fund: CurrentFund }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [statusParam, setStatus] = useSearchParam('status');
  const [mineParam, setMine] = useSearchParam('mine');
  const [proposalParam] = useSearchParam('proposal');
  const status = statusParam && isFeedbackStatus(statusParam) ? statusParam : null;
  const mine = Boolean(viewer) && mineParam === '1';
  const { data, loading, error, refetch } = useQuery(FeedbackListDocument, {
    variables: { fundId: fund.id, status, mine: mine || null },
  });
  const items = data?.feedback;
  useScrollToHash(Boolean(items));
  const fundSide = isFundSide(viewer);

  return (
    <div className="stack-lg">
      <ResponsivenessFigures fundId={fund.id} />

      <div className="layout-with-aside">
        <section className="stack" aria-labelledby="feedback-list-title">
          <h2 id="feedback-list-title">{t('participation.feedback.listTitle')}</h2>
          <div className="toolbar">
            <SelectField
              label={t('participation.feedback.filterStatus')}
              value={status ?? ''}
              emptyOption={t('common.all')}
              testId="feedback-filter-status"
              options={FEEDBACK_STATUSES.map((s) => ({ value: s, label: t(`participation.feedback.status.${s}`) }))}
              onChange={setStatus}
            />
            {viewer ? (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={mine}
                  data-testid="feedback-filter-mine"
                  onChange={(e) => setMine(e.target.checked ? '1' : '')}
                />{' '}
                {t('participation.feedback.mine')}
              </label>
            ) : null}
          </div>
          {!fundSide ? <p className="muted small">{t('participation.feedback.visibilityNote')}</p> : null}
          {loading && !items ? <Loading /> : null}
          {error && !items ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
          {items && items.length === 0 ? <p className="empty">{t('participation.feedback.empty')}</p> : null}
          <ul className="card-list" data-testid="feedback-list">
            {items?.map((f) => (
              <li key={f.id}>
                <FeedbackCard feedback={f} canRespond={fundSide} />
              </li>
            ))}
          </ul>
        </section>

        <aside className="card aside" aria-labelledby="feedback-form-title">
          <h2 id="feedback-form-title">{t('participation.feedback.formTitle')}</h2>
          {viewer ? (
            <FeedbackForm fundId={fund.id} initialProposalId={proposalParam} />
          ) : (
            <SignInPrompt from="/feedback" why={t('participation.feedback.signIn')} />
          )}
        </aside>
      </div>
    </div>
  );
}
