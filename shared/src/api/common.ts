// HTTP API schemas shared by the daemon (validation, OpenAPI) and clients (types). JSON fields use the
// seed's snake_case column names.
import { Type, type Static } from 'typebox';

export const ErrorBody = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String(), hint: Type.Optional(Type.String()) }) },
  { $id: 'ErrorBody', description: 'Every error: a stable code and a message that says what happened and what to do.' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export type IdParams = Static<typeof IdParams>;
