import { useMutation, useQuery } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  DeclareOfferDocument,
  OfferOptionsDocument,
  OrganizationMatchingDocument,
  type Category,
  type OfferFieldsFragment,
  type SponsorshipKind,
} from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { useAmountInput, AmountField } from '../common/AmountField';
import { CATEGORIES, SPONSORSHIP_KINDS } from '../common/constants';
import { formErrors } from '../common/errors';
import { FormSubmit } from '../common/FormSubmit';
import { money } from '../common/format';
import { MatchReasons } from './MatchReasons';

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** A group of checkboxes (categories, kinds, neighborhoods). */
function Checks<T extends string>({
  legend,
  options,
  chosen,
  onChange,
  label,
  testId,
  error,
}: {
  legend: string;
  options: readonly T[];
  chosen: readonly T[];
  onChange: (next: T[]) => void;
  label: (value: T) => string;
  testId: string;
  error?: string | null;
}) {
  return (
    <fieldset className="fieldset" data-testid={testId}>
      <legend>{legend}</legend>
      <div className="radio-row">
        {options.map((o) => (
          <label key={o} className="radio">
            <input
              type="checkbox"
              checked={chosen.includes(o)}
              onChange={() => onChange(toggle(chosen, o))}
              value={o}
            />
            {label(o)}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

const FIELDS = ['categories', 'kinds', 'neighborhoodIds', 'yearlyBudgetMinMinor', 'yearlyBudgetMaxMinor', 'currency'];

/** Members (and FUND_ADMIN) declare what the organization offers; declaring again replaces it. */
function DeclareOfferForm({
  organizationId,
  enterprise,
  current,
}: {
  organizationId: string;
  enterprise: boolean;
  current: OfferFieldsFragment | null;
}) {
  const { t } = useTranslation();
  const { data: options } = useQuery(OfferOptionsDocument);
  const currency = options?.funds[0]?.currency ?? 'CNY';
  const [categories, setCategories] = useState<Category[]>(() => [...(current?.categories ?? [])]);
  const [kinds, setKinds] = useState<SponsorshipKind[]>(() => [...(current?.kinds ?? [])]);
  const [neighborhoodIds, setNeighborhoodIds] = useState<string[]>(() => current?.neighborhoods.map((n) => n.id) ?? []);
  const min = useAmountInput('offer-budget-min', currency, LIMITS.yearlyBudgetMinor);
  const max = useAmountInput('offer-budget-max', currency, LIMITS.yearlyBudgetMinor);
  const [saved, setSaved] = useState(false);
  const [declare, { loading, error }] = useMutation(DeclareOfferDocument, {
    refetchQueries: [OrganizationMatchingDocument],
  });
  const errors = formErrors(error, FIELDS);
  const neighborhoods = options?.funds.flatMap((f) => f.neighborhoods) ?? [];
  const names = new Map(neighborhoods.map((n) => [n.id, n.name]));

  return (
    <form
      className="form"
      data-testid="declare-offer"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const budgeted = enterprise && (min.text !== '' || max.text !== '');
        const minMinor = enterprise && min.text !== '' ? min.take() : null;
        const maxMinor = enterprise && max.text !== '' ? max.take() : null;
        if ((min.text !== '' && minMinor === null) || (max.text !== '' && maxMinor === null)) return;
        void declare({
          variables: {
            input: {
              organizationId,
              categories,
              kinds: enterprise ? kinds : [],
              neighborhoodIds,
              yearlyBudgetMinMinor: minMinor,
              yearlyBudgetMaxMinor: maxMinor,
              currency: budgeted ? currency : null,
            },
          },
        }).then((r) => setSaved(!r.error));
      }}
    >
      <p className="muted small">{t('matching.offerPublic')}</p>
      <Checks
        legend={t('matching.categories')}
        options={CATEGORIES}
        chosen={categories}
        onChange={setCategories}
        label={(c) => t(`categories.${c}`)}
        testId="offer-categories"
        error={errors.field('categories')}
      />
      {enterprise ? (
        <>
          <Checks
            legend={t('matching.kinds')}
            options={SPONSORSHIP_KINDS}
            chosen={kinds}
            onChange={setKinds}
            label={(k) => t(`sponsorshipKind.${k}`)}
            testId="offer-kinds"
            error={errors.field('kinds')}
          />
          <div className="two-col">
            <AmountField
              amount={min}
              currency={currency}
              label={t('matching.budgetMin')}
              error={errors.field('yearlyBudgetMinMinor')}
            />
            <AmountField
              amount={max}
              currency={currency}
              label={t('matching.budgetMax')}
              error={errors.field('yearlyBudgetMaxMinor')}
            />
          </div>
        </>
      ) : null}
      {neighborhoods.length > 0 ? (
        <Checks
          legend={t('matching.neighborhoods')}
          options={neighborhoods.map((n) => n.id)}
          chosen={neighborhoodIds}
          onChange={setNeighborhoodIds}
          label={(id) => names.get(id) ?? id}
          testId="offer-neighborhoods"
          error={errors.field('neighborhoodIds')}
        />
      ) : null}
      <FormSubmit
        label={t('matching.declare')}
        loading={loading}
        error={error}
        showError={errors.general}
        success={saved ? t('matching.declared') : null}
        testId="declare-offer-submit"
      />
    </form>
  );
}

function Offer({ offer }: { offer: OfferFieldsFragment }) {
  const { t } = useTranslation();
  return (
    <dl className="details" data-testid="offer">
      <div>
        <dt>{t('matching.categories')}</dt>
        <dd>{offer.categories.map((c) => t(`categories.${c}`)).join(', ')}</dd>
      </div>
      {offer.kinds.length > 0 ? (
        <div>
          <dt>{t('matching.kinds')}</dt>
          <dd>{offer.kinds.map((k) => t(`sponsorshipKind.${k}`)).join(', ')}</dd>
        </div>
      ) : null}
      {offer.neighborhoods.length > 0 ? (
        <div>
          <dt>{t('matching.neighborhoods')}</dt>
          <dd>{offer.neighborhoods.map((n) => n.name).join(', ')}</dd>
        </div>
      ) : null}
      {offer.yearlyBudgetMin || offer.yearlyBudgetMax ? (
        <div>
          <dt>{t('matching.budget')}</dt>
          <dd className="money">
            {offer.yearlyBudgetMin ? money(offer.yearlyBudgetMin) : '…'} –{' '}
            {offer.yearlyBudgetMax ? money(offer.yearlyBudgetMax) : '…'}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** On an organization's page: what it offers, its record on the platform, and the open needs and proposals that fit it. */
export function OrganizationMatching({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const { data } = useQuery(OrganizationMatchingDocument, { variables: { id: organizationId } });
  const org = data?.organization;
  if (!org || org.type === 'GOVERNMENT') return null;
  const mayDeclare = viewer !== null && (viewer.role === 'FUND_ADMIN' || viewer.organization?.id === org.id);
  const record = org.trackRecord;
  return (
    <div className="two-col">
      <section className="card" aria-labelledby="offer-title">
        <h2 id="offer-title">{t('matching.offer')}</h2>
        {org.offer ? <Offer offer={org.offer} /> : <p className="empty">{t('matching.noOffer')}</p>}
        <h3>{t('matching.record')}</h3>
        <ul className="figures" data-testid="track-record">
          <li>{t('matching.projectsCompleted', { count: record.projectsCompleted })}</li>
          <li>{t('matching.projectsInProgress', { count: record.projectsInProgress })}</li>
          <li>
            {record.progressReportedPercent === null
              ? t('matching.noReportingYet')
              : t('matching.progressReported', { percent: record.progressReportedPercent })}
          </li>
          <li>{t('matching.sponsorshipsFulfilled', { count: record.sponsorshipsFulfilled })}</li>
        </ul>
        {mayDeclare ? (
          <details className="action-block">
            <summary>{org.offer ? t('matching.change') : t('matching.declareFirst')}</summary>
            <DeclareOfferForm
              organizationId={org.id}
              enterprise={org.type === 'ENTERPRISE'}
              current={org.offer ?? null}
            />
          </details>
        ) : null}
      </section>
      <section className="card" aria-labelledby="opportunities-title">
        <h2 id="opportunities-title">{t('matching.opportunities')}</h2>
        {org.opportunities.length === 0 ? (
          <p className="empty">{org.verified ? t('matching.noOpportunities') : t('matching.unverified')}</p>
        ) : (
          <ol className="match-list" data-testid="opportunities">
            {org.opportunities.map((o) => (
              <li key={o.proposal?.id ?? o.need?.id} className="market-item" data-testid="opportunity">
                <div className="market-item-head">
                  {o.proposal ? (
                    <Link to={`/proposals/${o.proposal.id}`}>{o.proposal.title}</Link>
                  ) : o.need ? (
                    <Link to={`/needs?status=ALL#need-${o.need.id}`}>{o.need.title}</Link>
                  ) : null}{' '}
                  <span className="tag tag-small">{o.proposal ? t('matching.proposal') : t('matching.need')}</span>
                  <span className="count-pill" title={t('matching.score')}>
                    {o.score}
                  </span>
                </div>
                <MatchReasons reasons={o.reasons} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
