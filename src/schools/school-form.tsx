import { type FieldErrors, type FieldValues, SelectField, TextField } from '../console/form-fields.js';
import type { Translate } from '../i18n/index.js';
import { SCHOOL_STAGES } from './school-fields.js';

/** No preselected answer: a school left on the first option would silently get the wrong aid programmes. */
const choose = (t: Translate) => ({ value: '', label: t('forms.choose') });

/** The four fields of a school, used by first-run setup, "new school" and "edit school". */
export function SchoolFormFields({
  t,
  values,
  errors,
  optional = false,
}: {
  t: Translate;
  values?: FieldValues | undefined;
  errors?: FieldErrors | undefined;
  optional?: boolean;
}) {
  return (
    <>
      <TextField
        name="schoolName"
        label={t(optional ? 'schools.name_optional' : 'schools.name')}
        values={values}
        errors={errors}
        required={!optional}
        placeholder={t('schools.name_example')}
      />
      <SelectField
        name="stage"
        label={t('schools.stage')}
        values={values}
        errors={errors}
        options={[
          choose(t),
          ...SCHOOL_STAGES.map((stage) => ({ value: stage, label: t(`policy.stage.${stage}`) })),
        ]}
      />
      <SelectField
        name="ownership"
        label={t('schools.ownership')}
        values={values}
        errors={errors}
        options={[
          choose(t),
          ...(['public', 'private'] as const).map((value) => ({
            value,
            label: t(`policy.ownership.${value}`),
          })),
        ]}
      />
      <SelectField
        name="residence"
        label={t('schools.residence')}
        values={values}
        errors={errors}
        hint={t('schools.drives_eligibility')}
        options={[
          choose(t),
          ...(['rural', 'urban'] as const).map((value) => ({ value, label: t(`policy.residence.${value}`) })),
        ]}
      />
    </>
  );
}
