/** Weakened security settings: TLS verification off, weak hashes/ciphers/randomness, permissive CORS, debug modes. */
import type { Change } from '../model/change';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, scanLines } from './rule';

const TLS: RuleMeta = {
  id: 'tls-verification-off',
  claims: { languages: ['js', 'py', 'go', 'java', 'cs'] },
  category: 'weakened-security',
  title: 'TLS certificate verification disabled',
  whatToDo: 'Keep verification on; trust the specific CA or certificate instead (custom CA bundle, pinned cert).',
};
const CRYPTO: RuleMeta = {
  id: 'weak-crypto',
  claims: { languages: ['js', 'py', 'go', 'java', 'cs'] },
  category: 'weakened-security',
  title: 'Weak hash, cipher or randomness',
  whatToDo: 'Use SHA-256+ (or a password hash such as argon2/bcrypt), AES-GCM, and a cryptographic RNG for tokens.',
};
const CORS: RuleMeta = {
  id: 'permissive-cors',
  claims: { languages: ['js', 'py', 'go', 'java', 'cs'] },
  category: 'weakened-security',
  title: 'CORS open to any origin',
  whatToDo: 'List the allowed origins explicitly; never combine a wildcard with credentials.',
};
const INSECURE: RuleMeta = {
  id: 'insecure-setting',
  claims: { languages: ['js', 'py', 'go', 'java', 'cs'] },
  category: 'weakened-security',
  title: 'Insecure setting enabled',
  whatToDo:
    'Keep debug modes and insecure cookie or header settings out of code that can reach production; gate them on configuration.',
};

const TLS_PATTERNS: readonly LinePattern[] = [
  {
    re: /\bverify\s*=\s*False\b|\bcheck_hostname\s*=\s*False\b|\bCERT_NONE\b|\b_create_unverified_context\b/,
    severity: 'high',
    label: 'certificates are not checked',
  },
  {
    re: /\brejectUnauthorized\s*:\s*false\b|\bNODE_TLS_REJECT_UNAUTHORIZED\b\W+0|\bstrictSSL\s*[:=]\s*false\b|\bstrict-ssl\s*=\s*false\b/,
    part: 'text',
    severity: 'high',
    label: 'certificates are not checked',
  },
  { re: /\bInsecureSkipVerify\s*:\s*true\b/, severity: 'high', label: 'certificates are not checked' },
  {
    re: /\bTrustAll\w*|\bNoopHostnameVerifier\b|\bALLOW_ALL_HOSTNAME_VERIFIER\b|\bInsecureTrustManagerFactory\b|\bcheckServerTrusted\s*\([^)]*\)\s*(?:throws\s+\w+\s*)?\{\s*\}/,
    severity: 'high',
    label: 'accepts any certificate',
  },
  {
    re: /ServerCertificate(?:Custom)?ValidationCallback\s*=.*(?:=>\s*true|return\s+true)|\bDangerousAcceptAnyServerCertificateValidator\b/,
    severity: 'high',
    label: 'accepts any certificate',
  },
  {
    re: /\bcurl\b.*\s(?:-k|--insecure)\b|\bwget\b.*--no-check-certificate\b|\bGIT_SSL_NO_VERIFY\b|\bsslVerify\s*=?\s*false\b/i,
    part: 'text',
    severity: 'medium',
    label: 'downloads without checking certificates',
  },
];

