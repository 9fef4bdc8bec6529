import { useTranslation } from 'react-i18next';
import type {
  BidStatus,
  CampaignStatus,
  Category,
  DisbursementStatus,
  OrganizationType,
  PartnershipStatus,
  ProposalStatus,
  SponsorshipStatus,
} from '../../gql/graphql';

function badgeClass(status: string): string {
  return `badge badge-status badge-${status.toLowerCase()}`;
}

export function StatusBadge({ status, testId }: { status: ProposalStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={badgeClass(status)} data-testid={testId}>
      {t(`proposalStatus.${status}`)}
    </span>
  );
}

export function SponsorshipStatusBadge({ status, testId }: { status: SponsorshipStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={badgeClass(status)} data-testid={testId}>
      {t(`sponsorshipStatus.${status}`)}
    </span>
  );
}

export function BidStatusBadge({ status }: { status: BidStatus }) {
  const { t } = useTranslation();
  return <span className={badgeClass(status)}>{t(`bidStatus.${status}`)}</span>;
}

export function PartnershipStatusBadge({ status }: { status: PartnershipStatus }) {
  const { t } = useTranslation();
  return <span className={badgeClass(status)}>{t(`partnershipStatus.${status}`)}</span>;
}

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return <span className={badgeClass(`campaign-${status}`)}>{t(`campaignStatus.${status}`)}</span>;
}

export function DisbursementStatusBadge({ status, testId }: { status: DisbursementStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={badgeClass(status)} data-testid={testId}>
      {t(`disbursementStatus.${status}`)}
    </span>
  );
}

export function CategoryTag({ category }: { category: Category }) {
  const { t } = useTranslation();
  return <span className="tag">{t(`categories.${category}`)}</span>;
}

export function OrganizationTypeTag({ type }: { type: OrganizationType }) {
  const { t } = useTranslation();
  return <span className="tag tag-small">{t(`organizationType.${type}`)}</span>;
}

export function VerifiedBadge({ verified }: { verified: boolean }) {
  const { t } = useTranslation();
  return verified ? (
    <span className="badge badge-verified">✓ {t('organizations.verified')}</span>
  ) : (
    <span className="badge badge-unverified">{t('organizations.unverified')}</span>
  );
}
