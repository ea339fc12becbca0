/** The district's schools, managed by the district officer. */
export {
  SCHOOL_STAGES,
  type SchoolFields,
  type SchoolStage,
  schoolFieldsSchema,
  schoolProblemKey,
} from './school-fields.js';
export { SchoolFormFields } from './school-form.js';
export { schoolRoutes } from './school-routes.js';
