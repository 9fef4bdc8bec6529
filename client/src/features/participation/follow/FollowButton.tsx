import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { FollowProposalDocument, UnfollowProposalDocument } from '../../../gql/graphql';
import { useViewer } from '../../auth/session';
import { ErrorNotice } from '../../common/ErrorNotice';
import { SignInPrompt } from '../../common/SignInPrompt';
import '../participation.css';

interface FollowButtonProps {
  proposalId: string;
  follows: boolean;
  followerCount: number;
}

/** Follow / unfollow a proposal (any signed-in user), with the number of followers. */
export function FollowButton({ proposalId, follows, followerCount }: FollowButtonProps) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [follow, following] = useMutation(FollowProposalDocument, { variables: { proposalId } });
  const [unfollow, unfollowing] = useMutation(UnfollowProposalDocument, { variables: { proposalId } });
  const busy = following.loading || unfollowing.loading;
  const error = following.error ?? unfollowing.error;

  return (
    <div className="follow-bar" data-testid="follow-bar">
      <span className="muted small" data-testid="follower-count" title={t('participation.follow.hint')}>
        {t('participation.follow.followers', { count: followerCount })}
      </span>
      {viewer ? (
        <button
          type="button"
          className={`button button-small ${follows ? 'button-done' : 'button-primary'}`}
          data-testid="follow-toggle"
          data-follows={follows}
          disabled={busy}
          title={t('participation.follow.hint')}
          onClick={() => void (follows ? unfollow() : follow()).catch(() => undefined)}
        >
          {follows ? `✓ ${t('participation.follow.following')}` : t('participation.follow.follow')}
          <span className="visually-hidden">
            {' '}
            · {follows ? t('participation.follow.unfollowNamed') : t('participation.follow.followNamed')}
          </span>
        </button>
      ) : (
        <SignInPrompt from={`/proposals/${proposalId}`} why={t('participation.follow.signIn')} />
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