const CRYPTO_PATTERNS: readonly LinePattern[] = [
  {
    re: /(?:Math\.random\s*\(\s*\)|\brandom\.(?:random|randint|choice|choices|getrandbits)\s*\(|\brand\.(?:Int\w*|Read)\s*\(|\bnew\s+Random\s*\().*(?:token|secret|passw|nonce|salt|otp|csrf|session|api_?key|uuid)|(?:token|secret|passw|nonce|salt|otp|csrf|session|api_?key)\w*\s*[:=].*(?:Math\.random\s*\(|\brandom\.\w+\s*\(|\brand\.\w+\s*\(|\bnew\s+Random\s*\()/i,
    severity: 'medium',
    label: 'predictable randomness for a secret value',
  },
  {
    re: /\b(?:createHash|createHmac)\s*\(\s*['"](?:md5|sha1|md4)['"]|\bhashlib\.(?:md5|sha1)\s*\(|\b(?:md5|sha1)\.(?:New|Sum)\b|"crypto\/(?:md5|sha1|des|rc4)"|\bMessageDigest\.getInstance\s*\(\s*"(?:MD5|SHA-?1)"|\b(?:MD5|SHA1)(?:CryptoServiceProvider)?\.Create\s*\(|\bnew\s+(?:MD5|SHA1)CryptoServiceProvider\b|\bDigestUtils\.(?:md5|sha1)\w*\s*\(/i,
    severity: 'low',
    label: 'MD5/SHA-1 are broken for security uses',
  },
  {
    re: /\b(?:DES|3DES|TripleDES|RC4|RC2|Blowfish)\b(?!\w)|\b(?:des\.New(?:TripleDES)?Cipher|rc4\.NewCipher)\b|\bAES\.MODE_ECB\b|\bCipherMode\.ECB\b|\/ECB\/|Cipher\.getInstance\s*\(\s*"AES"\s*\)|\bcreateCipher\s*\(/,
    severity: 'medium',
    label: 'weak cipher or mode',
  },
];

const CORS_PATTERNS: readonly LinePattern[] = [
  {
    re: /Access-Control-Allow-Origin['"]?\s*[:,=]\s*['"]\*['"]|\borigin\s*:\s*(?:['"]\*['"]|true\b)/i,
    part: 'text',
    severity: 'medium',
    label: 'any site can call this API from a browser',
  },
  {
    re: /\bAllowAnyOrigin\s*\(\s*\)|\bCORS_(?:ORIGIN_)?ALLOW_ALL(?:_ORIGINS)?\s*=\s*True\b|\ballow_origins\s*=\s*\[\s*['"]\*['"]|AllowOrigins\s*:\s*\[\]string\s*\{\s*"\*"|\bAllowAllOrigins\s*:\s*true\b|@CrossOrigin\s*(?:\(\s*(?:origins\s*=\s*)?"\*"\s*\))?\s*$|(?:allowedOrigins|addAllowedOrigin|allowedOriginPatterns)\s*\(\s*"\*"\s*\)/,
    severity: 'medium',
    label: 'any site can call this API from a browser',
  },
];

const INSECURE_PATTERNS: readonly LinePattern[] = [
  {
    re: /^\s*DEBUG\s*=\s*True\b|\.run\s*\([^)]*\bdebug\s*=\s*True|\bapp\.debug\s*=\s*True\b|\bUseDeveloperExceptionPage\s*\(/,
    severity: 'medium',
    label: 'debug mode exposes internals and sometimes a console',
  },
  {
    re: /\b(?:SESSION|CSRF)_COOKIE_(?:SECURE|HTTPONLY)\s*=\s*False\b|\b(?:httpOnly|HttpOnly|secure|Secure)\s*[:=]\s*false\b|\.set(?:HttpOnly|Secure)\s*\(\s*false\s*\)/,
    severity: 'low',
    label: 'cookie readable by scripts or sent over plain HTTP',
  },
  {
    re: /\bcontentSecurityPolicy\s*:\s*false\b|\bX-Frame-Options\b.*ALLOWALL|\bframeguard\s*:\s*false\b|\bhelmet\s*\(\s*\{[^}]*:\s*false/,
    severity: 'medium',
    label: 'browser security header disabled',
  },
];

export const securitySettingRules: RuleFamily = {
  name: 'weakened-security',
  rules: [TLS, CRYPTO, CORS, INSECURE],
  triggers: [
    'verify',
    'check_hostname',
    'cert_none',
    'unverified',
    'rejectunauthorized',
    'node_tls',
    'strict',
    'insecure',
    'trustall',
    'hostname',
    'trustmanager',
    'checkservertrusted',
    'servercertificate',
    'acceptany',
    'curl',
    'wget',
    'ssl',
    'random',
    'rand.',
    'md5',
    'sha1',
    'sha',
    'digest',
    'des',
    'rc4',
    'rc2',
    'blowfish',
    'ecb',
    'aes',
    'createcipher',
    'origin',
    'cors',
    'debug',
    'developer',
    'cookie',
    'ttponly',
    'ecure',
    'contentsecuritypolicy',
    'x-frame',
    'frameguard',
    'helmet',
  ],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (file.cls.lockfile || file.cls.docs || file.diff.binary) continue;
      const code = file.cls.source || file.cls.test;
      scanLines(
        sink,
        TLS,
        file,
        file.added,
        'new',
        TLS_PATTERNS,
        /verify|check_hostname|CERT_NONE|unverified|rejectUnauthorized|NODE_TLS|strict|Insecure|TrustAll|Hostname|TrustManager|checkServerTrusted|ServerCertificate|AcceptAny|curl|wget|SSL|ssl/,
      );
      if (code)
        scanLines(
          sink,
          CRYPTO,
          file,
          file.added,
          'new',
          CRYPTO_PATTERNS,
          /random|rand\.|Random|md5|sha1|MD5|SHA|Digest|DES|des\.|rc4|RC4|RC2|Blowfish|ECB|AES|createCipher/,
        );
      scanLines(sink, CORS, file, file.added, 'new', CORS_PATTERNS, /origin|Origin|CORS/);
      if (!file.cls.test)
        scanLines(
          sink,
          INSECURE,
          file,
          file.added,
          'new',
          INSECURE_PATTERNS,
          /DEBUG|debug|Developer|COOKIE|ttpOnly|ecure|contentSecurityPolicy|X-Frame|frameguard|helmet/,
        );
    }
  },
};
