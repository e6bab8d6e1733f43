import * as assert from 'node:assert/strict';
import { redact } from '../../../src/core/review/rules/secrets';
import { added, check, diffOf, removed, review } from './helpers';

describe('review/rules secrets', () => {
  check([
    {
      lang: 'ts',
      name: 'AWS key id in a constant',
      files: added('src/aws.ts', 'const id = "AKIAIOSFODNN7EXAMPLF";'),
      fires: 'secret',
      severity: 'high',
    },
    {
      lang: 'py',
      name: 'password assignment',
      files: added('app/db.py', 'PASSWORD = "s3cr3t-Pa55"'),
      fires: 'secret',
      severity: 'medium',
    },
    {
      lang: 'go',
      name: 'GitHub token in a struct literal',
      files: added('cmd/gh.go', '\tToken: "ghp_abcdefghijklmnopqrstuvwxyz0123456789AB",'),
      fires: 'secret',
      severity: 'high',
    },
    {
      lang: 'java',
      name: 'credentials inside a JDBC URL',
      files: added('src/main/java/Db.java', 'String url = "postgres://admin:hunter22@db.internal:5432/app";'),
      fires: 'secret',
      severity: 'high',
    },
    {
      lang: 'cs',
      name: 'api key field',
      files: added('Api/Client.cs', 'private const string ApiKey = "9f8e7d6c5b4a3210";'),
      fires: 'secret',
    },
    {
      lang: 'yaml',
      name: 'private key block in config',
      files: added('deploy/key.yaml', 'key: |', '  -----BEGIN RSA PRIVATE KEY-----'),
      fires: 'secret',
      severity: 'high',
    },
    {
      lang: 'env',
      name: 'unquoted secret in .env',
      files: added('.env', 'STRIPE_SECRET=sk_live_abcdefghijklmnop1234'),
      fires: 'secret',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'password read from the environment',
      files: added('src/db.ts', 'const password = process.env.DB_PASSWORD;'),
      silent: 'secret',
    },
    {
      lang: 'py',
      name: 'placeholder password',
      files: added('app/settings.py', 'PASSWORD = "changeme"'),
      silent: 'secret',
    },
    {
      lang: 'go',
      name: 'secret name reference, not a secret',
      files: added('k8s/x.go', 'secretName := "db-credentials-secret"'),
      silent: 'secret',
    },
    {
      lang: 'java',
      name: 'URL with a templated password',
      files: added('src/Db.java', 'String url = "postgres://app:${DB_PASS}@db:5432/app";'),
      silent: 'secret',
    },
    {
      lang: 'cs',
      name: 'env var name constant',
      files: added('Api/Config.cs', 'const string ApiKey = "PAYMENTS_API_KEY";'),
      silent: 'secret',
    },
  ]);

  it('lowers the severity of secrets in test fixtures but still reports them', () => {
    const r = review(diffOf(added('test/fixtures.test.ts', 'const key = "AKIAIOSFODNN7EXAMPLF";')));
    assert.equal(r.findings.find((f) => f.ruleId === 'secret')!.severity, 'medium');
  });

  it('never echoes the secret in `why`', () => {
    const r = review(diffOf(added('src/aws.ts', 'const id = "AKIAIOSFODNN7EXAMPLF";')));
    const why = r.findings.find((f) => f.ruleId === 'secret')!.why;
    assert.ok(!why.includes('IOSFODNN7'), why);
    assert.equal(redact('AKIAIOSFODNN7EXAMPLF'), '"AKIA…" (20 chars)');
  });

  it('merges a multi-line key into one finding', () => {
    const r = review(
      diffOf(added('certs/a.pem', '-----BEGIN PRIVATE KEY-----', 'MIIEvQ...', '-----END PRIVATE KEY-----')),
    );
    assert.equal(r.findings.filter((f) => f.ruleId === 'secret').length, 1);
  });
});

