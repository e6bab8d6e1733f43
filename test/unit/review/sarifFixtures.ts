/**
 * SARIF 2.1.0 logs in the shapes Semgrep, CodeQL and ESLint's SARIF formatter produce, written from the spec and
 * the tools' documentation (not copied from real runs). `root` is the repository path the analyser ran in.
 */

/** Semgrep: rules carry the level (`defaultConfiguration`), results only `ruleId`; `nosemgrep` shows as a suppression. */
export function semgrepLog(): object {
  const evalRule = 'javascript.lang.security.audit.eval-detected.eval-detected';
  const secretRule = 'generic.secrets.security.detected-aws-access-key-id-value.detected-aws-access-key-id-value';
  const region = (line: number, text: string): object => ({
    startLine: line,
    startColumn: 3,
    endLine: line,
    endColumn: 3 + text.length,
    snippet: { text },
  });
  return {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: [] }],
        tool: {
          driver: {
            name: 'Semgrep OSS',
            semanticVersion: '1.60.0',
            rules: [
              {
                id: evalRule,
                name: evalRule,
                shortDescription: { text: `Semgrep Finding: ${evalRule}` },
                fullDescription: {
                  text: 'Detected the use of eval(). eval() can be dangerous if used to evaluate dynamic content.',
                },
                help: {
                  text: 'Do not evaluate dynamic content; parse it with a dedicated parser instead.',
                  markdown: '**Do not** evaluate dynamic content.',
                },
                helpUri: 'https://semgrep.dev/r/' + evalRule,
                defaultConfiguration: { level: 'warning' },
                properties: { precision: 'very-high', tags: ['CWE-95', 'OWASP-A03:2021 - Injection', 'security'] },
              },
              {
                id: secretRule,
                name: secretRule,
                shortDescription: { text: `Semgrep Finding: ${secretRule}` },
                fullDescription: { text: 'AWS Access Key ID Value detected.' },
                help: { text: 'Revoke the key and load credentials from the environment.' },
                defaultConfiguration: { level: 'error' },
                properties: { precision: 'very-high', tags: ['CWE-798', 'secrets'] },
              },
            ],
          },
        },
        results: [
          {
            ruleId: evalRule,
            message: {
              text: 'Detected the use of eval(). eval() can be dangerous if used to evaluate dynamic content.',
            },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
                  region: region(3, 'eval(process.argv[2]);'),
                },
              },
            ],
            fingerprints: { 'matchBasedId/v1': 'f'.repeat(64) },
            properties: {},
          },
          {
            ruleId: secretRule,
            message: { text: 'AWS Access Key ID Value detected.' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
                  region: region(2, 'AKIAIOSFODNN7EXAMPLE'),
                },
              },
            ],
            properties: {},
          },
          {
            ruleId: evalRule,
            message: { text: 'Detected the use of eval().' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/legacy.ts', uriBaseId: '%SRCROOT%' },
                  region: region(9, 'eval(x)'),
                },
              },
            ],
            suppressions: [{ kind: 'inSource' }],
            properties: {},
          },
        ],
      },
    ],
  };
}

