import * as assert from 'node:assert/strict';
import { repositoryOwnerOf } from '../../../src/core/review/model/repoOwner';

describe('review/model repositoryOwnerOf: the owner a remote URL names', () => {
  it('reads HTTPS, SSH and scp-like remotes, with or without .git', () => {
    assert.equal(repositoryOwnerOf('https://github.com/astral-sh/uv.git\n'), 'astral-sh');
    assert.equal(repositoryOwnerOf('https://github.com/charmbracelet/crush'), 'charmbracelet');
    assert.equal(repositoryOwnerOf('https://user@github.com/acme/tool/'), 'acme');
    assert.equal(repositoryOwnerOf('git@github.com:pydantic/pydantic-ai.git'), 'pydantic');
    assert.equal(repositoryOwnerOf('ssh://git@github.example.com:2222/acme/tool.git'), 'acme');
    assert.equal(repositoryOwnerOf('git://github.com/acme/tool'), 'acme');
  });
  it('local paths, file URLs, Windows drives and nothing name no owner', () => {
    assert.equal(repositoryOwnerOf('/work/mirror/uv/repo'), undefined);
    assert.equal(repositoryOwnerOf('../uv'), undefined);
    assert.equal(repositoryOwnerOf('file:///srv/git/uv.git'), undefined);
    assert.equal(repositoryOwnerOf('C:\\src\\uv'), undefined);
    assert.equal(repositoryOwnerOf(''), undefined);
    assert.equal(repositoryOwnerOf(undefined), undefined);
    // A host with a deeper path (a GitLab subgroup) names no single owner of the action namespace.
    assert.equal(repositoryOwnerOf('https://gitlab.com/group/sub/repo.git'), undefined);
  });
});