describe('review/rules dangerous sinks and injection', () => {
  check([
    {
      lang: 'ts',
      name: 'eval of input',
      files: added('src/calc.ts', 'const v = eval(req.query.expr);'),
      fires: 'dangerous-sink',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'innerHTML assignment',
      files: added('src/view.ts', 'el.innerHTML = comment.body;'),
      fires: 'dangerous-sink',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'spawn with shell: true',
      files: added('src/run.ts', 'spawn(cmd, args, { shell: true });'),
      fires: 'dangerous-sink',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'a shell option only re-indented when its call moved into a helper',
      files: removed(
        'src/launch.ts',
        ['  const child = spawn(cmd, args, {', '    shell: true,', '  });'],
        [
          '  const child = startProxy(cmd, args);',
          '',
          'function startProxy(cmd, args) {',
          '  return spawn(cmd, args, {',
          '      shell: true,',
          '  });',
          '}',
        ],
      ),
      silent: 'dangerous-sink',
    },
    {
      lang: 'ts',
      name: 'a shell option carried to a new module',
      files: [
        removed(
          'src/launch.ts',
          ['  spawn(cmd, args, { shell: true, stdio: "inherit" });'],
          ['  startProxy(cmd, args);'],
        ),
        added(
          'src/proxy.ts',
          'export function startProxy(cmd, args) {',
          '  spawn(cmd, args, { shell: true, stdio: "inherit" });',
          '}',
        ),
      ],
      silent: 'dangerous-sink',
    },
    {
      lang: 'ts',
      name: 'a second shell spawn beside the one that moved',
      files: [
        removed(
          'src/launch.ts',
          ['  spawn(cmd, args, { shell: true, stdio: "inherit" });'],
          ['  startProxy(cmd, args);'],
        ),
        added(
          'src/proxy.ts',
          'export function startProxy(cmd, args) {',
          '  spawn(cmd, args, { shell: true, stdio: "inherit" });',
          '  spawn(cleanup, [], { shell: true, stdio: "inherit" });',
          '}',
        ),
      ],
      fires: 'dangerous-sink',
    },
    {
      lang: 'py',
      name: 'hand-built arguments moved into a function',
      files: removed(
        'app/sandbox.py',
        ['args.append(f"--include={path}")'],
        ['def include_args(paths):', '    for path in paths:', '        args.append(f"--include={path}")'],
      ),
      silent: 'command-quoting',
    },
    {
      lang: 'py',
      name: 'subprocess with shell=True',
      files: added('app/run.py', 'subprocess.run(cmd, shell=True)'),
      fires: 'dangerous-sink',
      severity: 'high',
    },
    {
      lang: 'py',
      name: 'pickle.loads',
      files: added('app/cache.py', 'obj = pickle.loads(blob)'),
      fires: 'dangerous-sink',
      severity: 'high',
    },
    {
      lang: 'py',
      name: 'yaml.load without SafeLoader',
      files: added('app/cfg.py', 'cfg = yaml.load(fh)'),
      fires: 'dangerous-sink',
    },
    {
      lang: 'go',
      name: 'exec.Command via sh -c',
      files: added('cmd/run.go', '\tout, err := exec.Command("sh", "-c", userCmd).Output()'),
      fires: 'dangerous-sink',
      severity: 'high',
    },
    {
      lang: 'java',
      name: 'ObjectInputStream',
      files: added('src/main/java/Load.java', 'ObjectInputStream in = new ObjectInputStream(socket.getInputStream());'),
      fires: 'dangerous-sink',
      severity: 'high',
    },
    {
      lang: 'cs',
      name: 'BinaryFormatter',
      files: added('Api/Load.cs', 'var f = new BinaryFormatter();'),
      fires: 'dangerous-sink',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'RegExp.exec is not a process',
      files: added('src/re.ts', 'const m = /a+/.exec(text);'),
      silent: 'dangerous-sink',
    },
    {
      lang: 'py',
      name: 'yaml.safe_load and SafeLoader',
      files: added('app/cfg.py', 'a = yaml.safe_load(fh)', 'b = yaml.load(fh, Loader=yaml.SafeLoader)'),
      silent: 'dangerous-sink',
    },
    {
      lang: 'go',
      name: 'plain exec.Command with arguments is only low',
      files: added('cmd/git.go', '\tcmd := exec.Command("git", "status")'),
      fires: 'dangerous-sink',
      severity: 'low',
    },
    {
      lang: 'java',
      name: 'ordinary stream reading',
      files: added('src/Read.java', 'BufferedReader r = new BufferedReader(new InputStreamReader(in));'),
      silent: 'dangerous-sink',
    },
    {
      lang: 'cs',
      name: 'System.Text.Json',
      files: added('Api/Load.cs', 'var o = JsonSerializer.Deserialize<Order>(json);'),
      silent: 'dangerous-sink',
    },

    {
      lang: 'ts',
      name: 'SQL concatenation',
      files: added('src/repo.ts', 'db.query("SELECT * FROM users WHERE id = " + id);'),
      fires: 'injection',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'SQL template literal',
      files: added('src/repo.ts', 'db.query(`DELETE FROM orders WHERE id = ${id}`);'),
      fires: 'injection',
    },
    {
      lang: 'py',
      name: 'SQL f-string',
      files: added('app/repo.py', 'cur.execute(f"SELECT name FROM users WHERE id = {uid}")'),
      fires: 'injection',
    },
    {
      lang: 'py',
      name: 'shell command concatenation',
      files: added('app/ops.py', 'os.system("rm -f " + path)'),
      fires: 'injection',
    },
    {
      lang: 'go',
      name: 'SQL via Sprintf',
      files: added('store/q.go', '\tq := fmt.Sprintf("SELECT * FROM users WHERE name = \'%s\'", name)'),
      fires: 'injection',
    },
    {
      lang: 'java',
      name: 'SQL concatenation',
      files: added('src/Repo.java', 'stmt.executeQuery("SELECT * FROM users WHERE id = " + id);'),
      fires: 'injection',
    },
    {
      lang: 'cs',
      name: 'SQL interpolation',
      files: added('Api/Repo.cs', 'var cmd = new SqlCommand($"SELECT * FROM Users WHERE Id = {id}", conn);'),
      fires: 'injection',
    },
    {
      lang: 'ts',
      name: 'parameterised query',
      files: added('src/repo.ts', "db.query('SELECT * FROM users WHERE id = $1', [id]);"),
      silent: 'injection',
    },
    {
      lang: 'py',
      name: 'DB-API parameters with %s',
      files: added('app/repo.py', 'cur.execute("SELECT name FROM users WHERE id = %s", (uid,))'),
      silent: 'injection',
    },
    {
      lang: 'go',
      name: 'placeholder query',
      files: added('store/q.go', '\trow := db.QueryRow("SELECT name FROM users WHERE id = $1", id)'),
      silent: 'injection',
    },
    {
      lang: 'java',
      name: 'prose with select/from',
      files: added('src/Ui.java', 'label.setText("Please select an item from the list: " + name);'),
      silent: 'injection',
    },
    {
      lang: 'cs',
      name: 'parameterised command',
      files: added('Api/Repo.cs', 'cmd.Parameters.AddWithValue("@id", id);'),
      silent: 'injection',
    },
  ]);
});

