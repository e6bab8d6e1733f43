import * as assert from 'node:assert/strict';
import { added, check, diffOf, removed, review } from './helpers';

describe('review/rules destructive operations and migrations', () => {
  check([
    {
      lang: 'sql',
      name: 'DROP TABLE in a migration',
      files: added('db/migrations/0042_cleanup.sql', 'DROP TABLE users;'),
      fires: 'destructive-operation',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'unscoped DELETE',
      files: added('src/admin.ts', 'await db.query("DELETE FROM sessions");'),
      fires: 'destructive-operation',
      severity: 'high',
    },
    {
      lang: 'py',
      name: 'shutil.rmtree',
      files: added('app/cleanup.py', 'shutil.rmtree(workdir)'),
      fires: 'destructive-operation',
      severity: 'medium',
    },
    {
      lang: 'py',
      name: 'alembic drop_column',
      files: added('alembic/versions/abc_drop.py', '    op.drop_column("users", "email")'),
      fires: 'destructive-operation',
    },
    {
      lang: 'go',
      name: 'os.RemoveAll',
      files: added('cmd/clean.go', '\tos.RemoveAll(dir)'),
      fires: 'destructive-operation',
    },
    {
      lang: 'java',
      name: 'TRUNCATE in a string',
      files: added('src/Reset.java', 'jdbc.execute("TRUNCATE TABLE audit_log");'),
      fires: 'destructive-operation',
    },
    {
      lang: 'cs',
      name: 'EF DropTable',
      files: added('Migrations/20240101_Drop.cs', '            migrationBuilder.DropTable(name: "Orders");'),
      fires: 'destructive-operation',
    },
    {
      lang: 'sh',
      name: 'rm -rf',
      files: added('scripts/reset.sh', 'rm -rf "$DATA_DIR"/*'),
      fires: 'destructive-operation',
    },
    {
      lang: 'dockerfile',
      name: 'rm -rf of the apt lists after an install',
      files: added('Dockerfile', 'RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*'),
      silent: 'destructive-operation',
    },
    {
      lang: 'shell',
      name: 'rm -rf of build output',
      files: added('scripts/clean.sh', 'rm -rf node_modules dist coverage'),
      silent: 'destructive-operation',
    },
    {
      lang: 'shell',
      name: 'rm -rf of a cache and of a data directory still counts',
      files: added('scripts/reset.sh', 'rm -rf /tmp/build "$DATA_DIR"'),
      fires: 'destructive-operation',
    },
    {
      lang: 'sh',
      name: 'force push',
      files: added('scripts/release.sh', 'git push --force origin main'),
      fires: 'destructive-operation',
    },
    {
      lang: 'hcl',
      name: 'deletion protection off',
      files: added('infra/db.tf', '  deletion_protection = false'),
      fires: 'destructive-operation',
    },
    {
      lang: 'ts',
      name: 'scoped DELETE',
      files: added('src/admin.ts', 'await db.query("DELETE FROM sessions WHERE expires_at < now()");'),
      silent: 'destructive-operation',
    },
    {
      lang: 'py',
      name: 'removing one file',
      files: added('app/cleanup.py', 'os.remove(tmp_path)'),
      silent: 'destructive-operation',
    },
    {
      lang: 'go',
      name: 'os.Remove of one file',
      files: added('cmd/clean.go', '\tos.Remove(tmp)'),
      silent: 'destructive-operation',
    },
    {
      lang: 'java',
      name: 'the word "drop" in prose',
      files: added('src/Ui.java', 'label.setText("Drop files here to upload");'),
      silent: 'destructive-operation',
    },
    {
      lang: 'cs',
      name: 'soft delete',
      files: added('Api/Repo.cs', 'order.DeletedAt = DateTime.UtcNow;'),
      silent: 'destructive-operation',
    },
    {
      lang: 'sh',
      name: 'rm of a single file',
      files: added('scripts/reset.sh', 'rm -f "$PID_FILE"'),
      silent: 'destructive-operation',
    },

    {
      lang: 'sql',
      name: 'new migration',
      files: {
        path: 'db/migrations/0043_add_index.sql',
        status: 'added',
        add: ['CREATE INDEX idx_users_email ON users(email);'],
      },
      fires: 'migration-changed',
      severity: 'medium',
    },
    {
      lang: 'py',
      name: 'edited applied migration',
      files: removed(
        'app/migrations/0001_initial.py',
        ["        ('name', models.CharField(max_length=50)),"],
        ["        ('name', models.CharField(max_length=80)),"],
      ),
      fires: 'migration-changed',
      severity: 'high',
    },
    {
      lang: 'cs',
      name: 'EF migration added',
      files: {
        path: 'Migrations/20240101_Add.cs',
        status: 'added',
        add: ['migrationBuilder.AddColumn<string>("Email", "Users");'],
      },
      fires: 'migration-changed',
    },
    {
      lang: 'go',
      name: 'goose migration added',
      files: { path: 'db/migrations/00002_add_email.go', status: 'added', add: ['package migrations'] },
      fires: 'migration-changed',
    },
    {
      lang: 'java',
      name: 'Flyway migration edited',
      files: removed(
        'src/main/resources/db/migration/V2__add_email.sql',
        ['ALTER TABLE users ADD email TEXT;'],
        ['ALTER TABLE users ADD email VARCHAR(200);'],
      ),
      fires: 'migration-changed',
      severity: 'high',
    },
    {
      lang: 'ts',
      name: 'ordinary source file',
      files: added('src/users.ts', 'export const x = 1;'),
      silent: 'migration-changed',
    },
    {
      lang: 'py',
      name: 'model file, not a migration',
      files: added('app/models.py', 'email = models.EmailField()'),
      silent: 'migration-changed',
    },
    {
      lang: 'md',
      name: 'docs about migrating',
      files: added('docs/migrating.md', 'How to migrate.'),
      silent: 'migration-changed',
    },
    {
      lang: 'java',
      name: 'entity class',
      files: added('src/main/java/User.java', 'private String email;'),
      silent: 'migration-changed',
    },
  ]);
});

