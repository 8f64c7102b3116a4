/**
 * Reads an OpenAI audio request's multipart form with @fastify/multipart (no hand-written parsing): one file
 * part `file` (bounded by the upload limit) and short text fields. Repeated fields (`timestamp_granularities[]`)
 * keep every value.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../api-error.js';

export interface AudioForm {
  readonly file: { readonly bytes: Buffer; readonly filename: string } | null;
  /** Text fields by name, every value in order. */
  readonly fields: ReadonlyMap<string, readonly string[]>;
}

/** @fastify/multipart error codes -> OpenAI-shaped errors. */
function formError(error: unknown, maxUploadBytes: number): ApiError {
  const code = (error as { code?: unknown }).code;
  const mb = (maxUploadBytes / 1024 / 1024).toFixed(maxUploadBytes < 1024 * 1024 ? 3 : 0);
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ApiError(413, `the file is larger than this server accepts (${mb} MB)`, { param: 'file', code: 'file_too_large' });
    case 'FST_FILES_LIMIT':
      return new ApiError(400, 'send exactly one file, in the field "file"', { param: 'file', code: 'too_many_files' });
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new ApiError(413, 'the form has too many fields', { code: 'too_many_fields' });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ApiError(400, 'the body must be multipart/form-data (with a boundary)', { code: 'invalid_content_type' });
    case 'FST_PROTO_VIOLATION':
      return new ApiError(400, 'a form field has a forbidden name', { code: 'invalid_field' });
    default:
      return new ApiError(400, `the multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`, { code: 'malformed_multipart' });
  }
}

/** Reads the whole form; throws `ApiError` (400/413) on anything malformed or too large. */
export async function readAudioForm(request: FastifyRequest, maxUploadBytes: number): Promise<AudioForm> {
  if (!request.isMultipart()) throw formError({ code: 'FST_INVALID_MULTIPART_CONTENT_TYPE' }, maxUploadBytes);
  let file: AudioForm['file'] = null;
  const fields = new Map<string, string[]>();
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new ApiError(400, `unexpected file in field "${part.fieldname}"; the audio goes in "file"`, { param: part.fieldname, code: 'invalid_field' });
        }
        file = { bytes: await part.toBuffer(), filename: part.filename };
      } else {
        if (part.fieldnameTruncated || part.valueTruncated) throw new ApiError(400, `field "${part.fieldname}" is too long`, { param: part.fieldname, code: 'invalid_value' });
        if (part.fieldname === 'file') throw new ApiError(400, 'field "file" must be a file upload, not text', { param: 'file', code: 'invalid_type' });
        const list = fields.get(part.fieldname) ?? [];
        list.push(String(part.value));
        fields.set(part.fieldname, list);
      }
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw formError(error, maxUploadBytes);
  }
  return { file, fields };
}
