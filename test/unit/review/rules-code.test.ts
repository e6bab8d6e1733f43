import * as assert from 'node:assert/strict';
import { ALL_AI, ALL_HUMAN, added, check, diffOf, findingsOf, removed, review } from './helpers';

describe('review/rules error handling', () => {
  check([
    {
      lang: 'ts',
      name: 'empty catch on one line',
      files: added('src/io.ts', 'try { save(); } catch (e) {}'),
      fires: 'swallowed-error',
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'empty catch over lines',
      files: added('src/io.ts', 'try {', '  save();', '} catch (err) {', '  // ignore', '}'),
      fires: 'swallowed-error',
    },
    {
      lang: 'ts',
      name: 'ignored failure of a named stop call in cleanup',
      files: added('src/run.ts', 'try {', '  stopProxy();', '} catch {', '  // ignore', '}'),
      silent: 'swallowed-error',
    },
    {
      lang: 'ts',
      name: 'ignored failure of a call that only starts with a cleanup word',
      files: added('src/run.ts', 'try {', '  closestMatch(items);', '} catch {', '  // ignore', '}'),
      fires: 'swallowed-error',
    },
    {
      lang: 'ts',
      name: 'empty catch around an existence check (fs.promises.access) whose answer is kept',
      files: added(
        'src/config/env.ts',
        '    try {',
        '      await fs.promises.access(envPath);',
        '      return envPath;',
        '    } catch {',
        '      // Ignore',
        '    }',
      ),
      silent: 'swallowed-error',
    },
    {
      lang: 'ts',
      name: 'an existence check as a promise answering false',
      files: added('src/config/env.ts', '  const found = await fsp.stat(p).then(() => true).catch(() => false);'),
      silent: 'swallowed-error',
    },
    {
      lang: 'ts',
      name: 'a read and parse failure ignored with a comment that only restates it',
      files: added(
        'src/config/env.ts',
        '    try {',
        "      const content = await fs.promises.readFile(envFilePath, 'utf-8');",
        '      Object.assign(vars, dotenv.parse(content));',
        '    } catch {',
        '      // Ignore errors',
        '    }',
      ),
      fires: 'swallowed-error',
    },
    {
      lang: 'ts',
      name: 'an existence check followed by a read in the same try',
      files: added(
        'src/config/env.ts',
        '    try {',
        '      await fs.promises.access(envPath);',
        "      config = JSON.parse(await fs.promises.readFile(envPath, 'utf8'));",
        '    } catch {}',
      ),
      fires: 'swallowed-error',
    },
    {
      lang: 'py',
      name: 'except Exception: pass around os.stat',
      files: added('app/paths.py', 'try:', '    os.stat(path)', '    found = True', 'except Exception:', '    pass'),
      silent: 'swallowed-error',
    },
    {
      lang: 'py',
      name: 'except Exception: pass around a json load',
      files: added('app/paths.py', 'try:', '    data = json.load(fh)', 'except Exception:', '    pass'),
      fires: 'swallowed-error',
    },
    {
      lang: 'ts',
      name: 'promise rejection discarded',
      files: added('src/io.ts', 'save().catch(() => {});'),
      fires: 'swallowed-error',
    },
    {
      lang: 'py',
      name: 'except: pass',
      files: added('app/io.py', 'try:', '    save()', 'except Exception:', '    pass'),
      fires: 'swallowed-error',
    },
    {
      lang: 'go',
      name: 'empty if err != nil',
      files: added('io/save.go', '\tif err != nil {', '\t}'),
      fires: 'swallowed-error',
    },
    {
      lang: 'go',
      name: 'error assigned to _',
      files: added('io/save.go', '\t_ = store.Save(rec)'),
      fires: 'swallowed-error',
      severity: 'low',
    },
    {
      lang: 'go',
      name: 'cleanup error ignored on purpose',
      files: added('io/save.go', '\t_ = os.Remove(tmp)'),
      silent: 'swallowed-error',
    },
    {
      lang: 'java',
      name: 'empty catch',
      files: added('src/Io.java', '} catch (IOException e) {', '}'),
      fires: 'swallowed-error',
    },
    { lang: 'cs', name: 'empty catch', files: added('Api/Io.cs', 'catch (Exception) { }'), fires: 'swallowed-error' },
    {
      lang: 'ts',
      name: 'catch that logs and rethrows',
      files: added('src/io.ts', '} catch (err) {', '  log.error(err);', '  throw err;', '}'),
      silent: 'swallowed-error',
    },
    {
      lang: 'py',
      name: 'except that re-raises',
      files: added('app/io.py', 'except OSError as e:', '    raise StorageError(path) from e'),
      silent: 'swallowed-error',
    },
    {
      lang: 'go',
      name: 'error returned',
      files: added('io/save.go', '\tif err != nil {', '\t\treturn fmt.Errorf("save: %w", err)', '\t}'),
      silent: 'swallowed-error',
    },
    {
      lang: 'java',
      name: 'catch with handling',
      files: added('src/Io.java', '} catch (IOException e) {', '    throw new UncheckedIOException(e);', '}'),
      silent: 'swallowed-error',
    },
    {
      lang: 'cs',
      name: 'catch that logs',
      files: added('Api/Io.cs', 'catch (IOException ex) { _log.LogError(ex, "save"); throw; }'),
      silent: 'swallowed-error',
    },

    {
      lang: 'py',
      name: 'bare except',
      files: added('app/io.py', 'except:', '    log(e)'),
      fires: 'broad-catch',
      severity: 'medium',
    },
    {
      lang: 'java',
      name: 'catch Throwable',
      files: added('src/Io.java', '} catch (Throwable t) {', '    log(t);'),
      fires: 'broad-catch',
    },
    {
      lang: 'cs',
      name: 'catch (Exception ex)',
      files: added('Api/Io.cs', 'catch (Exception ex)', '{', '    Log(ex);'),
      fires: 'broad-catch',
    },
    {
      lang: 'go',
      name: 'recover()',
      files: added('srv/h.go', '\tif r := recover(); r != nil {', '\t\tlog.Print(r)'),
      fires: 'broad-catch',
    },
    {
      lang: 'py',
      name: 'specific except',
      files: added('app/io.py', 'except FileNotFoundError:', '    create()'),
      silent: 'broad-catch',
    },
    {
      lang: 'java',
      name: 'specific catch',
      files: added('src/Io.java', '} catch (FileNotFoundException e) {', '    create();'),
      silent: 'broad-catch',
    },
    {
      lang: 'cs',
      name: 'specific catch',
      files: added('Api/Io.cs', 'catch (IOException ex)', '{', '    Log(ex);'),
      silent: 'broad-catch',
    },
    {
      lang: 'py',
      name: 'a catch-all that stores the exception for the caller to report',
      files: added(
        'app/calls.py',
        '    except Exception as exc:',
        "        log.exception('call %s failed', call_id)",
        '        call.error = exc',
        '        call.done.set()',
      ),
      silent: 'broad-catch',
    },
    {
      lang: 'py',
      name: "a job's entry point that exits with a failing status",
      files: added(
        'jobs/main.py',
        '    except Exception as e:',
        "        print(f'cannot decode payload: {e}')",
        '        sys.exit(1)',
      ),
      silent: 'broad-catch',
    },
    {
      lang: 'py',
      name: 'a catch-all that exits successfully',
      files: added(
        'jobs/main.py',
        '    except Exception as e:',
        "        print(f'cannot decode payload: {e}')",
        '        sys.exit(0)',
      ),
      fires: 'broad-catch',
    },
    {
      lang: 'py',
      name: 'a catch-all that falls back to a default value',
      files: added(
        'tools/github.py',
        '    except Exception as e:',
        "        print(f'lookup failed: {e}')",
        "        return 'main'",
      ),
      fires: 'broad-catch',
    },
    {
      lang: 'java',
      name: 'a catch-all that completes the future with the exception',
      files: added('src/Io.java', '} catch (Exception e) {', '    result.completeExceptionally(e);'),
      silent: 'broad-catch',
    },
    {
      lang: 'java',
      name: 'a catch-all that only logs',
      files: added('src/Io.java', '} catch (Exception e) {', '    log.warn("read failed", e);'),
      fires: 'broad-catch',
    },
    {
      lang: 'ts',
      name: 'catch in JS is untyped: not flagged as broad',
      files: added('src/io.ts', '} catch (err) {', '  report(err);'),
      silent: 'broad-catch',
    },

    {
      lang: 'ts',
      name: 'throw removed',
      files: removed('src/io.ts', ['  if (!ok) throw new Error("save failed");', '  return data;'], ['  return data;']),
      fires: 'error-handling-removed',
      severity: 'medium',
    },
    {
      lang: 'py',
      name: 'raise removed',
      files: removed('app/io.py', ['    if not ok:', '        raise SaveError()'], []),
      fires: 'error-handling-removed',
    },
    {
      lang: 'go',
      name: 'error check removed',
      files: removed('io/save.go', ['\tif err != nil {', '\t\treturn err', '\t}'], []),
      fires: 'error-handling-removed',
    },
    {
      lang: 'java',
      name: 'try/catch removed',
      files: removed(
        'src/Io.java',
        ['try {', '    save();', '} catch (IOException e) {', '    throw new UncheckedIOException(e);', '}'],
        ['save();'],
      ),
      fires: 'error-handling-removed',
    },
    {
      lang: 'ts',
      name: 'throw message reworded',
      files: removed('src/io.ts', ['  throw new Error("save failed");'], ['  throw new Error("could not save");']),
      silent: 'error-handling-removed',
    },
    {
      lang: 'go',
      name: 'error wrapped instead',
      files: removed('io/save.go', ['\t\treturn err'], ['\t\treturn fmt.Errorf("save: %w", err)']),
      silent: 'error-handling-removed',
    },
    {
      lang: 'cs',
      name: 'removed lines without handling',
      files: removed('Api/Io.cs', ['var x = 1;'], []),
      silent: 'error-handling-removed',
    },
    {
      lang: 'py',
      name: 'raise moved into a helper call',
      files: removed('app/io.py', ['        raise SaveError()'], ['        raise SaveError(path)']),
      silent: 'error-handling-removed',
    },
    {
      lang: 'java',
      name: 'checked exception rethrown differently',
      files: removed(
        'src/Io.java',
        ['    throw new IOException("x");'],
        ['    throw new UncheckedIOException(new IOException("x"));'],
      ),
      silent: 'error-handling-removed',
    },
  ]);
});