describe('review/rules infrastructure exposure', () => {
  check([
    {
      lang: 'hcl',
      name: 'ingress from 0.0.0.0/0',
      files: added('infra/sg.tf', '  cidr_blocks = ["0.0.0.0/0"]'),
      fires: 'infra-exposure',
      severity: 'high',
    },
    {
      lang: 'json',
      name: 'IAM Action "*"',
      files: added('infra/policy.json', '      "Action": "*",'),
      fires: 'infra-exposure',
    },
    {
      lang: 'yaml',
      name: 'privileged container',
      files: added('k8s/deploy.yaml', '          privileged: true'),
      fires: 'infra-exposure',
    },
    {
      lang: 'ts',
      name: "a detector's own pattern naming --privileged",
      files: added('src/scan/container.ts', 'const LOOSENED = /--privileged\\b|--cap-add\\b/;'),
      silent: 'infra-exposure',
    },
    {
      lang: 'ts',
      name: 'code that passes --privileged to docker',
      files: added('src/run/container.ts', "const args = ['run', '--privileged', image];"),
      fires: 'infra-exposure',
    },
    {
      lang: 'hcl',
      name: 'public bucket',
      files: added('infra/s3.tf', '  acl    = "public-read"'),
      fires: 'infra-exposure',
    },
    {
      lang: 'docker',
      name: 'runs as root',
      files: added('Dockerfile', 'USER root'),
      fires: 'infra-exposure',
      severity: 'medium',
    },
    {
      lang: 'go',
      name: 'chmod 0777 in code',
      files: added('cmd/setup.go', '\tos.Chmod(dir, 0777)'),
      fires: 'infra-exposure',
    },
    {
      lang: 'hcl',
      name: 'scoped CIDR',
      files: added('infra/sg.tf', '  cidr_blocks = ["10.0.0.0/16"]'),
      silent: 'infra-exposure',
    },
    {
      lang: 'json',
      name: 'named IAM action',
      files: added('infra/policy.json', '      "Action": "s3:GetObject",'),
      silent: 'infra-exposure',
    },
    {
      lang: 'yaml',
      name: 'unprivileged container',
      files: added('k8s/deploy.yaml', '          privileged: false'),
      silent: 'infra-exposure',
    },
    {
      lang: 'go',
      name: 'listen on all interfaces (not a CIDR)',
      files: added('cmd/serve.go', '\thttp.ListenAndServe("0.0.0.0:8080", nil)'),
      silent: 'infra-exposure',
    },
  ]);
});

