import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ApproveDisbursementDocument,
  RejectDisbursementDocument,
  type DisbursementFieldsFragment,
} from '../../gql/graphql';
import { DisbursementStatusBadge } from '../common/Badges';
import { errorInfo } from '../common/errors';
import { ErrorNotice } from '../common/ErrorNotice';
import { formatDateTime, money } from '../common/format';
import { TextField } from '../common/TextField';
import { OrganizationLink } from '../organizations/OrganizationLink';

/** Every view that shows money leaving the fund refreshes after an approval. */
const AFTER_DECISION = ['Disbursements', 'FundDashboard', 'TransparencyFund', 'FundReport'];

/**
 * One payment request: payee, amount, memo, who asked and who decided, the ledger entry once paid; approve
 * or reject (with a note) when the viewer may — GOVERNMENT, never the requester.
 */
export function DisbursementItem({
  disbursement: d,
  showProposal,
}: {
  disbursement: DisbursementFieldsFragment;
  showProposal?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [approve, approving] = useMutation(ApproveDisbursementDocument, { refetchQueries: AFTER_DECISION });
  const [reject, rejecting] = useMutation(RejectDisbursementDocument, { refetchQueries: ['Disbursements'] });
  const busy = approving.loading || rejecting.loading;
  const error = approving.error ?? rejecting.error;
  const insufficient = error ? errorInfo(error).code === 'INSUFFICIENT_FUNDS' : false;
  const variables = { disbursementId: d.id };
  const subject = `${money(d.amount)} → ${d.payee.name}`;

  return (
    <li className="market-item" data-testid="disbursement">
      <div className="market-item-head">
        <OrganizationLink organization={d.payee} />
        <DisbursementStatusBadge status={d.status} testId="disbursement-status" />
      </div>
      {showProposal ? (
        <p className="small">
          {t('disbursements.forProposal')} <Link to={`/proposals/${d.proposal.id}`}>{d.proposal.title}</Link>
        </p>
      ) : null}
      <p className="market-figures">
        <span className="money money-large">{money(d.amount)}</span>
      </p>
      {d.memo ? <p className="market-text">{d.memo}</p> : null}
      <p className="muted small">
        {t('disbursements.requestedBy', {
          name: d.requestedBy.displayName,
          date: formatDateTime(d.createdAt, i18n.language),
        })}
        {d.decidedBy && d.decidedAt
          ? ` · ${t(d.status === 'APPROVED' ? 'disbursements.approvedBy' : 'disbursements.rejectedBy', {
              name: d.decidedBy.displayName,
              date: formatDateTime(d.decidedAt, i18n.language),
            })}`
          : ''}
      </p>
      {d.note ? (
        <p className="small">
          <span className="muted">{t('disbursements.note')}:</span> {d.note}
        </p>
      ) : null}
      {d.ledgerEntry ? (
        <p className="small">
          <Link to="/transparency">{t('disbursements.ledgerEntry', { sequence: d.ledgerEntry.sequence })}</Link>
        </p>
      ) : null}

      {d.viewerCan.approve || d.viewerCan.reject ? (
        <div className="form action-block">
          {d.viewerCan.reject ? (
            <TextField
              label={t('disbursements.rejectNote')}
              optional
              rows={2}
              limit={LIMITS.decisionNote}
              value={note}
              onChange={setNote}
              testId="disbursement-note"
            />
          ) : null}
          <div className="button-row">
            {d.viewerCan.approve ? (
              <button
                type="button"
                className="button button-primary"
                data-testid="disbursement-approve"
                disabled={busy}
                onClick={() => void approve({ variables }).catch(() => undefined)}
              >
                {t('disbursements.approve')}
                <span className="visually-hidden"> {subject}</span>
              </button>
            ) : null}
            {d.viewerCan.reject ? (
              <button
                type="button"
                className="button button-danger"
                data-testid="disbursement-reject"
                disabled={busy}
                onClick={() =>
                  void reject({ variables: { ...variables, note: note.trim() || null } }).catch(() => undefined)
                }
              >
                {t('disbursements.reject')}
                <span className="visually-hidden"> {subject}</span>
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {insufficient ? (
        <div className="notice notice-error" role="alert" data-testid="insufficient-funds">
          <p>
            <strong>{t('disbursements.insufficientTitle')}</strong>
          </p>
          <p>{t('disbursements.insufficientBody')}</p>
          {error && errorInfo(error).message ? <p className="small">{errorInfo(error).message}</p> : null}
        </div>
      ) : error ? (
        <ErrorNotice error={error} />
      ) : null}
    </li>
  );
}
