// Validation of the `--seed` file of `deno task mock-server`, so a malformed seed gets a message
// that names the bad field instead of a TypeError from deep inside the model.

import { z } from "zod";
import type { SeedUser } from "./model_types.ts";

const durationText = z.string().regex(/^P/, "expected an ISO 8601 duration such as PT1H");

const seedSession = z.strictObject({
  sessionId: z.string().min(1),
  availability: z.string().min(1),
  activity: z.string().min(1),
  expirationDuration: durationText.optional(),
});

const seedUser = z.strictObject({
  id: z.string().min(1),
  displayName: z.string().optional(),
  sessions: z.array(seedSession).optional(),
  preferredPresence: z.strictObject({
    availability: z.string().min(1),
    activity: z.string().min(1),
    expirationDuration: durationText.nullable().optional(),
  }).optional(),
  statusMessage: z.strictObject({
    message: z.strictObject({ content: z.string(), contentType: z.string().optional() }),
    expiryDateTime: z.strictObject({ dateTime: z.string(), timeZone: z.string().optional() })
      .nullable().optional(),
  }).optional(),
});

const seedUsers = z.array(seedUser);

const seedObject = z.strictObject({
  tenantId: z.string().min(1).optional(),
  users: seedUsers,
  fixedUsers: z.boolean().optional(),
});

/** The parts of the mock's options that a seed file sets. */
export interface SeedFileContents {
  tenantId?: string;
  users: SeedUser[];
  fixedUsers?: boolean;
}

/**
 * Validates parsed seed JSON: an array of users, or `{ tenantId?, users, fixedUsers? }`.
 * Throws an Error whose message lists each invalid field with its path.
 */
export function parseSeedFile(json: unknown): SeedFileContents {
  if (Array.isArray(json)) return { users: validated(seedUsers, json) };
  return validated(seedObject, json);
}

function validated<T>(schema: z.ZodType<T>, json: unknown): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    `${issue.path.join(".") || "(root)"}: ${issue.message}`
  );
  throw new Error(problems.join("; "));
}