describe('review/rules silenced checks', () => {
  check([
    {
      lang: 'ts',
      name: '@ts-ignore',
      files: added('src/a.ts', '// @ts-ignore', 'const x: number = "a";'),
      fires: 'check-suppressed',
    },
    {
      lang: 'ts',
      name: 'file-wide eslint-disable',
      files: added('src/a.ts', '/* eslint-disable */'),
      fires: 'check-suppressed',
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'as any',
      files: added('src/a.ts', 'const user = payload as any;'),
      fires: 'check-suppressed',
      severity: 'low',
    },
    {
      lang: 'ts',
      name: '`any` suppressions a Proxy over process.env needs: one info finding',
      files: added(
        'src/config/env.ts',
        'const envProxy = new Proxy(originalEnv, {',
        '  get(target, prop) {',
        '    // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-type-assertion',
        '    return target[prop as any];',
        '  },',
        '  set(target, prop, value) {',
        '    // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment',
        '    target[prop as any] = value;',
        '    return true;',
        '  },',
        '});',
      ),
      fires: 'check-suppressed',
      severity: 'info',
    },
    {
      lang: 'ts',
      name: 'a floating promise suppressed in a file that builds a Proxy stays low',
      files: added(
        'src/config/env.ts',
        'const envProxy = new Proxy(originalEnv, handler);',
        '// eslint-disable-next-line @typescript-eslint/no-floating-promises',
        'refresh(envProxy);',
      ),
      fires: 'check-suppressed',
      severity: 'low',
    },
    {
      lang: 'ts',
      name: 'an `any` suppression in a file that builds no Proxy or wrapper stays low',
      files: added(
        'src/config/env.ts',
        '// eslint-disable-next-line @typescript-eslint/no-explicit-any',
        'const settings = JSON.parse(text) as any;',
      ),
      fires: 'check-suppressed',
      severity: 'low',
    },
    {
      lang: 'py',
      name: '# type: ignore',
      files: added('app/a.py', 'x = f()  # type: ignore[arg-type]'),
      fires: 'check-suppressed',
    },
    {
      lang: 'py',
      name: '# nosec',
      files: added('app/a.py', 'subprocess.call(cmd)  # nosec'),
      fires: 'check-suppressed',
      severity: 'medium',
    },
    {
      lang: 'go',
      name: '//nolint',
      files: added('srv/a.go', '\tresp, _ := http.Get(u) //nolint:errcheck'),
      fires: 'check-suppressed',
    },
    {
      lang: 'java',
      name: '@SuppressWarnings',
      files: added('src/A.java', '@SuppressWarnings("unchecked")'),
      fires: 'check-suppressed',
    },
    {
      lang: 'cs',
      name: '#pragma warning disable',
      files: added('Api/A.cs', '#pragma warning disable CS8602'),
      fires: 'check-suppressed',
    },
    {
      lang: 'json',
      name: 'strict turned off in tsconfig',
      files: added('tsconfig.json', '    "strict": false,'),
      fires: 'check-suppressed',
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'word "any" in a string or comment',
      files: added('src/a.ts', 'const msg = "pick any item"; // any key works'),
      silent: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'comment mentioning types',
      files: added('app/a.py', 'x = 1  # the type of x is int'),
      silent: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'a coverage pragma on an optional-dependency import guard',
      files: added(
        'pkg/ext/_mcp.py',
        'try:',
        '    import mcp',
        'except ImportError as _import_error:  # pragma: no cover',
        '    raise ImportError("install the mcp extra") from _import_error',
      ),
      silent: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'a coverage pragma on an ordinary branch still counts',
      files: added(
        'pkg/ext/_mcp.py',
        '    if part.kind == "audio":  # pragma: no cover',
        '        return encode(part)',
      ),
      fires: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'a coverage pragma on a further type-dispatch arm (a variant this converter never receives)',
      files: added(
        'pkg/models/chat.py',
        '            elif isinstance(part, VoiceClip):  # pragma: no cover',
        '                continue',
        '        match event:',
        '            case VoiceClipDelta():  # pragma: no cover',
        '                pass',
      ),
      silent: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'a coverage pragma on a stub body and on the bare yield of an abstract generator',
      files: added(
        'pkg/agent/base.py',
        '    def on_event(self, event: Event) -> None: ...  # pragma: no cover',
        '    async def stream(self):',
        '        raise NotImplementedError',
        '        yield  # pragma: no cover',
      ),
      silent: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'a bare coverage pragma whose reason is the comment right below, on a raise, or on a missing-import guard',
      files: added(
        'pkg/live/session.py',
        '            else:  # pragma: no cover',
        '                # An invariant fallback: nothing withdraws a message a turn is anchored to.',
        '                self._history.append(request)',
        '        err.__context__ = cause  # pragma: no cover',
        '        # `close()` cannot finish the task synchronously, so it is always pending here.',
        '        if not self._connected:',
        '            raise SessionError(  # pragma: no cover',
        "                'the session was closed before it connected'",
        '            )',
        '    if audio_lib is None:  # pragma: no cover',
        "        raise ImportError('install the audio extra')",
      ),
      silent: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'a bare coverage pragma over a block that raises an ordinary error still counts',
      files: added(
        'pkg/live/session.py',
        '    if frame.size > limit:  # pragma: no cover',
        "        raise ValueError('frame too large')",
        '    # one word',
      ),
      fires: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'a coverage pragma on a value test in an elif chain still counts',
      files: added(
        'pkg/models/chat.py',
        "            elif part.kind == 'audio':  # pragma: no cover",
        '                continue',
      ),
      fires: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'a coverage pragma on a first isinstance test, or one with a condition, still counts',
      files: added(
        'pkg/models/chat.py',
        '        if isinstance(part, VoiceClip):  # pragma: no cover',
        '            return encode(part)',
        '        elif isinstance(part, TextPart) and part.final:  # pragma: no cover',
        '            return part.text',
      ),
      fires: 'check-suppressed',
    },
    {
      lang: 'go',
      name: 'ordinary comment',
      files: added('srv/a.go', '\tx := 1 // lint-free'),
      silent: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'pyright told a private helper is reached on purpose (style code only)',
      files: added('pkg/models/a.py', '    _suggest_model_name,  # pyright: ignore[reportPrivateUsage]'),
      silent: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'strict inference codes on an untyped library',
      files: added(
        'pkg/a.py',
        '    details = err.details  # pyright: ignore[reportUnknownMemberType,reportUnknownVariableType]',
      ),
      silent: 'check-suppressed',
    },
    {
      lang: 'py',
      name: 'a style code and a behaviour code together still count',
      files: added('pkg/a.py', 'x = f(y)  # type: ignore[arg-type,no-untyped-call]'),
      fires: 'check-suppressed',
    },
    {
      lang: 'ts',
      name: 'console allowed in a CLI (style rule named)',
      files: added('src/cli/main.ts', '// eslint-disable-next-line no-console', 'console.log(out);'),
      silent: 'check-suppressed',
    },
    {
      lang: 'ts',
      name: 'eslint-disable-next-line with no rule silences everything',
      files: added('src/a.ts', '// eslint-disable-next-line', 'run(input);'),
      fires: 'check-suppressed',
    },
    {
      lang: 'go',
      name: 'function length and complexity linters',
      files: added('srv/a.go', 'func handle(w http.ResponseWriter, r *http.Request) { //nolint:funlen,gocyclo'),
      silent: 'check-suppressed',
    },
    {
      lang: 'rust',
      name: 'dead code kept for a registry',
      files: added('src/a.rs', '#[allow(dead_code)]', 'fn legacy() {}'),
      silent: 'check-suppressed',
    },
    {
      lang: 'rust',
      name: 'unwrap allowed (a behaviour lint) still counts',
      files: added('src/a.rs', '#[allow(clippy::unwrap_used)]', 'fn parse() {}'),
      fires: 'check-suppressed',
    },
    {
      lang: 'java',
      name: 'unused warning suppressed',
      files: added('src/A.java', '@SuppressWarnings("unused")'),
      silent: 'check-suppressed',
    },
    { lang: 'java', name: '@Override', files: added('src/A.java', '@Override'), silent: 'check-suppressed' },
    { lang: 'cs', name: '#region', files: added('Api/A.cs', '#region Helpers'), silent: 'check-suppressed' },
  ]);
  it('names a coverage pragma as a coverage exclusion, not as a lint suppression', () => {
    const diff = diffOf(
      added('pkg/ext/a.py', "    if part.kind == 'audio':  # pragma: no cover", '        return encode(part)'),
    );
    const hits = findingsOf(review(diff), 'check-suppressed');
    assert.equal(hits.length, 1);
    assert.match(hits[0].why, /excluded from coverage/);
  });
});

