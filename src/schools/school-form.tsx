import { type FieldErrors, type FieldValues, SelectField, TextField } from '../console/form-fields.js';
import type { Translate } from '../i18n/index.js';
import { SCHOOL_STAGES } from './school-fields.js';

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
        options={SCHOOL_STAGES.map((stage) => ({ value: stage, label: t(`policy.stage.${stage}`) }))}
      />
      <SelectField
        name="ownership"
        label={t('schools.ownership')}
        values={values}
        errors={errors}
        options={(['public', 'private'] as const).map((value) => ({
          value,
          label: t(`policy.ownership.${value}`),
        }))}
      />
      <SelectField
        name="residence"
        label={t('schools.residence')}
        values={values}
        errors={errors}
        hint={t('schools.drives_eligibility')}
        options={(['rural', 'urban'] as const).map((value) => ({
          value,
          label: t(`policy.residence.${value}`),
        }))}
      />
    </>
  );
}