describe('review/rules weakened security settings', () => {
  check([
    {
      lang: 'ts',
      name: 'rejectUnauthorized: false',
      files: added('src/http.ts', 'const agent = new https.Agent({ rejectUnauthorized: false });'),
      fires: 'tls-verification-off',
      severity: 'high',
    },
    {
      lang: 'py',
      name: 'requests verify=False',
      files: added('app/client.py', 'r = requests.get(url, verify=False)'),
      fires: 'tls-verification-off',
    },
    {
      lang: 'go',
      name: 'InsecureSkipVerify',
      files: added('net/client.go', '\tTLSClientConfig: &tls.Config{InsecureSkipVerify: true},'),
      fires: 'tls-verification-off',
    },
    {
      lang: 'java',
      name: 'trust-all manager',
      files: added('src/Http.java', 'TrustManager[] trustAllCerts = new TrustManager[] { new TrustAllManager() };'),
      fires: 'tls-verification-off',
    },
    {
      lang: 'cs',
      name: 'certificate callback returning true',
      files: added('Api/Http.cs', 'handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true;'),
      fires: 'tls-verification-off',
    },
    {
      lang: 'ts',
      name: 'verification left on',
      files: added('src/http.ts', 'const agent = new https.Agent({ rejectUnauthorized: true, ca });'),
      silent: 'tls-verification-off',
    },
    {
      lang: 'py',
      name: 'verify with a CA bundle',
      files: added('app/client.py', 'r = requests.get(url, verify="/etc/ssl/ca.pem")'),
      silent: 'tls-verification-off',
    },
    {
      lang: 'go',
      name: 'default TLS config',
      files: added('net/client.go', '\tTLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12},'),
      silent: 'tls-verification-off',
    },
    {
      lang: 'java',
      name: 'default SSL context',
      files: added('src/Http.java', 'SSLContext ctx = SSLContext.getDefault();'),
      silent: 'tls-verification-off',
    },

    {
      lang: 'ts',
      name: 'Math.random for a token',
      files: added('src/token.ts', 'const token = Math.random().toString(36).slice(2);'),
      fires: 'weak-crypto',
      severity: 'medium',
    },
    {
      lang: 'py',
      name: 'md5 for passwords',
      files: added('app/auth_util.py', 'digest = hashlib.md5(password.encode()).hexdigest()'),
      fires: 'weak-crypto',
    },
    {
      lang: 'go',
      name: 'DES cipher',
      files: added('crypt/c.go', '\tblock, _ := des.NewCipher(key) // DES'),
      fires: 'weak-crypto',
    },
    {
      lang: 'java',
      name: 'AES without mode (ECB)',
      files: added('src/Enc.java', 'Cipher c = Cipher.getInstance("AES");'),
      fires: 'weak-crypto',
    },
    {
      lang: 'cs',
      name: 'MD5.Create',
      files: added('Api/Hash.cs', 'using var md5 = MD5.Create();'),
      fires: 'weak-crypto',
    },
    {
      lang: 'ts',
      name: 'Math.random for layout',
      files: added('src/ui.ts', 'const jitter = Math.random() * 10;'),
      silent: 'weak-crypto',
    },
    {
      lang: 'py',
      name: 'sha256',
      files: added('app/h.py', 'digest = hashlib.sha256(data).hexdigest()'),
      silent: 'weak-crypto',
    },
    {
      lang: 'go',
      name: 'crypto/rand',
      files: added('crypt/r.go', '\t_, err := crand.Read(buf)'),
      silent: 'weak-crypto',
    },
    {
      lang: 'java',
      name: 'AES-GCM',
      files: added('src/Enc.java', 'Cipher c = Cipher.getInstance("AES/GCM/NoPadding");'),
      silent: 'weak-crypto',
    },

    {
      lang: 'ts',
      name: 'cors origin *',
      files: added('src/server.ts', "app.use(cors({ origin: '*' }));"),
      fires: 'permissive-cors',
    },
    {
      lang: 'py',
      name: 'FastAPI allow_origins ["*"]',
      files: added('app/main.py', 'app.add_middleware(CORSMiddleware, allow_origins=["*"])'),
      fires: 'permissive-cors',
    },
    {
      lang: 'go',
      name: 'AllowOrigins *',
      files: added('srv/cors.go', '\tAllowOrigins: []string{"*"},'),
      fires: 'permissive-cors',
    },
    { lang: 'java', name: 'bare @CrossOrigin', files: added('src/Api.java', '@CrossOrigin'), fires: 'permissive-cors' },
    {
      lang: 'cs',
      name: 'AllowAnyOrigin',
      files: added('Api/Startup.cs', 'policy.AllowAnyOrigin();'),
      fires: 'permissive-cors',
    },
    {
      lang: 'ts',
      name: 'explicit origin list',
      files: added('src/server.ts', "app.use(cors({ origin: ['https://app.example.com'] }));"),
      silent: 'permissive-cors',
    },
    {
      lang: 'cs',
      name: 'WithOrigins',
      files: added('Api/Startup.cs', 'policy.WithOrigins("https://app.example.com");'),
      silent: 'permissive-cors',
    },
    {
      lang: 'py',
      name: 'listed origins',
      files: added('app/main.py', 'app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])'),
      silent: 'permissive-cors',
    },
    {
      lang: 'go',
      name: 'listed origins',
      files: added('srv/cors.go', '\tAllowOrigins: []string{"https://app.example.com"},'),
      silent: 'permissive-cors',
    },
    {
      lang: 'java',
      name: '@CrossOrigin with a named origin',
      files: added('src/Api.java', '@CrossOrigin(origins = "https://app.example.com")'),
      silent: 'permissive-cors',
    },

    {
      lang: 'py',
      name: 'Django DEBUG = True',
      files: added('app/settings.py', 'DEBUG = True'),
      fires: 'insecure-setting',
    },
    {
      lang: 'ts',
      name: 'cookie httpOnly false',
      files: added('src/session.ts', 'res.cookie("sid", id, { httpOnly: false });'),
      fires: 'insecure-setting',
    },
    {
      lang: 'go',
      name: 'cookie without HttpOnly',
      files: added('srv/session.go', '\thttp.SetCookie(w, &http.Cookie{Name: "sid", Value: id, HttpOnly: false})'),
      fires: 'insecure-setting',
    },
    {
      lang: 'java',
      name: 'cookie.setSecure(false)',
      files: added('src/Session.java', 'cookie.setSecure(false);'),
      fires: 'insecure-setting',
    },
    {
      lang: 'cs',
      name: 'developer exception page',
      files: added('Api/Startup.cs', 'app.UseDeveloperExceptionPage();'),
      fires: 'insecure-setting',
    },
    {
      lang: 'py',
      name: 'DEBUG from the environment',
      files: added('app/settings.py', 'DEBUG = os.environ.get("DEBUG") == "1"'),
      silent: 'insecure-setting',
    },
    {
      lang: 'ts',
      name: 'httpOnly cookie',
      files: added('src/session.ts', 'res.cookie("sid", id, { httpOnly: true, secure: true });'),
      silent: 'insecure-setting',
    },
    {
      lang: 'go',
      name: 'secure cookie',
      files: added('srv/session.go', '\thttp.SetCookie(w, &http.Cookie{Name: "sid", HttpOnly: true, Secure: true})'),
      silent: 'insecure-setting',
    },
    {
      lang: 'java',
      name: 'cookie.setSecure(true)',
      files: added('src/Session.java', 'cookie.setSecure(true);'),
      silent: 'insecure-setting',
    },
  ]);
});

