/**
 * HTTP contract pieces shared by every module: the error body every 4xx/5xx answer carries and
 * the description of a binary download, so OpenAPI tells a client what it will receive.
 */
import { z } from 'zod';

/** The body of every error answer: a stable code, a message in the request's language, details for some codes. */
export const errorBody = z.looseObject({
  /** Stable code, e.g. `validation_error`, `supervision.deadline_passed`. */
  error: z.string(),
  /** Human message in the request's language (zh-CN by default). */
  message: z.string(),
  /** Field paths of a validation error, or the facts behind a refusal. */
  details: z.unknown().optional(),
});
// one component in OpenAPI (#/components/schemas/ErrorBody), referred to by every error answer
z.globalRegistry.add(errorBody, { id: 'ErrorBody' });

/** An error answer's type. */
export type ErrorBody = z.infer<typeof errorBody>;

/** Excel workbook. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Word document. */
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** PDF. */
export const PDF = 'application/pdf';

/** A response whose body is a file of `mime` (a download): declared as binary content for OpenAPI. */
export function binaryFile(mime: string, description = 'file') {
  // the body is a Buffer or a stream that Fastify sends as is: no serializer runs, so the schema only documents
  return { description, content: { [mime]: { schema: z.unknown().meta({ type: 'string', format: 'binary' }) } } };
}