describe('review/rules placeholders and stubs', () => {
  it('reports a gap once when a comment elsewhere names what a throw already calls not implemented', () => {
    const throwIn = (path: string) =>
      added(
        path,
        'export function act(kind: string): void {',
        "  if (kind === 'PATCH') throw new Error('PATCH action is not yet implemented');",
        '}',
      );
    const comment = (subject: string) =>
      added(
        'src/validate.ts',
        `// Note: ${subject} action is not yet implemented in the handler, so accept it.`,
        'export const ok = true;',
      );
    const where = (diff: string): string[] => findingsOf(review(diff), 'placeholder').map((f) => f.file ?? '');
    assert.deepEqual(where(diffOf(throwIn('src/act.ts'), comment('PATCH'))), ['src/act.ts']);
    // Another gap, or the same words beside a test's throw (not reported), still shows.
    assert.deepEqual(where(diffOf(throwIn('src/act.ts'), comment('MERGE'))).sort(), ['src/act.ts', 'src/validate.ts']);
    assert.deepEqual(where(diffOf(throwIn('src/act.test.ts'), comment('PATCH'))), ['src/validate.ts']);
  });
  check([
    {
      lang: 'ts',
      name: '"in a real implementation"',
      files: added('src/pay.ts', '// In a real implementation this would call the payment API', 'return { ok: true };'),
      fires: 'placeholder',
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'TODO',
      files: added('src/pay.ts', '// TODO: handle refunds'),
      fires: 'placeholder',
      severity: 'low',
    },
    {
      lang: 'go',
      name: '"implement this" as a note to self',
      files: added('internal/ui/layout.go', 'func (d *Dialog) Resize(w, h int) {', '\t// implement this', '}'),
      fires: 'placeholder',
    },
    {
      lang: 'go',
      name: '"implement this" naming the types that implement an interface',
      files: added(
        'internal/ui/layout.go',
        "// Sizer sets a dialog's size; every dialog (and any type wrapping one) implement this.",
        'type Sizer interface {',
        '\tSize() (int, int)',
        '}',
      ),
      silent: 'placeholder',
    },
    {
      lang: 'py',
      name: 'a TODO scoped to a release: a planned deprecation step',
      files: added('app/http.py', '# TODO(v3): remove the legacy client along with the warning below'),
      silent: 'placeholder',
    },
    {
      lang: 'rust',
      name: 'a TODO naming its issue',
      files: added('src/lock.rs', '// TODO(#4120): drop the fallback once the index serves hashes'),
      silent: 'placeholder',
    },
    {
      lang: 'go',
      name: 'a FIXME linking its issue',
      files: added('pkg/pay.go', '\t// FIXME: https://example.invalid/acme/pay/issues/77 retries are not idempotent'),
      silent: 'placeholder',
    },
    {
      lang: 'py',
      name: 'a TODO planning for a feature still to come',
      files: added('app/jobs.py', '    Status.REVISION,  # TODO: defensive, for when revisions are implemented'),
      silent: 'placeholder',
    },
    {
      lang: 'ts',
      name: 'a TODO planning for a feature once it is supported',
      files: added('src/sync.ts', '  // TODO: resume the upload once ranged requests are supported by the store'),
      silent: 'placeholder',
    },
    {
      lang: 'ts',
      name: 'a TODO marking a stand-in until something is implemented is still unfinished work',
      files: added('src/pay.ts', '  // TODO: returns no refunds until the refund API is implemented'),
      fires: 'placeholder',
    },
    {
      lang: 'py',
      name: 'a TODO with an owner is still unfinished work',
      files: added('app/pay.py', '    # TODO(alice): handle partial refunds'),
      fires: 'placeholder',
      severity: 'low',
    },
    {
      lang: 'py',
      name: 'raise NotImplementedError',
      files: added('app/pay.py', '    raise NotImplementedError'),
      fires: 'placeholder',
    },
    {
      lang: 'py',
      name: 'raise NotImplementedError in a concrete class method is unfinished work',
      files: added(
        'app/handlers.py',
        'class OrderHandler:',
        '    def patch(self, order_id):',
        '        raise NotImplementedError',
      ),
      fires: 'placeholder',
    },
    {
      lang: 'py',
      name: 'raise NotImplementedError in an @abstractmethod declares it',
      files: added(
        'app/store.py',
        'class Store:',
        '    @abstractmethod',
        '    def get(self, key):',
        '        """Read one entry."""',
        '        raise NotImplementedError',
      ),
      silent: 'placeholder',
    },
    {
      lang: 'py',
      name: 'raise NotImplementedError in a method of an ABC subclass, its signature over several lines',
      files: added(
        'app/agent/abstract.py',
        'class AbstractRunner(Generic[T], ABC):',
        '    async def run(',
        '        self,',
        '        prompt: str,',
        '    ) -> T:',
        '        """Run the agent once."""',
        '        raise NotImplementedError',
      ),
      silent: 'placeholder',
    },
    {
      lang: 'py',
      name: '"implement this" carrying on a docstring sentence names who implements the method',
      files: added(
        'app/realtime/model.py',
        '    def sideband(self):',
        '        """Open the control channel. Only providers with server-side controls',
        '        implement this; the default raises UserError."""',
      ),
      silent: 'placeholder',
    },
    {
      lang: 'py',
      name: '"implement this" as a note of its own is unfinished work',
      files: added(
        'app/realtime/model.py',
        '    def sideband(self):',
        '        # implement this',
        '        return None',
      ),
      fires: 'placeholder',
    },
    {
      lang: 'ts',
      name: 'an input placeholder is a UI word',
      files: added('src/editor.ts', '    // keep the placeholder text visible while the draft is empty'),
      silent: 'placeholder',
    },
    {
      lang: 'go',
      name: 'a test comment saying what the fake stubs out',
      files: added('internal/mcp/conn_test.go', '\t// the stub connection answers every call with an empty list'),
      silent: 'placeholder',
    },
    {
      lang: 'py',
      name: 'code calling itself a placeholder',
      files: added('app/pay.py', '    # placeholder implementation until the gateway is ready', '    return True'),
      fires: 'placeholder',
    },
    {
      lang: 'py',
      name: '"simplified" in a comment',
      files: added('app/pay.py', '    # simplified: assume a single currency'),
      fires: 'placeholder',
    },
    {
      lang: 'go',
      name: 'panic("not implemented")',
      files: added('pay/pay.go', '\tpanic("not implemented")'),
      fires: 'placeholder',
    },
    {
      lang: 'java',
      name: 'UnsupportedOperationException("Not implemented")',
      files: added('src/Pay.java', 'throw new UnsupportedOperationException("Not implemented yet");'),
      fires: 'placeholder',
    },
    {
      lang: 'cs',
      name: 'NotImplementedException',
      files: added('Api/Pay.cs', 'throw new NotImplementedException();'),
      fires: 'placeholder',
    },
    {
      lang: 'ts',
      name: 'a real comment',
      files: added('src/pay.ts', '// Refunds go through the ledger so totals stay consistent.'),
      silent: 'placeholder',
    },
    {
      lang: 'py',
      name: 'the word "todos" in code',
      files: added('app/todo.py', 'todos = load_todos()'),
      silent: 'placeholder',
    },
    {
      lang: 'go',
      name: 'panic with a real message',
      files: added('pay/pay.go', '\tpanic("unreachable: negative amount")'),
      silent: 'placeholder',
    },
    {
      lang: 'java',
      name: 'UnsupportedOperationException for immutability',
      files: added('src/Pay.java', 'throw new UnsupportedOperationException("list is immutable");'),
      silent: 'placeholder',
    },
    {
      lang: 'cs',
      name: 'ArgumentException',
      files: added('Api/Pay.cs', 'throw new ArgumentException(nameof(amount));'),
      silent: 'placeholder',
    },

    {
      lang: 'ts',
      name: 'function returning true',
      files: added('src/auth.ts', 'export function canRefund(user: User): boolean {', '  return true;', '}'),
      fires: 'stub-body',
      severity: 'low',
    },
    {
      lang: 'py',
      name: 'def returning None',
      files: added('app/pay.py', 'def refund(order):', '    return None', ''),
      fires: 'stub-body',
    },
    {
      lang: 'go',
      name: 'func returning nil',
      files: added('pay/pay.go', 'func (p *Pay) Refund(id string) error {', '\treturn nil', '}'),
      fires: 'stub-body',
    },
    {
      lang: 'java',
      name: 'method returning false',
      files: added('src/Pay.java', '    public boolean isFraud(Order o) {', '        return false;', '    }'),
      fires: 'stub-body',
    },
    {
      lang: 'cs',
      name: 'method returning null',
      files: added('Api/Pay.cs', '    public Receipt Refund(Order o) {', '        return null;', '    }'),
      fires: 'stub-body',
    },
    {
      lang: 'ts',
      name: 'function with logic',
      files: added(
        'src/auth.ts',
        'export function canRefund(user: User): boolean {',
        '  return user.roles.includes("refunds");',
        '}',
      ),
      silent: 'stub-body',
    },
    {
      lang: 'ts',
      name: 'if block returning true is not a function',
      files: added('src/auth.ts', 'if (user.admin) {', '  return true;', '}'),
      silent: 'stub-body',
    },
    {
      lang: 'py',
      name: 'def with more body',
      files: added('app/pay.py', 'def refund(order):', '    return None', '    log(order)'),
      silent: 'stub-body',
    },
    {
      lang: 'go',
      name: 'func with logic',
      files: added('pay/pay.go', 'func (p *Pay) Refund(id string) error {', '\treturn p.ledger.Reverse(id)', '}'),
      silent: 'stub-body',
    },
    {
      lang: 'java',
      name: 'method with logic',
      files: added(
        'src/Pay.java',
        '    public boolean isFraud(Order o) {',
        '        return o.amount() > LIMIT;',
        '    }',
      ),
      silent: 'stub-body',
    },
    {
      lang: 'cs',
      name: 'constant return inside a longer body',
      files: added(
        'Api/Pay.cs',
        '    public Receipt Refund(Order o) {',
        '        Log(o);',
        '        return null;',
        '    }',
      ),
      silent: 'stub-body',
    },
  ]);
});

