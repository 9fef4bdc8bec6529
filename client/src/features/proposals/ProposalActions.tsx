import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DecideProposalDocument,
  OpenConsultationDocument,
  WithdrawProposalDocument,
  type ProposalDecision,
  type ProposalLiveFieldsFragment,
} from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';
import { Field } from '../common/Field';
import { WindowForm } from './WindowForm';

/** Buttons for the author and the fund's side, each shown only when viewerCan allows it. */
export function ProposalActions({ proposal }: { proposal: ProposalLiveFieldsFragment }) {
  const { t } = useTranslation();
  const can = proposal.viewerCan;
  const [note, setNote] = useState('');
  const [openConsultation, opening] = useMutation(OpenConsultationDocument, { refetchQueries: ['FundCounts'] });
  const [decideProposal, deciding] = useMutation(DecideProposalDocument, { refetchQueries: ['FundCounts'] });
  const [withdrawProposal, withdrawing] = useMutation(WithdrawProposalDocument, { refetchQueries: ['FundCounts'] });

  if (!can.openConsultation && !can.decide && !can.withdraw) return null;
  const error = opening.error ?? deciding.error ?? withdrawing.error;
  const busy = opening.loading || deciding.loading || withdrawing.loading;

  function decide(decision: ProposalDecision) {
    void decideProposal({
      variables: { proposalId: proposal.id, decision, note: note.trim() || null },
    }).catch(() => undefined);
  }

  function withdraw() {
    if (!window.confirm(t('proposal.confirmWithdraw'))) return;
    void withdrawProposal({ variables: { proposalId: proposal.id } }).catch(() => undefined);
  }

  return (
    <section className="card actions-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('proposal.fundActions')}</h2>

      {can.openConsultation ? (
        <WindowForm
          label={t('proposal.consultationUntil')}
          submitLabel={t('proposal.openConsultation')}
          busy={busy}
          onSubmit={(consultationEndsAt) =>
            void openConsultation({ variables: { proposalId: proposal.id, consultationEndsAt } }).catch(() => undefined)
          }
        />
      ) : null}

      {can.decide ? (
        <div className="form action-block">
          <Field label={t('proposal.decisionNote')} optional>
            <textarea
              rows={2}
              maxLength={LIMITS.decisionNote.max}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </Field>
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => decide('APPROVE')}>
              {t('proposal.approve')}
            </button>
            <button type="button" className="button button-danger" disabled={busy} onClick={() => decide('REJECT')}>
              {t('proposal.reject')}
            </button>
          </div>
        </div>
      ) : null}

      {can.withdraw ? (
        <div className="action-block">
          <button type="button" className="button button-secondary" disabled={busy} onClick={withdraw}>
            {t('proposal.withdraw')}
          </button>
        </div>
      ) : null}

      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
