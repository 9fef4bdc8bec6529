import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CompleteProposalDocument, PostProgressUpdateDocument } from '../../gql/graphql';
import { formErrors } from '../common/errors';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime } from '../common/format';
import { FormSubmit } from '../common/FormSubmit';
import { TextField } from '../common/TextField';
import type { ProposalView } from './proposalView';

/** A percent bar: a native <progress> with the number beside it. */
function Percent({ value, label }: { value: number; label: string }) {
  return (
    <span className="percent">
      <progress max={100} value={value} aria-label={label}>
        {value}%
      </progress>
      <span className="percent-number">{value}%</span>
    </span>
  );
}

/** What the awarded organization reports, newest first; the form to report and "mark completed". */
export function ProgressTimeline({ proposal }: { proposal: ProposalView }) {
  const { t, i18n } = useTranslation();
  const can = proposal.viewerCan;
  const [complete, completing] = useMutation(CompleteProposalDocument, { refetchQueries: ['FundCounts'] });
  const updates = [...proposal.progressUpdates].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const underway = proposal.status === 'IN_PROGRESS' || proposal.status === 'COMPLETED';
  if (!underway && updates.length === 0 && !can.postProgress && !can.complete) return null;
  const latest = updates[0];

  return (
    <section className="card" data-testid="progress-panel" aria-labelledby="progress-title">
      <h2 id="progress-title">{t('progress.title')}</h2>
      {latest ? (
        <p className="progress-overall">
          <span>{t('progress.overall')}</span>
          <Percent value={latest.percentComplete} label={t('progress.overall')} />
        </p>
      ) : (
        <p className="empty">{t('progress.empty')}</p>
      )}
      {updates.length > 0 ? (
        <ol className="timeline" aria-live="polite" aria-relevant="additions">
          {updates.map((u) => (
            <li key={u.id} className="timeline-item" data-testid="progress-update">
              <div className="timeline-head">
                <span className="comment-author">{u.author.displayName}</span>
                <time className="muted small" dateTime={u.createdAt}>
                  {formatDateTime(u.createdAt, i18n.language)}
                </time>
              </div>
              <Percent value={u.percentComplete} label={t('progress.percentOf', { name: u.author.displayName })} />
              <p className="market-text">{u.body}</p>
            </li>
          ))}
        </ol>
      ) : null}

      {can.postProgress ? <ProgressForm proposalId={proposal.id} last={latest?.percentComplete ?? 0} /> : null}

      {can.complete ? (
        <div className="action-block">
          <p className="muted small">{t('progress.completeHint')}</p>
          <button
            type="button"
            className="button button-primary"
            data-testid="proposal-complete"
            disabled={completing.loading}
            onClick={() => void complete({ variables: { proposalId: proposal.id } }).catch(() => undefined)}
          >
            {t('progress.complete')}
          </button>
          {completing.error ? <ErrorNotice error={completing.error} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function ProgressForm({ proposalId, last }: { proposalId: string; last: number }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [percent, setPercent] = useState(String(last));
  const [post, { loading, error }] = useMutation(PostProgressUpdateDocument);
  const errors = formErrors(error, ['body', 'percentComplete']);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await post({
      variables: { proposalId, body: body.trim(), percentComplete: Number(percent) },
    }).catch(() => null);
    if (result?.data) setBody('');
  }

  return (
    <form className="form action-block" onSubmit={onSubmit} aria-labelledby="progress-form-title">
      <h3 id="progress-form-title">{t('progress.formTitle')}</h3>
      <TextField
        label={t('progress.body')}
        testId="progress-body"
        rows={4}
        required
        limit={LIMITS.progressBody}
        countChars
        value={body}
        onChange={setBody}
        error={errors.field('body')}
      />
      <TextField
        label={t('progress.percent')}
        hint={t('progress.percentHint')}
        testId="progress-percent"
        type="number"
        inputMode="numeric"
        required
        min={LIMITS.percentComplete.min}
        max={LIMITS.percentComplete.max}
        value={percent}
        onChange={setPercent}
        error={errors.field('percentComplete')}
      />
      <FormSubmit
        label={t('progress.submit')}
        testId="progress-submit"
        loading={loading}
        error={error}
        showError={errors.general}
      />
    </form>
  );
}