describe('review/rules resilience', () => {
  check([
    {
      lang: 'ts',
      name: 'timeout option removed',
      files: removed(
        'src/http.ts',
        ['const r = await fetch(u, { signal: AbortSignal.timeout(5000) });'],
        ['const r = await fetch(u);'],
      ),
      fires: 'resilience-removed',
      severity: 'medium',
    },
    {
      lang: 'py',
      name: 'retry decorator removed',
      files: removed('app/client.py', ['@retry(stop=stop_after_attempt(3))', 'def call():'], ['def call():']),
      fires: 'resilience-removed',
    },
    {
      lang: 'go',
      name: 'context.WithTimeout removed',
      files: removed(
        'srv/call.go',
        ['\tctx, cancel := context.WithTimeout(ctx, 2*time.Second)', '\tdefer cancel()'],
        [],
      ),
      fires: 'resilience-removed',
    },
    {
      lang: 'py',
      name: 'a sort key that names a retry message type, moved into a helper',
      files: removed(
        'app/graph.py',
        [
          '    parts.sort(',
          '        key=lambda x: 0 if isinstance(x, ToolReturnPart | RetryPromptPart) else 1',
          '    )',
        ],
        ['    parts.sort(key=tool_results_first)'],
      ),
      silent: 'resilience-removed',
    },
    {
      lang: 'py',
      name: 'a retry policy removed beside an error type',
      files: removed('app/client.py', ['    policy = RetryPolicy(max_attempts=3)  # RetryError after that'], []),
      fires: 'resilience-removed',
    },
    {
      lang: 'java',
      name: 'read timeout removed',
      files: removed('src/Http.java', ['conn.setReadTimeout(3000);'], []),
      fires: 'resilience-removed',
    },
    {
      lang: 'cs',
      name: 'Polly retry removed',
      files: removed('Api/Http.cs', ['.AddPolicyHandler(GetRetryPolicy())'], []),
      fires: 'resilience-removed',
    },
    {
      lang: 'ts',
      name: 'a retry delay passed on in more lines, no value changed',
      files: removed(
        'src/ui/quota.ts',
        ['  error.retryDelayMs', '    ? `Access resets at ${reset(error.retryDelayMs)}.`', '    : null,'],
        [
          '  error.retryDelayMs',
          '    ? `Capacity resets at ${reset(error.retryDelayMs)}.`',
          '    : error.retryDelayMs === undefined',
          '      ? `Try again later.`',
          '      : null,',
        ],
      ),
      silent: 'resilience-changed',
    },
    {
      lang: 'ts',
      name: 'timeout value changed',
      files: removed('src/http.ts', ['const TIMEOUT_MS = 5000;'], ['const TIMEOUT_MS = 60000;']),
      fires: 'resilience-changed',
      severity: 'low',
    },
    {
      lang: 'py',
      name: 'retry count changed',
      files: removed('app/client.py', ['@retry(stop=stop_after_attempt(3))'], ['@retry(stop=stop_after_attempt(10))']),
      fires: 'resilience-changed',
    },
    {
      lang: 'go',
      name: 'deadline changed',
      files: removed(
        'srv/call.go',
        ['\tctx, cancel := context.WithTimeout(ctx, 2*time.Second)'],
        ['\tctx, cancel := context.WithTimeout(ctx, 30*time.Second)'],
      ),
      fires: 'resilience-changed',
    },
    {
      lang: 'java',
      name: 'read timeout changed',
      files: removed('src/Http.java', ['conn.setReadTimeout(3000);'], ['conn.setReadTimeout(0);']),
      fires: 'resilience-changed',
    },
    {
      lang: 'yaml',
      name: "a CI job's time limit raised for a slower build",
      files: removed('.github/workflows/release.yml', ['    timeout-minutes: 30'], ['    timeout-minutes: 60']),
      silent: 'resilience-changed',
    },
    {
      lang: 'yaml',
      name: 'retries of a CI step lowered',
      files: removed(
        '.github/workflows/release.yml',
        ['        run: apt-get -o Acquire::Retries=3 install -y musl-tools'],
        ['        run: apt-get -o Acquire::Retries=0 install -y musl-tools'],
      ),
      fires: 'resilience-changed',
    },
    {
      lang: 'ts',
      name: 'timeout line reformatted, same value',
      files: removed('src/http.ts', ['const TIMEOUT_MS=5000;'], ['const TIMEOUT_MS = 5000;']),
      silent: 'resilience-changed',
    },
    {
      lang: 'cs',
      name: 'retry policy renamed, same values',
      files: removed(
        'Api/Http.cs',
        ['.AddPolicyHandler(GetRetryPolicy(3))'],
        ['.AddPolicyHandler(BuildRetryPolicy(3))'],
      ),
      silent: 'resilience-changed',
    },
    {
      lang: 'ts',
      name: 'timeout kept while the call changes',
      files: removed(
        'src/http.ts',
        ['const r = await fetch(a, { signal: AbortSignal.timeout(5000) });'],
        ['const r = await fetch(b, { signal: AbortSignal.timeout(5000) });'],
      ),
      silent: 'resilience-removed',
    },
    {
      lang: 'java',
      name: 'unrelated removal',
      files: removed('src/Http.java', ['log.info("x");'], []),
      silent: 'resilience-removed',
    },
    {
      lang: 'py',
      name: 'timeout kept',
      files: removed('app/client.py', ['r = requests.get(u, timeout=5)'], ['r = requests.get(url, timeout=5)']),
      silent: 'resilience-removed',
    },
    {
      lang: 'go',
      name: 'unrelated removal',
      files: removed('srv/call.go', ['\tlog.Println("x")'], []),
      silent: 'resilience-removed',
    },

    {
      lang: 'py',
      name: 'timeout=None',
      files: added('app/client.py', 'r = requests.get(u, timeout=None)'),
      fires: 'unbounded-wait',
    },
    {
      lang: 'ts',
      name: 'retries: Infinity',
      files: added('src/q.ts', 'const opts = { retries: Infinity };'),
      fires: 'unbounded-wait',
    },
    {
      lang: 'cs',
      name: 'Timeout.InfiniteTimeSpan',
      files: added('Api/Http.cs', 'client.Timeout = Timeout.InfiniteTimeSpan;'),
      fires: 'unbounded-wait',
    },
    {
      lang: 'go',
      name: 'endless retry loop',
      files: added(
        'srv/conn.go',
        '\tfor {',
        '\t\tif err := connect(); err == nil {',
        '\t\t\treturn nil',
        '\t\t}',
        '\t\ttime.Sleep(time.Second) // retry',
        '\t}',
      ),
      fires: 'unbounded-wait',
    },
    {
      lang: 'java',
      name: 'bounded retry loop',
      files: added(
        'src/Conn.java',
        'while (true) {',
        '    if (attempts++ > MAX_ATTEMPTS) throw e;',
        '    Thread.sleep(backoff);',
      ),
      silent: 'unbounded-wait',
    },
    {
      lang: 'py',
      name: 'finite timeout',
      files: added('app/client.py', 'r = requests.get(u, timeout=10)'),
      silent: 'unbounded-wait',
    },
    {
      lang: 'ts',
      name: 'bounded retries',
      files: added('src/q.ts', 'const opts = { retries: 5 };'),
      silent: 'unbounded-wait',
    },
    {
      lang: 'go',
      name: 'endless loop without retrying',
      files: added('srv/loop.go', '\tfor {', '\t\tselect {', '\t\tcase m := <-ch:', '\t\t\thandle(m)'),
      silent: 'unbounded-wait',
    },
  ]);
});