describe('review/rules auth', () => {
  check([
    {
      lang: 'java',
      name: 'permitAll on an endpoint',
      files: added('src/Security.java', '.requestMatchers("/admin/**").permitAll()'),
      fires: 'auth-weakened',
      severity: 'high',
    },
    {
      lang: 'java',
      name: 'csrf disabled',
      files: added('src/Security.java', 'http.csrf().disable();'),
      fires: 'auth-weakened',
    },
    {
      lang: 'cs',
      name: '[AllowAnonymous]',
      files: added('Api/AdminController.cs', '[AllowAnonymous]'),
      fires: 'auth-weakened',
    },
    { lang: 'py', name: 'csrf_exempt', files: added('app/views.py', '@csrf_exempt'), fires: 'auth-weakened' },
    {
      lang: 'py',
      name: 'jwt decode without verification',
      files: added('app/tok.py', 'claims = jwt.decode(token, options={"verify_signature": False})'),
      fires: 'auth-weakened',
    },
    {
      lang: 'ts',
      name: 'skipAuth flag',
      files: added('src/routes.ts', "router.get('/export', { skipAuth: true }, handler);"),
      fires: 'auth-weakened',
    },
    {
      lang: 'go',
      name: 'privilege by fixed user name',
      files: added('srv/h.go', '\tif user.Name == "admin" {'),
      fires: 'auth-weakened',
      severity: 'medium',
    },
    {
      lang: 'ts',
      name: 'ordinary route',
      files: added('src/routes.ts', "router.get('/export', requireAuth, handler);"),
      silent: 'auth-weakened',
    },
    { lang: 'py', name: 'ordinary view', files: added('app/views.py', '@login_required'), silent: 'auth-weakened' },
    {
      lang: 'go',
      name: 'role lookup',
      files: added('srv/h.go', '\tif hasRole(user, RoleAdmin) {'),
      silent: 'auth-weakened',
    },
    {
      lang: 'java',
      name: 'authenticated()',
      files: added('src/Security.java', '.anyRequest().authenticated()'),
      silent: 'auth-weakened',
    },

    {
      lang: 'py',
      name: 'removed @login_required',
      files: removed('app/views.py', ['@login_required', 'def export(request):'], ['def export(request):']),
      fires: 'auth-check-removed',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'removed requireAuth middleware',
      files: removed(
        'src/routes.ts',
        ["router.get('/export', requireAuth, handler);"],
        ["router.get('/export', handler);"],
      ),
      fires: 'auth-check-removed',
    },
    {
      lang: 'cs',
      name: 'removed [Authorize]',
      files: removed(
        'Api/AdminController.cs',
        ['[Authorize(Roles = "Admin")]', 'public class AdminController'],
        ['public class AdminController'],
      ),
      fires: 'auth-check-removed',
    },
    {
      lang: 'java',
      name: 'removed @PreAuthorize',
      files: removed(
        'src/Admin.java',
        ['@PreAuthorize("hasRole(\'ADMIN\')")', 'public void wipe() {'],
        ['public void wipe() {'],
      ),
      fires: 'auth-check-removed',
    },
    {
      lang: 'go',
      name: 'moved, not removed',
      files: removed('srv/h.go', ['\tif !authorize(r) {'], ['\tif !authorize(r.WithContext(ctx)) {']),
      silent: 'auth-check-removed',
    },
    {
      lang: 'ts',
      name: 'renamed middleware kept',
      files: removed('src/routes.ts', ["router.get('/a', requireAuth, h);"], ["router.get('/b', requireAuth, h);"]),
      silent: 'auth-check-removed',
    },
    {
      lang: 'py',
      name: 'decorator kept while the body changes',
      files: removed('app/views.py', ['    return render(a)'], ['    return render(b)']),
      silent: 'auth-check-removed',
    },
    {
      lang: 'cs',
      name: '[Authorize] policy renamed',
      files: removed('Api/AdminController.cs', ['[Authorize(Roles = "Admin")]'], ['[Authorize(Policy = "AdminOnly")]']),
      silent: 'auth-check-removed',
    },
    {
      lang: 'java',
      name: '@PreAuthorize expression edited',
      files: removed(
        'src/Admin.java',
        ['@PreAuthorize("hasRole(\'ADMIN\')")'],
        ['@PreAuthorize("hasRole(\'OWNER\')")'],
      ),
      silent: 'auth-check-removed',
    },
  ]);
});

