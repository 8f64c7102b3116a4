export type { ScalarField, FieldSource, FieldLedger, FieldState } from './types.js';
export { BlobField } from './blob-field.js';
export { GridField } from './grid-field.js';
export { createField } from './create-field.js';
