import { useMutation, useQuery } from '@apollo/client/react';
import { LIMITS, toMajorString } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ProposalCommentsDocument,
  ReviseProposalDocument,
  type FeedbackFieldsFragment,
  type ProposalParticipationFieldsFragment,
} from '../../../gql/graphql';
import { AmountField, parseAmount, type AmountInput } from '../../common/AmountField';
import { formErrors } from '../../common/errors';
import { FormSubmit } from '../../common/FormSubmit';
import { TextField } from '../../common/TextField';

/** The thread's first page, as the discussion below reads it (same variables: one cached list). */
const COMMENT_PAGE = 50;

/** The budget input, starting at the current budget. */
function useBudgetInput(id: string, minorUnits: number, currency: string): AmountInput {
  const [text, setText] = useState(() => toMajorString(minorUnits, currency));
  const [touched, setTouched] = useState(false);
  const minor = parseAmount(text, currency, LIMITS.budgetMinor);
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
    invalid: touched && minor === null,
    reset: () => setTouched(false),
  };
}

interface CiteListProps {
  legend: string;
  items: ReadonlyArray<{ id: string; label: string; text: string }>;
  chosen: ReadonlySet<string>;
  full: boolean;
  onToggle: (id: string) => void;
  testId: string;
}

function CiteList({ legend, items, chosen, full, onToggle, testId }: CiteListProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset" data-testid={testId}>
      <legend>{legend}</legend>
      {items.length === 0 ? <p className="muted small">{t('participation.revisions.noCandidates')}</p> : null}
      <ul className="cite-list">
        {items.map((item) => (
          <li key={item.id}>
            <label>
              <input
                type="checkbox"
                value={item.id}
                checked={chosen.has(item.id)}
                disabled={full && !chosen.has(item.id)}
                onChange={() => onToggle(item.id)}
              />
              <span>
                <strong>{item.label}</strong>: {item.text}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

interface ReviseFormProps {
  proposal: ProposalParticipationFieldsFragment;
  feedback: readonly FeedbackFieldsFragment[];
  onDone: () => void;
  onCancel: () => void;
}

/**
 * The author or FUND_ADMIN edits the proposal. In DRAFT the changes simply apply; in CONSULTATION each
 * save is a revision with a reason and the comments and feedback that prompted it. Only changed fields
 * are sent.
 */
export function ReviseForm({ proposal, feedback, onDone, onCancel }: ReviseFormProps) {
  const { t } = useTranslation();
  const consultation = proposal.status === 'CONSULTATION';
  const currency = proposal.budget.currency;
  const [title, setTitle] = useState(proposal.title);
  const [summary, setSummary] = useState(proposal.summary);
  const [body, setBody] = useState(proposal.body);
  const budget = useBudgetInput('revise-budget', proposal.budget.minorUnits, currency);
  const [reason, setReason] = useState('');
  const [comments, setComments] = useState<ReadonlySet<string>>(new Set());
  const [cited, setCited] = useState<ReadonlySet<string>>(new Set());
  const [unchanged, setUnchanged] = useState(false);
  const thread = useQuery(ProposalCommentsDocument, {
    variables: { proposalId: proposal.id, first: COMMENT_PAGE },
    skip: !consultation,
  });
  const [revise, { loading, error }] = useMutation(ReviseProposalDocument);
  const errors = formErrors(error, [
    'title',
    'summary',
    'body',
    'budgetMinor',
    'reason',
    'citedCommentIds',
    'citedFeedbackIds',
  ]);
  const full = comments.size + cited.size >= LIMITS.revisionCitations.max;

  const toggle = (set: ReadonlySet<string>, id: string): ReadonlySet<string> => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setUnchanged(false);
    const budgetMinor = budget.take();
    if (budgetMinor === null) return;
    const changes = {
      title: title.trim() !== proposal.title ? title.trim() : null,
      summary: summary.trim() !== proposal.summary ? summary.trim() : null,
      body: body.trim() !== proposal.body ? body.trim() : null,
      budgetMinor: budgetMinor !== proposal.budget.minorUnits ? budgetMinor : null,
    };
    if (Object.values(changes).every((v) => v === null)) {
      setUnchanged(true);
      return;
    }
    const result = await revise({
      variables: {
        input: {
          proposalId: proposal.id,
          ...changes,
          ...(consultation
            ? { reason: reason.trim(), citedCommentIds: [...comments], citedFeedbackIds: [...cited] }
            : {}),
        },
      },
    }).catch(() => null);
    if (result?.data) onDone();
  }

  const commentItems = (thread.data?.proposal?.comments.nodes ?? [])
    .filter((c) => !(c.hidden && c.body === ''))
    .map((c) => ({ id: c.id, label: c.author.displayName, text: c.body }));
  const feedbackItems = feedback.map((f) => ({ id: f.id, label: f.author.displayName, text: f.body }));

  return (
    <form className="form action-block" onSubmit={onSubmit} data-testid="revise-form" aria-labelledby="revise-title">
      <h3 id="revise-title">{t('participation.revisions.formTitle')}</h3>
      <p className="muted small">
        {consultation ? t('participation.revisions.formIntro') : t('participation.revisions.draftIntro')}
      </p>
      <TextField
        label={t('proposals.proposalTitle')}
        required
        limit={LIMITS.proposalTitle}
        countChars
        value={title}
        onChange={setTitle}
        testId="revise-title"
        error={errors.field('title')}
      />
      <TextField
        label={t('proposals.summary')}
        rows={2}
        required
        limit={LIMITS.proposalSummary}
        countChars
        value={summary}
        onChange={setSummary}
        testId="revise-summary"
        error={errors.field('summary')}
      />
      <TextField
        label={t('proposals.body')}
        rows={8}
        required
        limit={LIMITS.proposalBody}
        countChars
        value={body}
        onChange={setBody}
        testId="revise-body"
        error={errors.field('body')}
      />
      <AmountField
        amount={budget}
        currency={currency}
        label={t('proposals.budgetLabel')}
        testId="revise-budget"
        error={errors.field('budgetMinor')}
      />
      {consultation ? (
        <>
          <TextField
            label={t('participation.revisions.reasonLabel')}
            rows={3}
            required
            limit={LIMITS.revisionReason}
            countChars
            value={reason}
            onChange={setReason}
            testId="revise-reason"
            error={errors.field('reason')}
          />
          <p className="muted small">{t('participation.revisions.citeLimit', { max: LIMITS.revisionCitations.max })}</p>
          <CiteList
            legend={t('participation.revisions.citeComments')}
            items={commentItems}
            chosen={comments}
            full={full}
            onToggle={(id) => setComments((set) => toggle(set, id))}
            testId="revise-cite-comments"
          />
          {errors.field('citedCommentIds') ? <p className="field-error">{errors.field('citedCommentIds')}</p> : null}
          <CiteList
            legend={t('participation.revisions.citeFeedback')}
            items={feedbackItems}
            chosen={cited}
            full={full}
            onToggle={(id) => setCited((set) => toggle(set, id))}
            testId="revise-cite-feedback"
          />
          {errors.field('citedFeedbackIds') ? <p className="field-error">{errors.field('citedFeedbackIds')}</p> : null}
        </>
      ) : null}
      {unchanged ? (
        <p className="notice notice-error" role="alert">
          {t('participation.revisions.nothingChanged')}
        </p>
      ) : null}
      <div className="button-row">
        <FormSubmit
          label={consultation ? t('participation.revisions.submit') : t('participation.revisions.submitDraft')}
          loading={loading}
          error={error}
          showError={errors.general}
          testId="revise-submit"
        />
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('participation.revisions.cancel')}
        </button>
      </div>
    </form>
  );
}