/** CodeQL: query rules live in a pack extension (`rule.toolComponent`), locations point into `artifacts`. */
export function codeqlLog(): object {
  const injection = {
    id: 'js/code-injection',
    name: 'js/code-injection',
    shortDescription: { text: 'Code injection' },
    fullDescription: {
      text: 'Interpreting unsanitized user input as code allows a malicious user arbitrary code execution.',
    },
    defaultConfiguration: { enabled: true, level: 'error' },
    help: {
      text: '# Code injection\nDirectly evaluating user input as code allows arbitrary code execution.\n## Recommendation\nAvoid including user input in any expression which may be dynamically evaluated.',
    },
    properties: {
      tags: ['security', 'external/cwe/cwe-094'],
      kind: 'path-problem',
      precision: 'high',
      'security-severity': '9.3',
      'problem.severity': 'error',
    },
  };
  const unused = {
    id: 'js/unused-local-variable',
    name: 'js/unused-local-variable',
    shortDescription: { text: 'Unused variable, import, function or class' },
    fullDescription: {
      text: 'Unused variables, imports, functions or classes may be a symptom of a bug and should be examined carefully.',
    },
    defaultConfiguration: { enabled: true, level: 'note' },
    properties: { tags: ['maintainability'], kind: 'problem', precision: 'very-high' },
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'CodeQL', organization: 'GitHub', semanticVersion: '2.16.0', notifications: [], rules: [] },
          extensions: [{ name: 'codeql/javascript-queries', semanticVersion: '0.8.8', rules: [unused, injection] }],
        },
        invocations: [{ toolExecutionNotifications: [], executionSuccessful: true }],
        artifacts: [
          { location: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%', index: 0 } },
          { location: { uri: 'src/util.ts', uriBaseId: '%SRCROOT%', index: 1 } },
        ],
        results: [
          {
            ruleId: 'js/code-injection',
            rule: { id: 'js/code-injection', index: 1, toolComponent: { index: 0 } },
            message: { text: 'This code execution depends on a [user-provided value](1).' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%', index: 0 },
                  region: { startLine: 3, startColumn: 8, endColumn: 23 },
                },
              },
            ],
            partialFingerprints: { primaryLocationLineHash: '0123456789abcdef:1' },
            relatedLocations: [
              {
                id: 1,
                physicalLocation: {
                  artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%', index: 0 },
                  region: { startLine: 3, startColumn: 8, endColumn: 20 },
                },
                message: { text: 'user-provided value' },
              },
            ],
          },
          {
            // Location by artifact index only, rule by index only.
            rule: { index: 0, toolComponent: { index: 0 } },
            message: { text: 'Unused variable x.' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { index: 1 },
                  region: { startLine: 1, startColumn: 14, endColumn: 15 },
                },
              },
            ],
          },
        ],
        columnKind: 'utf16CodeUnits',
        properties: { 'semmle.formatSpecifier': 'sarif-latest' },
      },
    ],
  };
}

/** ESLint's SARIF formatter: absolute `file:` URIs, `ruleIndex`, per-result level; parse errors have no rule. */
export function eslintLog(root: string): object {
  const uri = (rel: string): string => 'file://' + root.replace(/\\/g, '/').replace(/^(?=[A-Za-z]:)/, '/') + '/' + rel;
  return {
    version: '2.1.0',
    $schema: 'http://json.schemastore.org/sarif-2.1.0-rtm.5',
    runs: [
      {
        tool: {
          driver: {
            name: 'ESLint',
            informationUri: 'https://eslint.org',
            version: '8.57.0',
            rules: [
              {
                id: 'no-unused-vars',
                helpUri: 'https://eslint.org/docs/rules/no-unused-vars',
                properties: { category: 'Variables' },
                shortDescription: { text: 'Disallow unused variables' },
              },
            ],
          },
        },
        artifacts: [{ location: { uri: uri('src/util.ts') } }, { location: { uri: uri('src/broken.ts') } }],
        results: [
          {
            level: 'warning',
            message: { text: "'x' is assigned a value but never used." },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri('src/util.ts'), index: 0 },
                  region: { startLine: 1, startColumn: 14, endLine: 1, endColumn: 15 },
                },
              },
            ],
            ruleId: 'no-unused-vars',
            ruleIndex: 0,
          },
          {
            level: 'error',
            message: { text: 'Parsing error: Unexpected token }' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri('src/broken.ts'), index: 1 },
                  region: { startLine: 4, startColumn: 1 },
                },
              },
            ],
          },
          {
            level: 'warning',
            message: { text: "'y' is defined but never used." },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri('src/util.ts'), index: 0 },
                  region: { startLine: 7, startColumn: 5 },
                },
              },
            ],
            ruleId: 'no-unused-vars',
            ruleIndex: 0,
            suppressions: [{ kind: 'inSource', justification: 'kept for the public API' }],
          },
        ],
      },
    ],
  };
}
