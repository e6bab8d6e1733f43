import { check, removed } from './helpers';

/**
 * Path confinement checks removed. Shapes modelled on servers that let a caller or a model name files inside a
 * workspace: the traversal check dropped when the workspace root moves, versus the check moved into a helper,
 * rewritten with the platform's own test, or only deleted from a test. Every fixture is written here.
 */
describe('review/rules path confinement checks removed', () => {
  check([
    {
      lang: 'ts',
      name: 'the workspace check dropped when the root became configurable',
      files: removed(
        'src/agent/files.ts',
        [
          '  if (!isWithinRoot(resolved, this.workspace)) {',
          "    throw new Error('path outside the workspace');",
          '  }',
        ],
        ['  const real = await fs.promises.realpath(resolved);'],
      ),
      fires: 'path-check-removed',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'the check moved into a helper in another file of the same change',
      files: [
        removed('src/agent/files.ts', ['  validateWorkspacePath(resolved, this.workspace);'], ['  guard(resolved);']),
        removed(
          'src/agent/guard.ts',
          [],
          ['export function guard(p: string) {', '  validateWorkspacePath(p, root);', '}'],
        ),
      ],
      silent: 'path-check-removed',
    },
    {
      lang: 'ts',
      name: 'a check deleted from a test file',
      files: removed('src/agent/files.test.ts', ['    expect(isWithinRoot(p, root)).toBe(false);']),
      silent: 'path-check-removed',
    },
    {
      lang: 'py',
      name: 'an upload path no longer checked against the upload folder',
      files: removed(
        'app/uploads.py',
        ['    if not target.resolve().is_relative_to(UPLOAD_ROOT):', '        raise PermissionError(name)'],
        ['    target = UPLOAD_ROOT / name'],
      ),
      fires: 'path-check-removed',
    },
    {
      lang: 'py',
      name: 'a build hook deleted whole, with the check that guarded its own output folder',
      files: {
        path: 'docs/hooks/build_examples.py',
        status: 'deleted',
        del: [
          'def write(root, name, text):',
          '    if not (root / name).resolve().is_relative_to(root):',
          '        raise ValueError(name)',
        ],
      },
      silent: 'path-check-removed',
    },
    {
      lang: 'py',
      name: 'commonpath replaced by is_relative_to',
      files: removed(
        'app/uploads.py',
        ['    if os.path.commonpath([root, target]) != root:'],
        ['    if not Path(target).resolve().is_relative_to(root):'],
      ),
      silent: 'path-check-removed',
    },
    {
      lang: 'go',
      name: 'an archive entry no longer checked with filepath.IsLocal',
      files: removed(
        'internal/extract/tar.go',
        ['\tif !filepath.IsLocal(hdr.Name) {', '\t\treturn fmt.Errorf("unsafe entry %q", hdr.Name)', '\t}'],
        ['\tdst := filepath.Join(dir, hdr.Name)'],
      ),
      fires: 'path-check-removed',
    },
    {
      lang: 'go',
      name: 'the entry check rewritten with securejoin',
      files: removed(
        'internal/extract/tar.go',
        ['\tif !filepath.IsLocal(hdr.Name) {'],
        ['\tdst, err := securejoin.SecureJoin(dir, hdr.Name)'],
      ),
      silent: 'path-check-removed',
    },
    {
      lang: 'rust',
      name: 'parent components no longer refused in an archive path',
      files: removed(
        'crates/unpack/src/lib.rs',
        [
          '        if path.components().any(|c| matches!(c, Component::ParentDir)) {',
          '            return Err(Error::Escapes(path.to_path_buf()));',
          '        }',
        ],
        ['        let dest = root.join(&path);'],
      ),
      fires: 'path-check-removed',
    },
    {
      lang: 'rust',
      name: 'the same check only re-indented',
      files: removed(
        'crates/unpack/src/lib.rs',
        ['    if path.components().any(|c| matches!(c, Component::ParentDir)) {'],
        ['        if path.components().any(|c| matches!(c, Component::ParentDir)) {'],
      ),
      silent: 'path-check-removed',
    },
  ]);
});
