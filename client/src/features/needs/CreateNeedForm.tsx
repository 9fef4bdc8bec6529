import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateNeedDocument, type Category, type CurrentFundQuery } from '../../gql/graphql';
import { CATEGORIES, isCategory } from '../common/constants';
import { formErrors } from '../common/errors';
import { ErrorNotice } from '../common/ErrorNotice';
import { Field } from '../common/Field';

type Fund = CurrentFundQuery['funds'][number];

export function CreateNeedForm({ fund, defaultNeighborhoodId }: { fund: Fund; defaultNeighborhoodId: string | null }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<Category>('OTHER');
  const [neighborhoodId, setNeighborhoodId] = useState(defaultNeighborhoodId ?? '');
  const [done, setDone] = useState(false);
  const [createNeed, { loading, error }] = useMutation(CreateNeedDocument, {
    refetchQueries: ['Needs', 'FundCounts', 'NeedOptions'],
  });
  const errors = formErrors(error, ['title', 'description', 'category', 'neighborhoodId']);
  const fieldError = errors.field;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const result = await createNeed({
      variables: {
        input: {
          fundId: fund.id,
          neighborhoodId: neighborhoodId || null,
          title: title.trim(),
          description: description.trim(),
          category,
        },
      },
    }).catch(() => null);
    if (result?.data) {
      setTitle('');
      setDescription('');
      setDone(true);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <Field
        label={t('needs.needTitle')}
        hint={t('common.charCount', { count: title.length, max: LIMITS.needTitle.max })}
        error={fieldError('title')}
      >
        <input
          type="text"
          required
          minLength={LIMITS.needTitle.min}
          maxLength={LIMITS.needTitle.max}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </Field>
      <Field
        label={t('needs.description')}
        hint={t('common.charCount', { count: description.length, max: LIMITS.needDescription.max })}
        error={fieldError('description')}
      >
        <textarea
          rows={4}
          required
          minLength={LIMITS.needDescription.min}
          maxLength={LIMITS.needDescription.max}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Field>
      <div className="form-row">
        <Field label={t('needs.category')} error={fieldError('category')}>
          <select value={category} onChange={(e) => isCategory(e.target.value) && setCategory(e.target.value)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('needs.neighborhood')} error={fieldError('neighborhoodId')}>
          <select value={neighborhoodId} onChange={(e) => setNeighborhoodId(e.target.value)}>
            <option value="">{t('needs.anyNeighborhood')}</option>
            {fund.neighborhoods.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {error && errors.general ? <ErrorNotice error={error} /> : null}
      {done ? (
        <p className="notice notice-success" role="status">
          {t('needs.created')}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={loading}>
        {loading ? t('common.submitting') : t('needs.submit')}
      </button>
    </form>
  );
}
