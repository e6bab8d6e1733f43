/** Reviewer identities as git knows them (`user.name`, `user.email`), checked before they go into notes and trailers. */

export interface Reviewer {
  readonly name: string;
  readonly email: string;
}

const NAME_MAX = 200;
const EMAIL_MAX = 254;

/** Why `email` cannot identify a reviewer, or undefined. */
export function emailProblem(email: unknown): string | undefined {
  if (typeof email !== 'string' || email.trim() === '') return 'email is empty';
  if (email.length > EMAIL_MAX) return `email longer than ${EMAIL_MAX} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\s<>"\u0000-\u001f\u007f-\u009f]/.test(email))
    return 'email contains spaces, quotes, angle brackets or control characters';
  if (!/^[^@]+@[^@]+$/.test(email)) return 'email is not of the form name@host';
  return undefined;
}

/** Why `name` cannot name a reviewer, or undefined. */
export function nameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return 'name is empty';
  if (name.length > NAME_MAX) return `name longer than ${NAME_MAX} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[<>\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name))
    return 'name contains angle brackets or control characters';
  return undefined;
}

/** The key a reviewer's state is stored under: the email, case-folded. */
export function reviewerKey(email: string): string {
  return email.trim().toLowerCase();
}

/** `AI-Reviewed-by: Name <email>`, the trailer for the merge or squash commit. Throws on an unusable identity. */
export function reviewedByTrailer(reviewer: Reviewer): string {
  const problem = nameProblem(reviewer.name) ?? emailProblem(reviewer.email);
  if (problem) throw new RangeError(`cannot write an AI-Reviewed-by trailer: ${problem}`);
  return `AI-Reviewed-by: ${reviewer.name.trim()} <${reviewer.email.trim()}>`;
}
