import { diffWords, type ChangeObject } from 'diff';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import '../participation.css';

/** Word boundaries for Chinese as well as English (Intl.Segmenter knows where Chinese words end). */
const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

export function wordChanges(before: string, after: string): ChangeObject<string>[] {
  return diffWords(before, after, segmenter ? { intlSegmenter: segmenter } : {});
}

/** A word-level diff: removed words struck through, added ones underlined, each announced to screen readers. */
export function WordDiff({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  const parts = useMemo(() => wordChanges(before, after), [before, after]);
  return (
    <div className="diff" data-testid="revision-diff">
      {parts.map((part, i) =>
        part.added ? (
          <ins key={i}>
            <span className="visually-hidden">[{t('participation.revisions.added')}: </span>
            {part.value}
            <span className="visually-hidden">]</span>
          </ins>
        ) : part.removed ? (
          <del key={i}>
            <span className="visually-hidden">[{t('participation.revisions.removed')}: </span>
            {part.value}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </div>
  );
}