/** A long instruction line that already names tools and running things, as real AGENTS.md paragraphs do. */
const LONG_RULE =
  'Route the provider through the `request_capture` fixture and run the test: the fixture client is an {client} with a request hook, so the tool sees the request the code built, and a field it stops sending fails the assertion.';

describe('review/rules hidden characters and agent config', () => {
  check([
    {
      lang: 'ts',
      name: 'Trojan Source bidi override',
      files: added('src/acl.ts', 'if (isAdmin) { /* \u202E } \u2066if (isAdmin)\u2069 \u2066 begin admins only */'),
      fires: 'hidden-characters',
      severity: 'high',
    },
    {
      lang: 'py',
      name: 'zero-width space in an identifier',
      files: added('app/a.py', 'user\u200Bname = get()'),
      fires: 'hidden-characters',
      severity: 'medium',
    },
    {
      lang: 'go',
      name: 'Cyrillic look-alike in an identifier',
      files: added('srv/a.go', '\tif аdmin {'),
      fires: 'hidden-characters',
    },
    {
      lang: 'md',
      name: 'tag characters in agent instructions',
      files: added('AGENTS.md', 'Be helpful.\uDB40\uDC41\uDB40\uDC42'),
      fires: 'hidden-characters',
      severity: 'high',
    },
    {
      lang: 'java',
      name: 'Cyrillic text inside a string literal',
      files: added('src/I18n.java', 'String hello = "Привет";'),
      silent: 'hidden-characters',
    },
    {
      lang: 'cs',
      name: 'plain ASCII',
      files: added('Api/A.cs', 'var admin = IsAdmin(user);'),
      silent: 'hidden-characters',
    },
    {
      lang: 'ts',
      name: 'emoji and accents in a string',
      files: added('src/i18n.ts', 'const hi = "héllo 👋";'),
      silent: 'hidden-characters',
    },
    {
      lang: 'py',
      name: 'byte-order mark at the start of a file',
      files: { path: 'app/a.py', status: 'added', add: ['\uFEFFimport os'] },
      silent: 'hidden-characters',
    },
    {
      lang: 'go',
      name: 'Greek letter in a comment',
      files: added('srv/m.go', '\tx := 1 // the λ term'),
      silent: 'hidden-characters',
    },
    {
      lang: 'md',
      name: 'CLAUDE.md edited',
      files: added('CLAUDE.md', 'Always run tests with --no-verify.'),
      fires: 'agent-config-changed',
    },
    {
      lang: 'json',
      name: 'MCP server added',
      files: added('.vscode/mcp.json', '"shell": { "command": "npx", "args": ["any-mcp"] }'),
      fires: 'agent-config-changed',
    },
    {
      lang: 'md',
      name: 'one word of a long AGENTS.md line changed is wording, and says nothing (compared word by word)',
      files: {
        path: 'tests/AGENTS.md',
        del: [LONG_RULE.replace('{client}', '`httpx.AsyncClient`')],
        add: [LONG_RULE.replace('{client}', '`httpx2.AsyncClient`')],
      },
      silent: 'agent-config-changed',
    },
    {
      lang: 'md',
      name: 'a new command inside a long AGENTS.md line is an instruction',
      files: {
        path: 'tests/AGENTS.md',
        del: [LONG_RULE.replace('{client}', '`httpx.AsyncClient`')],
        add: [LONG_RULE.replace('{client}', '`httpx.AsyncClient`') + ' Always run `make record` and never ask first.'],
      },
      fires: 'agent-config-changed',
      severity: 'medium',
    },
    {
      lang: 'md',
      name: 'an architecture paragraph naming builtins and tools is wording',
      files: added(
        'AGENTS.md',
        '- **Script config**: besides `app.json`, a `apprc` script can call builtins (`provider`, `permissions`,',
        '  `hook`) to build the config. Builtins are no-ops during normal bash tool execution. See',
        '  [the design note](https://github.com/acme/app/pull/12) and `internal/scriptconfig/`.',
      ),
      silent: 'agent-config-changed',
    },
    {
      lang: 'md',
      name: 'a testing rule whose subject is the tests is wording',
      files: added('pkg/ui/AGENTS.md', 'Regression tests for the event stream must run through the public adapter.'),
      silent: 'agent-config-changed',
    },
    {
      lang: 'md',
      name: 'a style guide about commit messages and release notes is wording',
      files: added(
        'AGENTS.md',
        '## Style',
        '',
        'Commit messages use the imperative mood. Release notes go in CHANGELOG.md.',
      ),
      silent: 'agent-config-changed',
    },
    {
      lang: 'md',
      name: 'a removed approval step is a guard that went',
      files: {
        path: '.claude/skills/address-review/SKILL.md',
        del: ['5. **Reply** (after user approval): reply to each comment, then resolve the thread.'],
        add: ['5. **Reply**: reply to each comment, then resolve the thread.'],
      },
      fires: 'agent-config-changed',
      severity: 'medium',
    },
    {
      lang: 'md',
      name: 'a shell command added in a fenced block',
      files: added('CLAUDE.md', '## Before you finish', '', '```sh', 'make release VERSION=next', '```'),
      fires: 'agent-config-changed',
      severity: 'medium',
    },
    {
      lang: 'md',
      name: 'a bare address to send things to',
      files: added('AGENTS.md', 'Upload the coverage report to https://reports.acme.io/in when tests pass.'),
      fires: 'agent-config-changed',
      severity: 'medium',
    },
    {
      lang: 'md',
      name: 'README is not agent config',
      files: added('README.md', 'Run the tests.'),
      silent: 'agent-config-changed',
    },
  ]);
});

