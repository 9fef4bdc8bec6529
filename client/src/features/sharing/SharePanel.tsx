import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateShareLinkDocument, type ShareKind } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';

/**
 * "Share": a short link to a public page (the server shows its preview in
 * chat apps), to copy; made on first request, the same link every time.
 */
export function SharePanel({ kind, id }: { kind: ShareKind; id: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const [share, { data, loading, error }] = useMutation(CreateShareLinkDocument);
  const link = data ? `${window.location.origin}${data.createShareLink.shortPath}` : null;
  return (
    <div className="share-panel" data-testid="share-panel">
      {link ? (
        <div className="share-link">
          <label htmlFor={`share-${id}`}>{t('sharing.link')}</label>
          <input
            id={`share-${id}`}
            readOnly
            value={link}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="share-link"
          />
          <button
            type="button"
            className="button"
            onClick={() => {
              void navigator.clipboard?.writeText(link).then(() => setCopied(true));
            }}
          >
            {copied ? t('sharing.copied') : t('sharing.copy')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button"
          disabled={loading}
          onClick={() => void share({ variables: { kind, id } })}
          data-testid="share-button"
        >
          {t('sharing.share')}
        </button>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
