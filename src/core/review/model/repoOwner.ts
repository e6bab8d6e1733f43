/**
 * The owner (user or organisation) of the repository a remote URL points at: `https://github.com/astral-sh/uv.git`,
 * `git@github.com:astral-sh/uv.git`, `ssh://git@github.example.com/acme/tool` all name their owner. A workflow's
 * `uses: <owner>/<action>@ref` naming that owner runs the project's own code, first-party like GitHub's `actions/*`
 * (uv's `astral-sh/setup-uv` in astral-sh/uv). Local paths and `file://` URLs name no owner: undefined.
 */
export function repositoryOwnerOf(url: string | undefined): string | undefined {
  const u = url?.trim();
  if (!u) return undefined;
  // scheme://[user@]host[:port]/owner/repo, or scp-like [user@]host:owner/repo (not a Windows drive `C:\`).
  const m =
    /^(?:https?|ssh|git):\/\/(?:[^@/\s]+@)?[^/\s]+\/([^/\s]+)\/[^/\s]+?\/?$/i.exec(u) ??
    /^(?:[^@/\s:]+@)?[^/\s:]{2,}:(?!\/)([^/\s]+)\/[^/\s]+$/.exec(u);
  const owner = m?.[1];
  return owner && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(owner) ? owner : undefined;
}