describe('review/rules CI, ownership and configuration', () => {
  check([
    {
      lang: 'yaml',
      name: 'workflow edited',
      files: added('.github/workflows/ci.yml', '      - run: npm test'),
      fires: 'ci-changed',
      severity: 'medium',
    },
    {
      lang: 'yaml',
      name: 'GitLab CI edited',
      files: added('.gitlab-ci.yml', 'test:', '  script: make test'),
      fires: 'ci-changed',
    },
    {
      lang: 'ts',
      name: 'source file is not CI',
      files: added('src/ci.ts', 'export const ci = true;'),
      silent: 'ci-changed',
    },

    {
      lang: 'yaml',
      name: 'pull_request_target',
      files: added('.github/workflows/pr.yml', 'on: pull_request_target'),
      fires: 'ci-risky-step',
      severity: 'high',
    },
    {
      lang: 'yaml',
      name: 'continue-on-error',
      files: added('.github/workflows/ci.yml', '        continue-on-error: true'),
      fires: 'ci-risky-step',
      severity: 'medium',
    },
    {
      lang: 'yaml',
      name: 'unpinned third-party action',
      files: added('.github/workflows/ci.yml', '      - uses: some-org/deploy-action@v2'),
      fires: 'ci-risky-step',
      severity: 'low',
    },
    {
      lang: 'yaml',
      name: 'first-party actions/checkout@v4',
      files: added('.github/workflows/ci.yml', '      - uses: actions/checkout@v4'),
      silent: 'ci-risky-step',
    },
    {
      lang: 'yaml',
      name: 'PR title expanded into a script',
      files: added('.github/workflows/pr.yml', '        run: echo "${{ github.event.pull_request.title }}"'),
      fires: 'ci-risky-step',
      severity: 'high',
    },
    {
      lang: 'sh',
      name: 'curl piped into bash',
      files: added('scripts/install.sh', 'curl -fsSL https://get.example.sh | bash'),
      fires: 'ci-risky-step',
      severity: 'high',
    },
    {
      lang: 'docker',
      name: '|| true hides a failing step',
      files: added('Dockerfile', 'RUN make test || true'),
      fires: 'ci-risky-step',
    },
    {
      lang: 'yaml',
      name: 'action pinned to a SHA',
      files: added(
        '.github/workflows/ci.yml',
        '      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11',
      ),
      silent: 'ci-risky-step',
    },
    {
      lang: 'sh',
      name: 'download then verify',
      files: added(
        'scripts/install.sh',
        'curl -fsSLo tool.tgz https://example.com/tool.tgz && sha256sum -c tool.sha256',
      ),
      silent: 'ci-risky-step',
    },
    {
      lang: 'ts',
      name: '|| true in source code is not a build step',
      files: added('src/flags.ts', 'const on = a || true;'),
      silent: 'ci-risky-step',
    },

    {
      lang: 'text',
      name: 'CODEOWNERS edited',
      files: added('.github/CODEOWNERS', '/src/auth/ @someone'),
      fires: 'ownership-changed',
      severity: 'high',
    },
    {
      lang: 'text',
      name: 'OWNERS file',
      files: added('services/pay/OWNERS', 'approvers: [bob]'),
      fires: 'ownership-changed',
    },
    {
      lang: 'md',
      name: 'docs mentioning owners',
      files: added('docs/owners.md', 'Ask the owners.'),
      silent: 'ownership-changed',
    },

    {
      lang: 'json',
      name: 'tsconfig edited',
      files: added('tsconfig.json', '    "target": "ES2022",'),
      fires: 'config-changed',
      severity: 'low',
    },
    {
      lang: 'json',
      name: "a new service's tsconfig.json added whole (its baseline, already in the file list)",
      files: {
        path: 'services/egress/tsconfig.json',
        status: 'added',
        add: ['{', '  "compilerOptions": {', '    "strict": true,', '    "skipLibCheck": true', '  }', '}'],
      },
      silent: 'config-changed',
    },
    {
      lang: 'json',
      name: "skipLibCheck in a new service's tsconfig.json is its baseline, no silenced check",
      files: {
        path: 'services/egress/tsconfig.json',
        status: 'added',
        add: ['{', '  "compilerOptions": {', '    "strict": true,', '    "skipLibCheck": true', '  }', '}'],
      },
      silent: 'check-suppressed',
    },
    {
      lang: 'json',
      name: 'skipLibCheck turned on in an existing tsconfig.json',
      files: added('tsconfig.json', '    "skipLibCheck": true,'),
      fires: 'check-suppressed',
    },
    { lang: 'env', name: '.env edited', files: added('.env.production', 'LOG_LEVEL=debug'), fires: 'config-changed' },
    {
      lang: 'py',
      name: 'Django settings',
      files: added('app/settings.py', 'TIME_ZONE = "UTC"'),
      fires: 'config-changed',
    },
    {
      lang: 'cs',
      name: 'appsettings.json',
      files: added('Api/appsettings.json', '  "Logging": {}'),
      fires: 'config-changed',
    },
    { lang: 'go', name: 'ordinary source', files: added('srv/config.go', '\tcfg := Load()'), silent: 'config-changed' },
    {
      lang: 'py',
      name: 'settings.py that is the module of a public settings type (a docstring bullet removed)',
      files: {
        path: 'pkg/settings.py',
        before: [
          'class ModelSettings(TypedDict, total=False):',
          '    timeout: float | None',
          '    """Request timeout.',
          '',
        ],
        del: ['    * xAI'],
        after: ['    """'],
      },
      silent: 'config-changed',
    },
    {
      lang: 'ts',
      name: 'vite.config.ts with a plugin value changed',
      files: {
        path: 'web/vite.config.ts',
        before: ['export default defineConfig({'],
        del: ['  base: "/app/",'],
        add: ['  base: "/"'],
        after: ['});'],
      },
      fires: 'config-changed',
    },
    {
      lang: 'ts',
      name: 'webpack.config.ts declaring types and helpers',
      files: {
        path: 'tools/webpack.config.ts',
        before: ['export interface BuildEnv {', '  production: boolean;', '}'],
        add: ['export type Mode = "a" | "b";'],
      },
      silent: 'config-changed',
    },
  ]);
});

