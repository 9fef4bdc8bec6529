import { useTranslation } from 'react-i18next';
import type { MatchReasonFieldsFragment } from '../../gql/graphql';

/** Why something fits: each reason's kind, the points it adds and the server's sentence. */
export function MatchReasons({ reasons }: { reasons: readonly MatchReasonFieldsFragment[] }) {
  const { t } = useTranslation();
  return (
    <ul className="match-reasons" data-testid="match-reasons">
      {reasons.map((r) => (
        <li key={`${r.kind}-${r.detail}`}>
          <span className="tag tag-small">{t(`matching.reason.${r.kind}`)}</span>{' '}
          <span className="match-points">+{r.points}</span> <span className="muted">{r.detail}</span>
        </li>
      ))}
    </ul>
  );
}
