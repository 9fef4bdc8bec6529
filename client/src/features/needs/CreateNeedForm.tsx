import { useMutation } from '@apollo/client/react';
import { LIMITS } from '@commonweal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateNeedDocument, type Category } from '../../gql/graphql';
import { formErrors } from '../common/errors';
import { FormSubmit } from '../common/FormSubmit';
import { CategoryField, SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import type { CurrentFund } from '../funds/WithCurrentFund';

export function CreateNeedForm({
  fund,
  defaultNeighborhoodId,
}: {
  fund: CurrentFund;
  defaultNeighborhoodId: string | null;
}) {
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
      <TextField
        label={t('needs.needTitle')}
        required
        limit={LIMITS.needTitle}
        countChars
        value={title}
        onChange={setTitle}
        error={fieldError('title')}
      />
      <TextField
        label={t('needs.description')}
        rows={4}
        required
        limit={LIMITS.needDescription}
        countChars
        value={description}
        onChange={setDescription}
        error={fieldError('description')}
      />
      <div className="form-row">
        <CategoryField
          label={t('needs.category')}
          value={category}
          onChange={(c) => c && setCategory(c)}
          error={fieldError('category')}
        />
        <SelectField
          label={t('needs.neighborhood')}
          value={neighborhoodId}
          onChange={setNeighborhoodId}
          emptyOption={t('needs.anyNeighborhood')}
          options={fund.neighborhoods.map((n) => ({ value: n.id, label: n.name }))}
          error={fieldError('neighborhoodId')}
        />
      </div>
      <FormSubmit
        label={t('needs.submit')}
        loading={loading}
        error={error}
        showError={errors.general}
        success={done ? t('needs.created') : null}
      />
    </form>
  );
}
