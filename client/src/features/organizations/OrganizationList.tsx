import { useQuery } from '@apollo/client/react';
import { OrganizationType } from '@commonweal/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OrganizationsDocument, type OrganizationType as OrganizationTypeValue } from '../../gql/graphql';
import { OrganizationTypeTag, VerifiedBadge } from '../common/Badges';
import { ErrorNotice } from '../common/ErrorNotice';
import { Loading } from '../common/Loading';
import { SelectField } from '../common/SelectField';
import { useSearchParam } from '../common/useSearchParam';

const TYPES: readonly OrganizationTypeValue[] = Object.values(OrganizationType);

function isType(value: string): value is OrganizationTypeValue {
  return (TYPES as readonly string[]).includes(value);
}

/** Every organization around the fund, filtered by type; each links to its page. */
export function OrganizationList() {
  const { t } = useTranslation();
  const [typeParam, setType] = useSearchParam('type');
  const type = typeParam && isType(typeParam) ? typeParam : null;
  const { data, loading, error, refetch } = useQuery(OrganizationsDocument, { variables: { type } });
  const organizations = data?.organizations;

  return (
    <div className="stack">
      <div className="toolbar">
        <SelectField
          label={t('organizations.filterType')}
          value={type ?? ''}
          emptyOption={t('common.all')}
          options={TYPES.map((v) => ({ value: v, label: t(`organizationType.${v}`) }))}
          onChange={setType}
        />
      </div>
      {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {organizations && organizations.length === 0 ? <p className="empty">{t('organizations.empty')}</p> : null}
      <ul className="card-grid" aria-busy={loading}>
        {organizations?.map((o) => (
          <li key={o.id}>
            <Link to={`/organizations/${o.id}`} className="card card-link" data-testid="organization-card">
              <div className="card-meta">
                <OrganizationTypeTag type={o.type} />
                <VerifiedBadge verified={o.verified} />
              </div>
              <h2 className="card-title">{o.name}</h2>
              {o.description ? <p className="proposal-summary">{o.description}</p> : null}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
