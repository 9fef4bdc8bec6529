import { useQuery } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProposalsDocument } from '../../gql/graphql';
import { useViewer } from '../auth/session';
import { PROPOSAL_STATUSES, isCategory, isProposalStatus } from '../common/constants';
import { PagedList } from '../common/PagedList';
import { CategoryField, SelectField } from '../common/SelectField';
import { SignInPrompt } from '../common/SignInPrompt';
import { TextField } from '../common/TextField';
import { useSearchParam } from '../common/useSearchParam';
import { WithCurrentFund, type CurrentFund } from '../funds/WithCurrentFund';
import { CreateProposalForm } from './CreateProposalForm';
import { ProposalCard } from './ProposalCard';

const PAGE_SIZE = 10;

export function ProposalList() {
  return <WithCurrentFund>{(fund) => <FundProposals fund={fund} />}</WithCurrentFund>;
}

function FundProposals({ fund }: { fund: CurrentFund }) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [statusParam, setStatus] = useSearchParam('status');
  const [categoryParam, setCategory] = useSearchParam('category');
  const [searchParam, setSearch] = useSearchParam('q');
  const search = searchParam ?? '';
  const status = statusParam && isProposalStatus(statusParam) ? statusParam : null;
  const category = categoryParam && isCategory(categoryParam) ? categoryParam : null;
  const [searchText, setSearchText] = useState(search);

  const { data, loading, error, fetchMore, refetch } = useQuery(ProposalsDocument, {
    variables: {
      fundId: fund.id,
      status: status ? [status] : null,
      category,
      search: search || null,
      first: PAGE_SIZE,
    },
    notifyOnNetworkStatusChange: true,
  });

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(searchText.trim());
  }

  const proposals = data?.proposals;

  return (
    <div className="layout-with-aside">
      <div className="stack">
        <section className="filters card" aria-label={t('proposals.filters')}>
          <form className="search-row" role="search" onSubmit={onSearch}>
            <TextField
              label={t('proposals.search')}
              type="search"
              placeholder={t('proposals.searchPlaceholder')}
              limit={LIMITS.searchText}
              value={searchText}
              onChange={setSearchText}
            />
            <button type="submit" className="button button-primary">
              {t('proposals.searchButton')}
            </button>
          </form>
          <div className="form-row">
            <SelectField
              label={t('proposals.status')}
              value={status ?? ''}
              emptyOption={t('common.all')}
              options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`proposalStatus.${s}`) }))}
              onChange={setStatus}
            />
            <CategoryField
              label={t('proposals.category')}
              value={category}
              emptyOption={t('common.all')}
              onChange={(value) => setCategory(value ?? '')}
            />
          </div>
        </section>

        {proposals ? (
          <p className="muted small" role="status">
            {t('common.showing', { shown: proposals.nodes.length, total: proposals.totalCount })}
          </p>
        ) : null}
        <PagedList
          page={proposals}
          loading={loading}
          error={error}
          onRetry={() => void refetch()}
          onLoadMore={(after) => fetchMore({ variables: { after } })}
          empty={t('proposals.empty')}
          renderItem={(proposal) => <ProposalCard proposal={proposal} />}
        />
      </div>

      <aside className="card aside" aria-labelledby="create-proposal-title">
        <h2 id="create-proposal-title">{t('proposals.createTitle')}</h2>
        {viewer ? (
          <>
            <p className="muted small">{t('proposals.createIntro')}</p>
            <CreateProposalForm fundId={fund.id} currency={fund.currency} />
          </>
        ) : (
          <SignInPrompt from="/proposals" />
        )}
      </aside>
    </div>
  );
}