describe('review/rules concurrency', () => {
  check([
    {
      lang: 'go',
      name: 'goroutine and WaitGroup',
      files: added('srv/fan.go', '\tvar wg sync.WaitGroup', '\tgo func() {'),
      fires: 'concurrency-introduced',
      severity: 'low',
    },
    {
      lang: 'ts',
      name: 'Promise.all',
      files: added('src/fan.ts', 'const results = await Promise.all(ids.map(load));'),
      fires: 'concurrency-introduced',
    },
    {
      lang: 'py',
      name: 'ThreadPoolExecutor',
      files: added('app/fan.py', 'with ThreadPoolExecutor(max_workers=8) as ex:'),
      fires: 'concurrency-introduced',
    },
    {
      lang: 'java',
      name: 'synchronized',
      files: added('src/Cache.java', 'public synchronized void put(K k, V v) {'),
      fires: 'concurrency-introduced',
    },
    {
      lang: 'cs',
      name: 'Task.WhenAll',
      files: added('Api/Fan.cs', 'await Task.WhenAll(tasks);'),
      fires: 'concurrency-introduced',
    },
    {
      lang: 'go',
      name: 'sequential code',
      files: added('srv/fan.go', '\tfor _, id := range ids {', '\t\tload(id)'),
      silent: 'concurrency-introduced',
    },
    {
      lang: 'ts',
      name: 'single await',
      files: added('src/fan.ts', 'const one = await load(id);'),
      silent: 'concurrency-introduced',
    },
    { lang: 'py', name: 'plain loop', files: added('app/fan.py', 'for x in xs:'), silent: 'concurrency-introduced' },
    {
      lang: 'java',
      name: 'ordinary method',
      files: added('src/Cache.java', 'public void put(K k, V v) {'),
      silent: 'concurrency-introduced',
    },
  ]);

  it('merges a block of concurrency lines into one finding', () => {
    const r = review(
      diffOf(added('srv/fan.go', '\tvar mu sync.Mutex', '\tvar wg sync.WaitGroup', '\tch := make(chan int)')),
    );
    const hits = findingsOf(r, 'concurrency-introduced');
    assert.equal(hits.length, 1);
    assert.deepEqual(hits[0].range, { side: 'new', start: 1, end: 3 });
    assert.equal(hits[0].count, 3);
  });
});