describe('review/rules CI changed: one finding per change', () => {
  it('the same edit in three workflows is one finding at the largest, naming the others', () => {
    const findings = review(
      diffOf(
        added('.github/workflows/test.yml', '      - uses: ./.github/actions/setup', '        with: { cache: false }'),
        added('.github/workflows/lint.yml', '        with: { cache: false }'),
        added('.github/workflows/docs.yml', '        with: { cache: false }'),
      ),
    ).findings.filter((f) => f.ruleId === 'ci-changed');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, '.github/workflows/test.yml');
    assert.match(findings[0].why, /^3 pipelines changed: .*test\.yml.*; also .*lint\.yml.*docs\.yml/);
  });
});

describe('review/rules CI changed: the pipeline proper leads', () => {
  it('names a workflow before a larger contributor hook file', () => {
    const hooks = removed(
      '.pre-commit-config.yaml',
      Array.from({ length: 30 }, (_, i) => `  - id: hook-${i}`),
    );
    const findings = review(
      diffOf(hooks, added('.github/workflows/lint.yml', '      - run: ./scripts/lint.sh')),
    ).findings;
    const ci = findings.filter((f) => f.ruleId === 'ci-changed');
    assert.equal(ci.length, 1);
    assert.equal(ci[0].file, '.github/workflows/lint.yml');
  });
});
