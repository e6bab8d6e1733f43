/**
 * Dangerous sinks (eval, shells, unsafe deserialisation, raw HTML, unsafe blocks) and SQL or shell commands built by
 * string concatenation or interpolation.
 */
import { movedInChange, type Change, type ChangeLine } from '../model/change';
import { execInCode } from '../model/lexer';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, quote } from './rule';

const SINK: RuleMeta = {
  id: 'dangerous-sink',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'dangerous-sinks',
  title: 'Dangerous sink',
  whatToDo:
    'Make sure no untrusted input reaches this call; prefer the safe API (argument lists, safe loaders, textContent, parameterised queries).',
};
const QUOTING: RuleMeta = {
  id: 'command-quoting',
  claims: { languages: ['js', 'py', 'go', 'rust'] },
  category: 'dangerous-sinks',
  title: 'Command line built or quoted by hand',
  whatToDo:
    'Security-relevant: check every argument is passed as its own list element (no shell), or quoted with the platform\'s quoting function, and that user text cannot start with "-".',
};
/** Shell quoting and argument-vector building: the code a command-injection fix or bug lives in. */
const QUOTE_WORK =
  /\bshlex\.(?:quote|split|join)\s*\(|\bshell[-_]?(?:quote|escape|words)\b|\bescapeshellarg\s*\(|\bquote_?(?:arg|shell|for_shell)\w*\s*\(|\bshellwords\b|\bshell_words::|\bsyscall\.EscapeArg\b|\bwindows\.EscapeArg\b|\bsubprocess\.list2cmdline\s*\(/;
const ARGV_BUILT =
  /\b((?:args|argv|cmd|command|cmdline|command_line|cmd_args|commandArgs)\w*)\s*(?:\+?=|\.(?:push|append|extend|arg|args)\s*\()\s*.*(?:\bf["'][^"']*\{|format!\s*\(|\bSprintf\s*\(|\$\{|\.format\s*\(|["']\s*\+\s*\w|["']\s*%\s*)/;
/**
 * A list named for prose about arguments (`args_lines`, `argsDoc`, `command_help`: the `Args:` section of a rendered
 * docstring, a usage text) holds words for a reader, not a command line (pydantic-ai #6487's signature renderer).
 */
const PROSE_NAME =
  /(?:_(?:lines|docs?|docstring|sections?|help|descriptions?|desc|summary|text)|[a-z](?:Lines|Docs?|Docstring|Sections?|Help|Descriptions?|Desc|Summary|Text))$/;

function buildsArgv(l: ChangeLine): boolean {
  const m = execInCode(ARGV_BUILT, l.code, l.bare);
  return m !== null && !PROSE_NAME.test(m[1]);
}
const INJECTION: RuleMeta = {
  id: 'injection',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'dangerous-sinks',
  title: 'SQL or shell command built from strings',
  whatToDo: 'Use parameterised queries or argument arrays; never splice values into SQL or shell text.',
};

const PATTERNS: readonly LinePattern[] = [
  {
    re: /(?<![.\w$])eval\s*\(|\bnew\s+Function\s*\(|\bvm\.(?:runIn\w+|Script)\b|\bset(?:Timeout|Interval)\s*\(\s*['"`]/,
    langs: ['js'],
    severity: 'high',
    label: 'evaluates a string as code',
  },
  { re: /\bshell\s*:\s*true\b/, langs: ['js'], severity: 'high', label: 'runs the command through a shell' },
  {
    re: /(?<![.\w$])(?:exec|execSync)\s*\(|\b(?:child_process|cp|childProcess)\.(?:exec|execSync|spawn|spawnSync|execFile|execFileSync)\s*\(|['"](?:node:)?child_process['"]/,
    langs: ['js'],
    severity: 'medium',
    label: 'starts a process',
  },
  {
    re: /\.(?:innerHTML|outerHTML)\s*\+?=|\binsertAdjacentHTML\s*\(|\bdocument\.write(?:ln)?\s*\(|\bdangerouslySetInnerHTML\b|\bv-html\b|\bbypassSecurityTrust\w*\s*\(/,
    langs: ['js'],
    severity: 'high',
    label: 'writes raw HTML (XSS)',
  },
  {
    re: /(?<![.\w])(?:eval|exec)\s*\(|\b__import__\s*\(/,
    langs: ['py'],
    severity: 'high',
    label: 'evaluates a string as code',
  },
  {
    re: /\bos\.(?:system|popen|exec[lv]p?e?)\s*\(|\bshell\s*=\s*True\b|\bcommands\.getoutput\s*\(/,
    langs: ['py'],
    severity: 'high',
    label: 'runs a command through a shell',
  },
  {
    re: /\b(?:c?[Pp]ickle|dill|shelve|marshal|jsonpickle)\.(?:loads?|open|decode)\s*\(|\byaml\.(?:unsafe_)?load\s*\((?![^)]*Loader\s*=\s*(?:yaml\.)?C?SafeLoader)|\btorch\.load\s*\((?![^)]*weights_only\s*=\s*True)/,
    langs: ['py'],
    severity: 'high',
    label: 'deserialises untrusted data into objects',
  },
  {
    re: /\bmark_safe\s*\(|\|\s*safe\b|\bMarkup\s*\(/,
    langs: ['py'],
    severity: 'medium',
    label: 'marks a string as safe HTML',
  },
  {
    re: /\bsubprocess\.(?:call|run|Popen|check_output|check_call)\s*\(/,
    langs: ['py'],
    severity: 'low',
    label: 'starts a process',
  },
  {
    re: /\bexec\.Command(?:Context)?\s*\(\s*(?:\w+\s*,\s*)?"(?:sh|bash|zsh|cmd|cmd\.exe|powershell|\/bin\/sh|\/bin\/bash)"/,
    langs: ['go'],
    severity: 'high',
    label: 'runs a command through a shell',
  },
  { re: /\bexec\.Command(?:Context)?\s*\(/, langs: ['go'], severity: 'low', label: 'starts a process' },
  {
    re: /\bunsafe\.Pointer\b|^\s*"unsafe"\s*$|\bimport\s+"unsafe"/,
    langs: ['go'],
    severity: 'medium',
    label: 'bypasses memory safety',
  },
  {
    re: /\btemplate\.(?:HTML|JS|URL|HTMLAttr)\s*\(/,
    langs: ['go'],
    severity: 'medium',
    label: 'marks a string as safe HTML/JS',
  },
  { re: /\bRuntime\.getRuntime\s*\(\s*\)\.exec\s*\(/, langs: ['java'], severity: 'high', label: 'runs an OS command' },
  { re: /\bnew\s+ProcessBuilder\s*\(/, langs: ['java'], severity: 'medium', label: 'starts a process' },
  {
    re: /\bnew\s+(?:ObjectInputStream|XMLDecoder)\s*\(|\.readObject\s*\(\s*\)|\bXStream\b.*\.fromXML\s*\(|\benableDefaultTyping\s*\(/,
    langs: ['java'],
    severity: 'high',
    label: 'deserialises untrusted data into objects',
  },
  {
    re: /\bScriptEngine(?:Manager)?\b|\bClass\.forName\s*\(|\.setAccessible\s*\(\s*true\s*\)/,
    langs: ['java'],
    severity: 'low',
    label: 'dynamic code or reflection',
  },
  {
    re: /\b(?:BinaryFormatter|NetDataContractSerializer|LosFormatter|SoapFormatter|ObjectStateFormatter)\b|\bTypeNameHandling\.(?:All|Auto|Objects|Arrays)\b/,
    langs: ['cs'],
    severity: 'high',
    label: 'deserialises untrusted data into objects',
  },
  { re: /\bProcess\.Start\s*\(/, langs: ['cs'], severity: 'medium', label: 'starts a process' },
  {
    re: /\bHtml\.Raw\s*\(|\bnew\s+HtmlString\s*\(|\bMarkupString\s*\)/,
    langs: ['cs'],
    severity: 'medium',
    label: 'writes raw HTML (XSS)',
  },
  { re: /\bunsafe\s*(?:\{|fn\b|impl\b)/, langs: ['rust', 'cs'], severity: 'medium', label: 'bypasses memory safety' },
  {
    re: /\bCommand::new\s*\(\s*"(?:sh|bash|cmd)"/,
    langs: ['rust'],
    severity: 'high',
    label: 'runs a command through a shell',
  },
  {
    re: /(?<![.\w$>])(?:eval|system|passthru|shell_exec|popen|proc_open|assert)\s*\(|\bunserialize\s*\(/,
    langs: ['php'],
    severity: 'high',
    label: 'evaluates code, runs a shell or deserialises',
  },
  {
    re: /\bMarshal\.load\b|\bYAML\.load\s*\(|(?<![.\w])(?:eval|system)\s*\(?|`[^`]*#\{/,
    langs: ['ruby'],
    severity: 'high',
    label: 'evaluates code, runs a shell or deserialises',
  },
  {
    re: /(?<![.\w])(?:system|popen|gets)\s*\(|\b(?:strcpy|strcat|sprintf)\s*\(/,
    langs: ['c'],
    severity: 'medium',
    label: 'unbounded or shell-running C call',
  },
  { re: /^\s*eval\s+/, langs: ['shell'], severity: 'medium', label: 'evaluates a string as shell code' },
];

const CHEAP =
  /eval|Function|vm\.|set(?:Timeout|Interval)|shell|exec|child|HTML|html|document\.write|bypass|__import__|os\.|commands|ickle|dill|shelve|marshal|Marshal|yaml|YAML|torch|safe|Markup|subprocess|Command|unsafe|template|Runtime|Process|ObjectInputStream|XMLDecoder|readObject|XStream|DefaultTyping|Script|forName|setAccessible|Formatter|Serializer|TypeNameHandling|Raw|system|passthru|popen|proc_open|assert|unserialize|`|gets|strc|sprintf/;

/** SQL keywords in upper case (lower case only in unambiguous shapes, since prose also says "select ... from"). */
const SQL =
  /\b(?:SELECT\b[^;]{0,200}?\bFROM|INSERT\s+INTO|UPDATE\s+[\w."`[\]]+\s+SET|DELETE\s+FROM|WHERE\s+[\w."`]+\s*(?:=|<|>|LIKE|IN\b))\b|\b(?:select\s+\*\s+from|insert\s+into|delete\s+from)\b/;
const COMMAND =
  /\b(?:exec|execSync|system|popen|Popen|check_output|Command|ProcessBuilder|Process\.Start|shell_exec|getRuntime\(\)\.exec)\s*\(/;
/** Words without which neither SQL nor COMMAND can match: a cheap gate before the costlier patterns. */
const MAYBE_INJECTION =
  /SELECT|INSERT|UPDATE|DELETE|WHERE|select|insert|delete|exec|system|popen|Popen|check_output|Command|ProcessBuilder|Process\.Start/;
/** Building a string from values: concatenation next to a quote, interpolation, printf-style or .format. */
const BUILT =
  /["'`]\s*\+\s*[\w$(]|[\w$)\]]\s*\+\s*["'`]|\$\{|["']\s*%\s*[\w(]|\.format\s*\(|\bf["'][^"']*\{|\b[Ss]printf\s*\(|\bString\.format\s*\(|\bstring\.Format\s*\(|\$@?"[^"]*\{|\.concat\s*\(|\+=\s*["'`\w]|\bformat!\s*\(/;

export const sinkRules: RuleFamily = {
  name: 'dangerous-sinks',
  rules: [SINK, INJECTION, QUOTING],
  triggers: [
    'eval',
    'function',
    'vm.',
    'settimeout',
    'setinterval',
    'shell',
    'exec',
    'child',
    'html',
    'document.write',
    'bypass',
    '__import__',
    'os.',
    'commands',
    'ickle',
    'dill',
    'shelve',
    'marshal',
    'yaml',
    'torch',
    'safe',
    'markup',
    'subprocess',
    'command',
    'unsafe',
    'template',
    'runtime',
    'process',
    'objectinputstream',
    'xmldecoder',
    'readobject',
    'xstream',
    'defaulttyping',
    'script',
    'forname',
    'setaccessible',
    'formatter',
    'serializer',
    'typenamehandling',
    'raw',
    'system',
    'passthru',
    'popen',
    'proc_open',
    'assert',
    'unserialize',
    '`',
    'gets',
    'strc',
    'sprintf',
    'select',
    'insert',
    'update',
    'delete',
    'where',
    'check_output',
    'shlex',
    'quote',
    'escape',
    'shellwords',
    'shell_words',
    'list2cmdline',
    'arg',
    'cmd',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (!file.cls.source) continue;
      const lang = file.cls.language;
      let moved: ReadonlySet<number> | undefined;
      for (const l of file.added) {
        if (!sink.mayMatch(l)) continue;
        // A sink that was already there and only moved (re-indented, or carried to another file) is not new.
        if ((moved ??= movedInChange(change, file)).has(l.line)) continue;
        const code = l.code;
        // SQL lives in strings; a command call counts only as code (a help text naming `Popen(` runs nothing).
        if (
          MAYBE_INJECTION.test(code) &&
          BUILT.test(code) &&
          (SQL.test(code) || execInCode(COMMAND, code, l.bare) !== null)
        ) {
          const what = SQL.test(code) ? 'SQL' : 'a shell command';
          sink.line(INJECTION, file, l, 'new', 'high', `added ${quote(l.text, 60)}: ${what} built from string pieces`);
          continue;
        }
        const quoting = execInCode(QUOTE_WORK, code, l.bare) !== null;
        if (quoting || buildsArgv(l)) {
          // No `continue`: the process start on the same line is its own finding.
          sink.line(
            QUOTING,
            file,
            l,
            'new',
            'medium',
            `added ${quote(l.text, 60)}: ${quoting ? 'shell quoting done here' : 'command arguments built from interpolated text'}`,
          );
        }
        if (!CHEAP.test(code)) continue;
        for (const p of PATTERNS) {
          if (p.langs && !p.langs.includes(lang)) continue;
          // Only where the line's code says it: the same words in a help text, a prompt or a message run nothing.
          const m = execInCode(p.re, code, l.bare);
          if (m) {
            sink.line(
              SINK,
              file,
              l,
              'new',
              p.severity,
              `added ${quote(m[0].length > 8 ? m[0] : l.text, 50)}: ${p.label}`,
            );
            break;
          }
        }
      }
    }
  },
};