describe('review/rules API claims in AI-written comments', () => {
  const claims = [
    { lang: 'ts', path: 'src/cache.ts', line: '// Map.get is thread-safe and never throws' },
    { lang: 'py', path: 'app/cache.py', line: '    # requests automatically retries failed connections' },
    { lang: 'go', path: 'srv/cache.go', line: '\t// sync.Map is idempotent by default' },
    { lang: 'java', path: 'src/Cache.java', line: '    /** HashMap.get returns null if the key is missing. */' },
    { lang: 'cs', path: 'Api/Cache.cs', line: '    // Dictionary.TryAdd is guaranteed to be atomic' },
  ];
  for (const c of claims) {
    it(`${c.lang} + flags the claim in AI lines`, () => {
      const hits = findingsOf(review(diffOf(added(c.path, c.line)), ALL_AI), 'api-claim');
      assert.equal(hits.length, 1);
      assert.equal(hits[0].inAi, true);
      assert.equal(hits[0].severity, 'low');
    });
    it(`${c.lang} - stays silent for the same comment written by a human`, () => {
      assert.deepEqual(findingsOf(review(diffOf(added(c.path, c.line)), ALL_HUMAN), 'api-claim'), []);
    });
  }
  it('lists claims at info level when no provenance is known', () => {
    const hits = findingsOf(review(diffOf(added('src/cache.ts', '// never throws'))), 'api-claim');
    assert.equal(hits[0].severity, 'info');
  });
  it('ignores the same words outside comments', () => {
    assert.deepEqual(
      findingsOf(review(diffOf(added('src/x.ts', 'const byDefault = "thread-safe";')), ALL_AI), 'api-claim'),
      [],
    );
  });
});