describe('review/rules hard-coded endpoints', () => {
  check([
    {
      lang: 'rust',
      name: 'a pinned upstream URL whose release tag moved (same host, same repository)',
      files: {
        path: 'crates/dev/src/generate_mappings.rs',
        del: ['const URL: &str = "https://raw.githubusercontent.com/acme/builds/20260807/cpython-unix/targets.yml";'],
        add: ['const URL: &str = "https://raw.githubusercontent.com/acme/builds/20260814/cpython-unix/targets.yml";'],
      },
      silent: 'hard-coded-endpoint',
    },
    {
      lang: 'rust',
      name: 'the pinned URL moved to another repository',
      files: {
        path: 'crates/dev/src/generate_mappings.rs',
        del: ['const URL: &str = "https://raw.githubusercontent.com/acme/builds/20260807/cpython-unix/targets.yml";'],
        add: ['const URL: &str = "https://raw.githubusercontent.com/someone/forked-builds/20260814/targets.yml";'],
      },
      fires: 'hard-coded-endpoint',
    },
    {
      lang: 'ts',
      name: 'production URL',
      files: added('src/api.ts', 'const BASE = "https://api.payments-prod.acme.io/v2";'),
      fires: 'hard-coded-endpoint',
      severity: 'low',
    },
    {
      lang: 'py',
      name: 'plain-HTTP URL',
      files: added('app/client.py', 'BASE = "http://10.2.3.4:8080/api"'),
      fires: 'hard-coded-endpoint',
      severity: 'medium',
    },
    {
      lang: 'go',
      name: 'IP address',
      files: added('srv/dial.go', '\tconn, err := net.Dial("tcp", "10.0.12.7:6379")'),
      fires: 'hard-coded-endpoint',
    },
    {
      lang: 'java',
      name: 'JDBC URL',
      files: added('src/Db.java', 'String url = "jdbc:mysql://db01.corp.acme.io:3306/app";'),
      fires: 'hard-coded-endpoint',
    },
    {
      lang: 'cs',
      name: 'service URL',
      files: added('Api/Client.cs', 'client.BaseAddress = new Uri("https://billing.acme.io/");'),
      fires: 'hard-coded-endpoint',
    },
    {
      lang: 'ts',
      name: 'a host built from values',
      files: added('src/auth/redirect.ts', "  return `https://${port}-${process.env['WEB_HOST']}${REDIRECT_PATH}`;"),
      silent: 'hard-coded-endpoint',
    },
    {
      lang: 'shell',
      name: 'a console link echoed by a deploy script',
      files: added('deploy/run.sh', 'echo " Build logs: https://console.cloud.acme.io/builds?project=${PROJECT_ID}"'),
      silent: 'hard-coded-endpoint',
    },
    {
      lang: 'shell',
      name: 'a deploy script calling a fixed host',
      files: added('deploy/run.sh', 'curl -fsS -X POST https://hooks.deploy.acme.io/v1/notify'),
      fires: 'hard-coded-endpoint',
    },
    {
      lang: 'ts',
      name: 'localhost and example.com',
      files: added('src/dev.ts', 'const a = "http://localhost:3000"; const b = "https://example.com/x";'),
      silent: 'hard-coded-endpoint',
    },
    {
      lang: 'py',
      name: 'URL only in a comment',
      files: added('app/x.py', 'x = 1  # see https://docs.python.org/3/library/ssl.html'),
      silent: 'hard-coded-endpoint',
    },
    {
      lang: 'go',
      name: 'version number',
      files: added('srv/v.go', '\tconst version = "1.2.3.4"'),
      silent: 'hard-coded-endpoint',
    },
    {
      lang: 'java',
      name: 'XML namespace',
      files: added('src/X.java', 'String ns = "http://www.w3.org/2001/XMLSchema";'),
      silent: 'hard-coded-endpoint',
    },
    {
      lang: 'cs',
      name: 'configured URL',
      files: added('Api/Client.cs', 'client.BaseAddress = new Uri(config["BillingUrl"]);'),
      silent: 'hard-coded-endpoint',
    },
  ]);
});
